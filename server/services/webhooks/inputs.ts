import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/server/services/webhooks/events";
import { MAX_TEMPLATE_LENGTH } from "@/server/services/webhooks/template";

// Inputs of the webhooks and notifications routers; zod only, so forms can import them too.

const id = z.uuid("must be a valid id");
/** Scheme and address checks need DNS, so they run in the service (BAD_REQUEST "url: …"). */
const urlText = z.string().trim().min(1, "is required").max(2048, "must be at most 2048 characters");
const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, `must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}`))
  .min(1, "must list at least one event")
  .max(WEBHOOK_EVENT_TYPES.length, `must have at most ${WEBHOOK_EVENT_TYPES.length} entries`);
const description = z.string().trim().max(500, "must be at most 500 characters");

export const createEndpointInput = z.object({
  url: urlText,
  description: description.default(""),
  events,
});

export const updateEndpointInput = z.object({
  id,
  url: urlText.optional(),
  description: description.optional(),
  events: events.optional(),
  enabled: z.boolean("must be true or false").optional(),
});

export const endpointIdInput = z.object({ id });

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export const listDeliveriesInput = z.object({
  endpointId: id.optional(),
  status: z.enum(DELIVERY_STATUSES, "must be one of pending, delivered, failed").optional(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES, `must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}`).optional(),
  /** The id of the last delivery of the previous page. */
  cursor: id.nullish(),
  limit: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(50),
});

export const deliveryIdInput = z.object({ id });

const template = z
  .string()
  .max(MAX_TEMPLATE_LENGTH, `must be at most ${MAX_TEMPLATE_LENGTH} characters`)
  .refine((t) => t.trim().length > 0, "is required");

export const notificationFlowInput = z.object({ flowId: id });

export const setNotificationInput = z.object({
  flowId: id,
  enabled: z.boolean("must be true or false"),
  template,
  channelUrl: urlText.nullable().default(null),
});

export const previewNotificationInput = z.object({ flowId: id, template });
