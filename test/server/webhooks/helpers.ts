import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { outboxEvents, webhookDeliveries } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { WEBHOOK_EVENT_DATA, WEBHOOK_EVENT_TYPES } from "@/server/services/webhooks/events";
import type { ReceivedRequest } from "@/test/helpers/webhook-receiver";

/** The outbox event ids of a workspace (optionally of one type), as webhook-ids. */
export async function messageIds(db: Db, workspaceId: string, type?: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.workspaceId, workspaceId), type ? eq(outboxEvents.type, type) : sql`true`));
  return new Set(rows.map((r) => `msg_${r.id}`));
}

export function containsAll(seen: Set<string>, wanted: Set<string>): boolean {
  for (const id of wanted) if (!seen.has(id)) return false;
  return true;
}

export async function deliveryStatuses(db: Db, endpointId: string) {
  return db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId));
}

/** What an integrator checks: signature, headers, and a body of a known type with schema-valid data. */
export function expectValidWebhook(request: ReceivedRequest): void {
  expect(request.verified).toBe(true);
  expect(request.headers["content-type"]).toBe("application/json");
  expect(request.headers["user-agent"]).toBe("Switchyard-Webhooks/1");
  expect(String(request.headers["webhook-id"])).toMatch(/^msg_[0-9a-f-]{36}$/);
  const body = JSON.parse(request.body) as { type: string; timestamp: string; data: unknown };
  expect(WEBHOOK_EVENT_TYPES).toContain(body.type);
  expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
  const schema = WEBHOOK_EVENT_DATA[body.type as keyof typeof WEBHOOK_EVENT_DATA];
  const parsed = schema.safeParse(body.data);
  expect(parsed.error?.issues ?? []).toEqual([]);
}
