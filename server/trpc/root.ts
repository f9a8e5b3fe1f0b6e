import { createCallerFactory, router } from "@/server/trpc/init";
import { analyticsRouter } from "@/server/trpc/routers/analytics";
import { apiKeysRouter } from "@/server/trpc/routers/api-keys";
import { authRouter } from "@/server/trpc/routers/auth";
import { experimentsRouter } from "@/server/trpc/routers/experiments";
import { flowTestsRouter } from "@/server/trpc/routers/flow-tests";
import { flowsRouter } from "@/server/trpc/routers/flows";
import { leadImportsRouter } from "@/server/trpc/routers/lead-imports";
import { leadsRouter } from "@/server/trpc/routers/leads";
import { notificationsRouter } from "@/server/trpc/routers/notifications";
import { outcomesRouter } from "@/server/trpc/routers/outcomes";
import { poolsRouter } from "@/server/trpc/routers/pools";
import { replayRouter } from "@/server/trpc/routers/replay";
import { repsRouter } from "@/server/trpc/routers/reps";
import { routingRouter } from "@/server/trpc/routers/routing";
import { webhooksRouter } from "@/server/trpc/routers/webhooks";
import { workspaceRouter } from "@/server/trpc/routers/workspace";

export const appRouter = router({
  auth: authRouter,
  workspace: workspaceRouter,
  apiKeys: apiKeysRouter,
  reps: repsRouter,
  pools: poolsRouter,
  flows: flowsRouter,
  flowTests: flowTestsRouter,
  routing: routingRouter,
  leads: leadsRouter,
  leadImports: leadImportsRouter,
  replay: replayRouter,
  analytics: analyticsRouter,
  experiments: experimentsRouter,
  outcomes: outcomesRouter,
  webhooks: webhooksRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
