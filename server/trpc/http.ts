import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { appRouter } from "@/server/trpc/root";

export const TRPC_ENDPOINT = "/api/trpc";

export function handleTrpcRequest(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: async () => ({ db: (await getDatabase()).db, session: await getSessionIdentity() }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
