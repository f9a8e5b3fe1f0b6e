import { leadIdInput, listOutcomes, reportOutcome, reportOutcomeInput } from "@/server/services/outcomes";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const outcomesRouter = router({
  list: protectedProcedure
    .input(leadIdInput)
    .query(({ ctx, input }) => listOutcomes(ctx.db, ctx.auth.workspaceId, input.leadId)),
  report: editorProcedure.input(reportOutcomeInput).mutation(({ ctx, input }) => {
    const { leadId, ...report } = input;
    return reportOutcome(ctx.db, ctx.auth.workspaceId, leadId, report);
  }),
});
