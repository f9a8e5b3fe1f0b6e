import { flowIdInput } from "@/server/schemas";
import {
  experimentResults,
  experimentResultsInput,
  listExperiments,
  promoteArm,
  promoteArmInput,
  startExperiment,
  startExperimentInput,
  stopExperiment,
  stopExperimentInput,
} from "@/server/services/experiments";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const experimentsRouter = router({
  list: protectedProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => listExperiments(ctx.db, ctx.auth.workspaceId, input.flowId)),
  results: protectedProcedure
    .input(experimentResultsInput)
    .query(({ ctx, input }) => experimentResults(ctx.db, ctx.auth.workspaceId, input)),
  start: editorProcedure
    .input(startExperimentInput)
    .mutation(({ ctx, input }) => startExperiment(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  stop: editorProcedure
    .input(stopExperimentInput)
    .mutation(({ ctx, input }) => stopExperiment(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  promote: editorProcedure
    .input(promoteArmInput)
    .mutation(({ ctx, input }) => promoteArm(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
});
