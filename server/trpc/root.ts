import { createCallerFactory, router } from "@/server/trpc/init";
import { apiKeysRouter } from "@/server/trpc/routers/api-keys";
import { authRouter } from "@/server/trpc/routers/auth";
import { poolsRouter } from "@/server/trpc/routers/pools";
import { repsRouter } from "@/server/trpc/routers/reps";
import { workspaceRouter } from "@/server/trpc/routers/workspace";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  apiKeys: apiKeysRouter,
  reps: repsRouter,
  pools: poolsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
