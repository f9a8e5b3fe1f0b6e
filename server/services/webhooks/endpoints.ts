import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { webhookEndpoints } from "@/drizzle/schema";
import { type Db, type Executor, queryRows } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import {
  WEBHOOK_EVENT_DATA,
  type WebhookEventData,
  type WebhookEventType,
} from "@/server/services/webhooks/events";
import { requestDelivery } from "@/server/services/webhooks/outbox-signal";
import { generateWebhookSecret } from "@/server/services/webhooks/signature";
import { checkTargetUrl } from "@/server/services/webhooks/url-check";

export interface EndpointStats {
  delivered24h: number;
  failed24h: number;
  pending: number;
}

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: Date;
}

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** What admins see of an endpoint: everything but the secret. */
function view(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.filter((e): e is WebhookEventType => e in WEBHOOK_EVENT_DATA),
    enabled: row.enabled,
    createdAt: row.createdAt,
  };
}

const NOT_FOUND = "id: no webhook endpoint with this id in your workspace";

async function findEndpoint(db: Executor, workspaceId: string, id: string): Promise<EndpointRow> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  if (!row) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return row;
}

interface StatsRow extends Record<string, unknown> {
  endpointId: string;
  delivered24h: number;
  failed24h: number;
  pending: number;
}

export async function listEndpoints(
  db: Executor,
  workspaceId: string,
): Promise<(EndpointView & { stats: EndpointStats })[]> {
  const [rows, stats] = await Promise.all([
    db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.workspaceId, workspaceId))
      .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)),
    queryRows<StatsRow>(
      db,
      sql`select endpoint_id as "endpointId",
                 (count(*) filter (where status = 'delivered' and delivered_at > now() - interval '24 hours'))::int as "delivered24h",
                 (count(*) filter (where status = 'failed' and last_attempt_at > now() - interval '24 hours'))::int as "failed24h",
                 (count(*) filter (where status = 'pending'))::int as pending
          from webhook_deliveries
          where workspace_id = ${workspaceId} and endpoint_id is not null
            and (status = 'pending' or created_at > now() - interval '8 days')
          group by endpoint_id`,
    ),
  ]);
  const byEndpoint = new Map(stats.map((s) => [s.endpointId, s]));
  return rows.map((row) => {
    const s = byEndpoint.get(row.id);
    return {
      ...view(row),
      stats: {
        delivered24h: Number(s?.delivered24h ?? 0),
        failed24h: Number(s?.failed24h ?? 0),
        pending: Number(s?.pending ?? 0),
      },
    };
  });
}

/** Registers an endpoint; the secret is returned here and never again (rotate to get a new one). */
export async function createEndpoint(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: { url: string; description: string; events: WebhookEventType[] },
): Promise<{ endpoint: EndpointView; secret: string }> {
  const url = await checkTargetUrl(input.url);
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId,
      url,
      description: input.description,
      events: [...new Set(input.events)],
      secret,
      createdBy: userId,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return { endpoint: view(row), secret };
}

export async function updateEndpoint(
  db: Db,
  workspaceId: string,
  input: {
    id: string;
    url?: string | undefined;
    description?: string | undefined;
    events?: WebhookEventType[] | undefined;
    enabled?: boolean | undefined;
  },
): Promise<EndpointView> {
  const url = input.url === undefined ? undefined : await checkTargetUrl(input.url);
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(url !== undefined && { url }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.events !== undefined && { events: [...new Set(input.events)] }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      updatedAt: new Date(),
    })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, input.id)))
    .returning();
  if (!row) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return view(row);
}

/** A new secret takes effect for every attempt from now on, including retries of older events. */
export async function rotateSecret(db: Db, workspaceId: string, id: string): Promise<{ secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secret, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (!row) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return { secret };
}

/** Deletes an endpoint; its delivery log stays (endpointId becomes null) and pending ones stop. */
export async function deleteEndpoint(db: Db, workspaceId: string, id: string): Promise<{ id: string }> {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (!row) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return row;
}

/** Sample data of each event type for test deliveries: schema-valid, random ids, `test: true`. */
function sampleData(type: WebhookEventType, now: Date): WebhookEventData<WebhookEventType> {
  const at = now.toISOString();
  const rep = { id: randomUUID(), name: "Ana Schmidt", email: "ana@example.com" };
  const flowId = randomUUID();
  switch (type) {
    case "lead.routed":
      return {
        leadId: randomUUID(),
        decisionId: randomUUID(),
        flowId,
        version: { id: randomUUID(), number: 1 },
        outcome: "rep",
        assignee: { type: "rep", ...rep },
        pool: { id: randomUUID(), name: "EMEA" },
        score: 72,
        band: "hot",
        fallback: false,
        path: ['country in DE, FR (was "DE") → EMEA', "round-robin in EMEA picked Ana Schmidt"],
        lead: { email: "ada@example.com", country: "DE", company_size: 120 },
        routedAt: at,
      };
    case "lead.reassigned":
      return {
        leadId: randomUUID(),
        from: { id: randomUUID(), name: "Ben Okafor", email: "ben@example.com" },
        to: rep,
        reassignedAt: at,
      };
    case "lead.outcome":
      return { leadId: randomUUID(), kind: "won", occurredAt: at, value: 12_000, repId: rep.id };
    case "flow.published":
      return {
        flowId,
        flowName: "Inbound routing",
        version: { id: randomUUID(), number: 3, message: "Test event" },
        deployed: true,
        publishedBy: "Switchyard",
        publishedAt: at,
      };
  }
}

/**
 * Sends the endpoint a test event: sample data of the first event type it subscribes to, marked
 * `"test": true` in `data`, signed and retried like any other event. The event is written already
 * dispatched with its one delivery, so no other endpoint receives it.
 */
export async function sendTest(db: Db, workspaceId: string, id: string): Promise<{ deliveryId: string }> {
  const endpoint = await findEndpoint(db, workspaceId, id);
  if (!endpoint.enabled) throw new ServiceError("CONFLICT", "id: the endpoint is disabled; enable it first");
  const type = view(endpoint).events[0] ?? "lead.routed";
  const data = { ...sampleData(type, new Date()), test: true };
  const deliveryId = await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`with event as (
            insert into outbox_events (workspace_id, type, payload, dispatched_at)
            values (${workspaceId}, ${type}, ${JSON.stringify(data)}::jsonb, now())
            returning id)
          insert into webhook_deliveries (workspace_id, event_id, kind, target_key, endpoint_id, url, next_attempt_at)
          select ${workspaceId}, event.id, 'webhook', ${`endpoint:${endpoint.id}`}, ${endpoint.id}, ${endpoint.url}, now()
          from event
          returning id`,
    );
    if (!row) throw new Error("insert returned no row");
    return row.id;
  });
  await requestDelivery(deliveryId);
  return { deliveryId };
}
