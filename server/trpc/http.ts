import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { bearerToken } from "@/server/http/api";
import { appRouter } from "@/server/trpc/root";

export const TRPC_ENDPOINT = "/api/trpc";

/** A sent Authorization header always counts as a key attempt: malformed ones fail as unknown keys. */
function apiKeyOf(headers: Headers): string | null {
  if (!headers.has("authorization")) return null;
  return bearerToken(headers) ?? "";
}

export function handleTrpcRequest(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: async () => ({
      db: (await getDatabase()).db,
      session: await getSessionIdentity(),
      apiKey: apiKeyOf(request.headers),
    }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
