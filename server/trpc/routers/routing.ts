import { routeLeadInput } from "@/server/schemas";
import { routeOne } from "@/server/services/routing";
import { integrationProcedure, router } from "@/server/trpc/init";

export const routingRouter = router({
  /** Routes a lead for real (assigns a rep, records the decision); editors, or an API key with "route". */
  route: integrationProcedure("route", "editor")
    .input(routeLeadInput)
    .mutation(async ({ ctx, input }) => {
      const { response, replayed } = await routeOne(ctx.db, { workspaceId: ctx.auth.workspaceId, ...input });
      return { ...response, replayed };
    }),
});
