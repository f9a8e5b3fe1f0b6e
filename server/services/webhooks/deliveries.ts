import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import type { WebhookEventType } from "@/server/services/webhooks/events";
import { requestDelivery } from "@/server/services/webhooks/outbox-signal";

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  kind: "webhook" | "notification";
  url: string;
  endpointId: string | null;
  repId: string | null;
  status: "pending" | "delivered" | "failed";
  /** Attempts in the current retry budget (a manual retry starts a new one). */
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  eventType: sql<WebhookEventType>`${outboxEvents.type}`,
  kind: webhookDeliveries.kind,
  url: webhookDeliveries.url,
  endpointId: webhookDeliveries.endpointId,
  repId: webhookDeliveries.repId,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};

export interface DeliveryFilters {
  endpointId?: string | undefined;
  status?: "pending" | "delivered" | "failed" | undefined;
  eventType?: WebhookEventType | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The delivery log: newest first, one page at a time (keyset on created_at, id). */
export async function listDeliveries(
  db: Executor,
  workspaceId: string,
  filters: DeliveryFilters,
): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(webhookDeliveries.workspaceId, workspaceId)];
  if (filters.endpointId) where.push(eq(webhookDeliveries.endpointId, filters.endpointId));
  if (filters.status) where.push(eq(webhookDeliveries.status, filters.status));
  if (filters.eventType) where.push(eq(outboxEvents.type, filters.eventType));
  if (filters.cursor) {
    where.push(
      sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (select d.created_at, d.id from webhook_deliveries d where d.id = ${filters.cursor} and d.workspace_id = ${workspaceId})`,
    );
  }
  const rows = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(filters.limit + 1);
  const items = rows.slice(0, filters.limit);
  return { items, nextCursor: rows.length > filters.limit ? (items.at(-1)?.id ?? null) : null };
}

const NOT_FOUND = "id: no delivery with this id in your workspace";

async function findDelivery(db: Executor, workspaceId: string, id: string): Promise<DeliveryView> {
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, id)));
  if (!row) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return row;
}

/** One delivery with its event and every attempt (status code, latency, response snippet, error). */
export async function getDelivery(db: Executor, workspaceId: string, id: string) {
  const delivery = await findDelivery(db, workspaceId, id);
  const [[event], attempts] = await Promise.all([
    db
      .select({
        id: outboxEvents.id,
        type: sql<WebhookEventType>`${outboxEvents.type}`,
        payload: outboxEvents.payload,
        createdAt: outboxEvents.createdAt,
      })
      .from(outboxEvents)
      .where(eq(outboxEvents.id, delivery.eventId)),
    db
      .select({
        attempt: webhookAttempts.attempt,
        startedAt: webhookAttempts.startedAt,
        statusCode: webhookAttempts.statusCode,
        latencyMs: webhookAttempts.latencyMs,
        responseSnippet: webhookAttempts.responseSnippet,
        error: webhookAttempts.error,
      })
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, id))
      .orderBy(asc(webhookAttempts.attempt), asc(webhookAttempts.startedAt)),
  ]);
  if (!event) throw new ServiceError("NOT_FOUND", NOT_FOUND);
  return { delivery, event, attempts };
}

/**
 * Manual retry of a failed (or still pending) delivery: back to pending with a fresh attempt budget,
 * queued now. Delivered ones are left alone.
 */
export async function retryDelivery(db: Db, workspaceId: string, id: string): Promise<DeliveryView> {
  const [updated] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.id, id),
        sql`${webhookDeliveries.status} <> 'delivered'`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (!updated) {
    const existing = await findDelivery(db, workspaceId, id);
    throw new ServiceError(
      "CONFLICT",
      `id: the delivery was already delivered (${existing.deliveredAt?.toISOString()})`,
    );
  }
  await requestDelivery(id);
  return findDelivery(db, workspaceId, id);
}
