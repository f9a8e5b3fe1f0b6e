import { z } from "zod";

/**
 * The events Switchyard sends to webhook endpoints, with the exact shape of each one's `data`.
 * The body of every delivery is `{ type, timestamp, data }` (Standard Webhooks); these schemas are
 * also what the OpenAPI document publishes under `webhooks`.
 */
export const WEBHOOK_EVENT_TYPES = [
  "lead.routed",
  "lead.reassigned",
  "lead.outcome",
  "flow.published",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const repRef = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const leadRoutedData = z.object({
  leadId: z.uuid(),
  decisionId: z.uuid(),
  flowId: z.uuid(),
  version: z.object({ id: z.uuid(), number: z.number().int() }),
  outcome: z.enum(["rep", "queue", "rejected"]),
  assignee: z
    .discriminatedUnion("type", [
      repRef.extend({ type: z.literal("rep") }),
      z.object({ type: z.literal("queue"), name: z.string() }),
    ])
    .nullable(),
  pool: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  fallback: z.boolean(),
  /** Why this rep, as readable sentences. */
  path: z.array(z.string()),
  /** The lead as it was routed. */
  lead: z.record(z.string(), z.unknown()),
  routedAt: z.iso.datetime({ offset: true }),
});

export const leadReassignedData = z.object({
  leadId: z.uuid(),
  from: repRef.nullable(),
  to: repRef,
  reassignedAt: z.iso.datetime({ offset: true }),
});

export const leadOutcomeData = z.object({
  leadId: z.uuid(),
  kind: z.enum(["contacted", "meeting_booked", "qualified", "won", "lost"]),
  occurredAt: z.iso.datetime({ offset: true }),
  value: z.number().nullable(),
  /** The rep the lead was assigned to when the outcome was reported. */
  repId: z.uuid().nullable(),
});

export const flowPublishedData = z.object({
  flowId: z.uuid(),
  flowName: z.string(),
  version: z.object({ id: z.uuid(), number: z.number().int(), message: z.string() }),
  /** Whether publishing also made this version live. */
  deployed: z.boolean(),
  publishedBy: z.string().nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
});

export const WEBHOOK_EVENT_DATA = {
  "lead.routed": leadRoutedData,
  "lead.reassigned": leadReassignedData,
  "lead.outcome": leadOutcomeData,
  "flow.published": flowPublishedData,
} as const satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;

/** The JSON body POSTed to an endpoint. */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType> {
  type: T;
  timestamp: string;
  data: WebhookEventData<T>;
}
