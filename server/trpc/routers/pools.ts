import { createPoolInput, idInput, updatePoolInput } from "@/server/schemas";
import { createPool, getPool, listPools, setPoolArchived, updatePool } from "@/server/services/pools";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const poolsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listPools(ctx.db, ctx.auth.workspaceId)),
  get: protectedProcedure
    .input(idInput)
    .query(({ ctx, input }) => getPool(ctx.db, ctx.auth.workspaceId, input.id)),
  create: editorProcedure
    .input(createPoolInput)
    .mutation(({ ctx, input }) => createPool(ctx.db, ctx.auth.workspaceId, input)),
  update: editorProcedure
    .input(updatePoolInput)
    .mutation(({ ctx, input }) => updatePool(ctx.db, ctx.auth.workspaceId, input)),
  archive: editorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => setPoolArchived(ctx.db, ctx.auth.workspaceId, input.id, true)),
  restore: editorProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => setPoolArchived(ctx.db, ctx.auth.workspaceId, input.id, false)),
});
