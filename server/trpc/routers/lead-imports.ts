import {
  importIdInput,
  importRowsInput,
  listImportsInput,
  previewImportInput,
  startImportInput,
} from "@/server/services/lead-import-schemas";
import {
  cancelImport,
  failedRowsCsv,
  getImport,
  listImportRows,
  listImports,
  previewImport,
  startImport,
} from "@/server/services/lead-imports";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

// `preview` changes nothing; it is a mutation only because the start of a CSV is too large for a
// query's URL (it is in READ_ONLY_MUTATIONS). Starting and cancelling need the editor role.
export const leadImportsRouter = router({
  preview: protectedProcedure
    .input(previewImportInput)
    .mutation(({ ctx, input }) => previewImport(ctx.db, ctx.auth.workspaceId, input)),
  start: editorProcedure
    .input(startImportInput)
    .mutation(({ ctx, input }) => startImport(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  get: protectedProcedure
    .input(importIdInput)
    .query(({ ctx, input }) => getImport(ctx.db, ctx.auth.workspaceId, input.id)),
  list: protectedProcedure
    .input(listImportsInput)
    .query(({ ctx, input }) => listImports(ctx.db, ctx.auth.workspaceId, input.flowId)),
  rows: protectedProcedure
    .input(importRowsInput)
    .query(({ ctx, input }) => listImportRows(ctx.db, ctx.auth.workspaceId, input)),
  failedRowsCsv: protectedProcedure
    .input(importIdInput)
    .query(({ ctx, input }) => failedRowsCsv(ctx.db, ctx.auth.workspaceId, input.id)),
  cancel: editorProcedure
    .input(importIdInput)
    .mutation(({ ctx, input }) => cancelImport(ctx.db, ctx.auth.workspaceId, input.id)),
});
