import {
  createTestCaseInput,
  flowIdInput,
  idInput,
  recentLeadsInput,
  runAllTestCasesInput,
  testRunInput,
  updateTestCaseInput,
} from "@/server/schemas";
import {
  createTestCase,
  deleteTestCase,
  listTestCases,
  updateTestCase,
} from "@/server/services/flow-test-cases";
import { recentLeads, runAllTestCases, runTestLead } from "@/server/services/flow-tests";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

// `run` and `runAll` change nothing, so viewers may call them; they are mutations only because the
// editor's unsaved graph travels with them and can be far too large for a query's URL.
export const flowTestsRouter = router({
  run: protectedProcedure
    .input(testRunInput)
    .mutation(({ ctx, input }) => runTestLead(ctx.db, ctx.auth.workspaceId, input)),
  runAll: protectedProcedure
    .input(runAllTestCasesInput)
    .mutation(({ ctx, input }) => runAllTestCases(ctx.db, ctx.auth.workspaceId, input)),
  recentLeads: protectedProcedure
    .input(recentLeadsInput)
    .query(({ ctx, input }) => recentLeads(ctx.db, ctx.auth.workspaceId, input)),
  list: protectedProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => listTestCases(ctx.db, ctx.auth.workspaceId, input.flowId)),
  create: editorProcedure
    .input(createTestCaseInput)
    .mutation(({ ctx, input }) => createTestCase(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  update: editorProcedure
    .input(updateTestCaseInput)
    .mutation(({ ctx, input }) => updateTestCase(ctx.db, ctx.auth.workspaceId, input)),
  delete: editorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => deleteTestCase(ctx.db, ctx.auth.workspaceId, input.id)),
});
