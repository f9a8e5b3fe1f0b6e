import {
  cancelReplay,
  getReplay,
  listReplays,
  previewReplayCsv,
  startReplay,
} from "@/server/services/replay";
import {
  previewCsvInput,
  replayFlowIdInput,
  replayRunIdInput,
  startReplayInput,
} from "@/server/services/replay-schemas";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

// `preview` changes nothing but is a mutation (its CSV text is too large for a query's URL) and only
// serves starting a replay, so it needs the editor role like `start`.
export const replayRouter = router({
  start: editorProcedure
    .input(startReplayInput)
    .mutation(({ ctx, input }) => startReplay(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  preview: editorProcedure
    .input(previewCsvInput)
    .mutation(({ ctx, input }) => previewReplayCsv(ctx.db, ctx.auth.workspaceId, input)),
  get: protectedProcedure
    .input(replayRunIdInput)
    .query(({ ctx, input }) => getReplay(ctx.db, ctx.auth.workspaceId, input.runId)),
  list: protectedProcedure
    .input(replayFlowIdInput)
    .query(({ ctx, input }) => listReplays(ctx.db, ctx.auth.workspaceId, input.flowId)),
  cancel: editorProcedure
    .input(replayRunIdInput)
    .mutation(({ ctx, input }) => cancelReplay(ctx.db, ctx.auth.workspaceId, input.runId)),
});
