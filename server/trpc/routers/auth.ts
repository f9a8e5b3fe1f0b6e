import { signUpInput } from "@/server/schemas";
import { signUp } from "@/server/services/accounts";
import { protectedProcedure, publicProcedure, router } from "@/server/trpc/init";

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const identity = await signUp(ctx.db, input);
    return { userId: identity.userId, workspaceId: identity.workspaceId };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.auth),
});
