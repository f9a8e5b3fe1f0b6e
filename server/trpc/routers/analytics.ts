import { getDashboard } from "@/server/services/analytics";
import { analyticsFiltersInput } from "@/server/services/analytics-input";
import { protectedProcedure, router } from "@/server/trpc/init";

export const analyticsRouter = router({
  dashboard: protectedProcedure
    .input(analyticsFiltersInput)
    .query(({ ctx, input }) => getDashboard(ctx.db, ctx.auth.workspaceId, input)),
});
