import { createRepInput, idInput, setRepStatusInput, updateRepInput } from "@/server/schemas";
import { createRep, getRep, listReps, setRepStatus, updateRep } from "@/server/services/reps";
import { editorProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const repsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listReps(ctx.db, ctx.auth.workspaceId)),
  get: protectedProcedure
    .input(idInput)
    .query(({ ctx, input }) => getRep(ctx.db, ctx.auth.workspaceId, input.id)),
  create: editorProcedure
    .input(createRepInput)
    .mutation(({ ctx, input }) => createRep(ctx.db, ctx.auth.workspaceId, input)),
  update: editorProcedure
    .input(updateRepInput)
    .mutation(({ ctx, input }) => updateRep(ctx.db, ctx.auth.workspaceId, input)),
  setStatus: editorProcedure
    .input(setRepStatusInput)
    .mutation(({ ctx, input }) => setRepStatus(ctx.db, ctx.auth.workspaceId, input)),
});
