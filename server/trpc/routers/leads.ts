import { idInput, listLeadsInput, updateLeadStatusInput } from "@/server/schemas";
import { getLead, listLeads, updateLeadStatus } from "@/server/services/leads";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const leadsRouter = router({
  list: protectedProcedure
    .input(listLeadsInput)
    .query(({ ctx, input }) => listLeads(ctx.db, ctx.auth.workspaceId, input)),
  get: protectedProcedure
    .input(idInput)
    .query(({ ctx, input }) => getLead(ctx.db, ctx.auth.workspaceId, input.id)),
  setStatus: editorProcedure
    .input(updateLeadStatusInput)
    .mutation(({ ctx, input }) => updateLeadStatus(ctx.db, ctx.auth.workspaceId, input)),
});
