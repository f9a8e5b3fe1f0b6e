import { createApiKeyInput, idInput, setApiKeyRateLimitInput } from "@/server/schemas";
import { createApiKey, listApiKeys, revokeApiKey, setApiKeyRateLimit } from "@/server/services/api-keys";
import { adminProcedure, router } from "@/server/trpc/init";

export const apiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.auth.workspaceId)),
  create: adminProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  setRateLimit: adminProcedure
    .input(setApiKeyRateLimitInput)
    .mutation(({ ctx, input }) => setApiKeyRateLimit(ctx.db, ctx.auth.workspaceId, input)),
  revoke: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.auth.workspaceId, input.id)),
});
