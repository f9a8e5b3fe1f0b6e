import { leadIdInput, listOutcomes, reportOutcome, reportOutcomeInput } from "@/server/services/outcomes";
import { integrationProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const outcomesRouter = router({
  list: protectedProcedure
    .input(leadIdInput)
    .query(({ ctx, input }) => listOutcomes(ctx.db, ctx.auth.workspaceId, input.leadId)),
  /** Editors, or an API key with "route" (the integration that routes leads reports their outcomes). */
  report: integrationProcedure("route", "editor")
    .input(reportOutcomeInput)
    .mutation(({ ctx, input }) => {
      const { leadId, ...report } = input;
      return reportOutcome(ctx.db, ctx.auth.workspaceId, leadId, report);
    }),
});
