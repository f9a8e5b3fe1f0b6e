import { getDelivery, listDeliveries, retryDelivery } from "@/server/services/webhooks/deliveries";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  rotateSecret,
  sendTest,
  updateEndpoint,
} from "@/server/services/webhooks/endpoints";
import {
  createEndpointInput,
  deliveryIdInput,
  endpointIdInput,
  listDeliveriesInput,
  updateEndpointInput,
} from "@/server/services/webhooks/inputs";
import { adminProcedure, router } from "@/server/trpc/init";

/** Outbound webhook endpoints and their delivery log: workspace admins only. */
export const webhooksRouter = router({
  listEndpoints: adminProcedure.query(({ ctx }) => listEndpoints(ctx.db, ctx.auth.workspaceId)),
  createEndpoint: adminProcedure
    .input(createEndpointInput)
    .mutation(({ ctx, input }) => createEndpoint(ctx.db, ctx.auth.workspaceId, ctx.auth.userId, input)),
  updateEndpoint: adminProcedure
    .input(updateEndpointInput)
    .mutation(({ ctx, input }) => updateEndpoint(ctx.db, ctx.auth.workspaceId, input)),
  rotateSecret: adminProcedure
    .input(endpointIdInput)
    .mutation(({ ctx, input }) => rotateSecret(ctx.db, ctx.auth.workspaceId, input.id)),
  deleteEndpoint: adminProcedure
    .input(endpointIdInput)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.db, ctx.auth.workspaceId, input.id)),
  sendTest: adminProcedure
    .input(endpointIdInput)
    .mutation(({ ctx, input }) => sendTest(ctx.db, ctx.auth.workspaceId, input.id)),
  listDeliveries: adminProcedure
    .input(listDeliveriesInput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.auth.workspaceId, input)),
  getDelivery: adminProcedure
    .input(deliveryIdInput)
    .query(({ ctx, input }) => getDelivery(ctx.db, ctx.auth.workspaceId, input.id)),
  retryDelivery: adminProcedure
    .input(deliveryIdInput)
    .mutation(({ ctx, input }) => retryDelivery(ctx.db, ctx.auth.workspaceId, input.id)),
});
