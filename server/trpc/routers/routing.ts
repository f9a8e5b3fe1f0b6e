import { routeLeadInput } from "@/server/schemas";
import { routeOne } from "@/server/services/routing";
import { editorProcedure, router } from "@/server/trpc/init";

export const routingRouter = router({
  /** Routes a lead for real (assigns a rep, records the decision); integrations usually use the HTTP API. */
  route: editorProcedure.input(routeLeadInput).mutation(async ({ ctx, input }) => {
    const { response, replayed } = await routeOne(ctx.db, { workspaceId: ctx.auth.workspaceId, ...input });
    return { ...response, replayed };
  }),
});
