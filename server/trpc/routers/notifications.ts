import {
  notificationFlowInput,
  previewNotificationInput,
  setNotificationInput,
} from "@/server/services/webhooks/inputs";
import {
  getNotification,
  previewNotification,
  setNotification,
} from "@/server/services/webhooks/notifications";
import { editorProcedure, router } from "@/server/trpc/init";

/** A flow's new-lead notification (Slack-compatible incoming webhook): editors and admins. */
export const notificationsRouter = router({
  get: editorProcedure
    .input(notificationFlowInput)
    .query(({ ctx, input }) => getNotification(ctx.db, ctx.auth.workspaceId, input.flowId)),
  set: editorProcedure
    .input(setNotificationInput)
    .mutation(({ ctx, input }) => setNotification(ctx.db, ctx.auth.workspaceId, input)),
  preview: editorProcedure
    .input(previewNotificationInput)
    .query(({ ctx, input }) => previewNotification(ctx.db, ctx.auth.workspaceId, input)),
});
