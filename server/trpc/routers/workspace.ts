import {
  addMemberInput,
  removeMemberInput,
  renameWorkspaceInput,
  setMemberRoleInput,
} from "@/server/schemas";
import {
  addMember,
  getWorkspace,
  listMembers,
  removeMember,
  renameWorkspace,
  setMemberRole,
} from "@/server/services/workspace";
import { adminProcedure, protectedProcedure, router } from "@/server/trpc/init";

export const workspaceRouter = router({
  get: protectedProcedure.query(({ ctx }) => getWorkspace(ctx.db, ctx.auth.workspaceId)),
  rename: adminProcedure
    .input(renameWorkspaceInput)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, ctx.auth.workspaceId, input.name)),
  members: protectedProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.auth.workspaceId)),
  addMember: adminProcedure
    .input(addMemberInput)
    .mutation(({ ctx, input }) => addMember(ctx.db, ctx.auth.workspaceId, input)),
  setMemberRole: adminProcedure
    .input(setMemberRoleInput)
    .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.auth.workspaceId, input.userId, input.role)),
  removeMember: adminProcedure
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.auth.workspaceId, input.userId)),
});
