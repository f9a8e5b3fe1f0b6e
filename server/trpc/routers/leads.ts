import { idInput, listLeadsInput, updateLeadStatusInput } from "@/server/schemas";
import { getLead, listLeads, updateLeadStatus } from "@/server/services/leads";
import { editorProcedure, integrationProcedure, router } from "@/server/trpc/init";

export const leadsRouter = router({
  list: integrationProcedure("read", "viewer")
    .input(listLeadsInput)
    .query(({ ctx, input }) => listLeads(ctx.db, ctx.auth.workspaceId, input)),
  get: integrationProcedure("read", "viewer")
    .input(idInput)
    .query(({ ctx, input }) => getLead(ctx.db, ctx.auth.workspaceId, input.id)),
  setStatus: editorProcedure
    .input(updateLeadStatusInput)
    .mutation(({ ctx, input }) => updateLeadStatus(ctx.db, ctx.auth.workspaceId, input)),
});
