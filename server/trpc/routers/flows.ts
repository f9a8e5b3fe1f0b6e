import { TRPCError } from "@trpc/server";
import type { FlowGraphInput } from "@/engine";
import {
  createFlowInput,
  diffVersionsInput,
  flowIdInput,
  idInput,
  publishFlowInput,
  saveDraftInput,
  updateFlowInput,
  versionIdInput,
} from "@/server/schemas";
import { FailingTestCasesError } from "@/server/services/flow-test-cases";
import {
  createFlow,
  deployVersion,
  diffVersions,
  getFlow,
  getVersion,
  listFlows,
  listFlowTemplates,
  listVersions,
  publishFlow,
  saveDraft,
  setFlowArchived,
  updateFlowDetails,
  validateDraft,
} from "@/server/services/flows";
import { editorProcedure, integrationProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const flowsRouter = router({
  list: integrationProcedure("read", "viewer").query(({ ctx }) => listFlows(ctx.db, ctx.auth.workspaceId)),
  /** Templates for the new-flow dialog, with what each would use in this workspace. */
  templates: protectedProcedure.query(({ ctx }) => listFlowTemplates(ctx.db, ctx.auth.workspaceId)),
  get: integrationProcedure("read", "viewer")
    .input(idInput)
    .query(({ ctx, input }) => getFlow(ctx.db, ctx.auth.workspaceId, input.id)),
  create: editorProcedure
    .input(createFlowInput)
    .mutation(({ ctx, input }) => createFlow(ctx.db, ctx.auth.workspaceId, input)),
  update: editorProcedure
    .input(updateFlowInput)
    .mutation(({ ctx, input }) => updateFlowDetails(ctx.db, ctx.auth.workspaceId, input)),
  archive: editorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => setFlowArchived(ctx.db, ctx.auth.workspaceId, input.id, true)),
  restore: editorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => setFlowArchived(ctx.db, ctx.auth.workspaceId, input.id, false)),
  saveDraft: editorProcedure.input(saveDraftInput).mutation(({ ctx, input }) =>
    saveDraft(ctx.db, ctx.auth.workspaceId, {
      id: input.id,
      // Structure is the engine's to judge at validate/publish time; drafts may be half-built.
      graph: input.graph as FlowGraphInput,
      expectedRevision: input.expectedRevision,
    }),
  ),
  validate: protectedProcedure
    .input(idInput)
    .query(({ ctx, input }) => validateDraft(ctx.db, ctx.auth.workspaceId, input.id)),
  publish: editorProcedure.input(publishFlowInput).mutation(async ({ ctx, input }) => {
    try {
      return await publishFlow(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input);
    } catch (error) {
      if (error instanceof FailingTestCasesError)
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: error.message, cause: error });
      throw error;
    }
  }),
  versions: protectedProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => listVersions(ctx.db, ctx.auth.workspaceId, input.flowId)),
  version: protectedProcedure
    .input(versionIdInput)
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.auth.workspaceId, input.versionId)),
  diff: protectedProcedure
    .input(diffVersionsInput)
    .query(({ ctx, input }) =>
      diffVersions(ctx.db, ctx.auth.workspaceId, input.fromVersionId, input.toVersionId),
    ),
  deploy: editorProcedure
    .input(versionIdInput)
    .mutation(({ ctx, input }) =>
      deployVersion(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input.versionId),
    ),
});
