import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { pruneWebhookHistory, WEBHOOK_HISTORY_DAYS } from "@/server/services/webhooks/retention";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, type WorkspaceFixture } from "@/test/helpers/fixtures";

let database: Database;
let ws: WorkspaceFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createWorkspace(database.db, "Retention Co");
});
afterAll(() => database.close());

const DAY = 86_400_000;

async function eventWithDelivery(
  ageDays: number,
  dispatched: boolean,
  status: "pending" | "delivered" | "failed",
) {
  const createdAt = new Date(Date.now() - ageDays * DAY);
  const [event] = await database.db
    .insert(outboxEvents)
    .values({
      workspaceId: ws.workspaceId,
      type: "lead.routed",
      payload: { ageDays },
      createdAt,
      dispatchedAt: dispatched ? createdAt : null,
    })
    .returning({ id: outboxEvents.id });
  if (!event) throw new Error("no event");
  const [delivery] = await database.db
    .insert(webhookDeliveries)
    .values({
      workspaceId: ws.workspaceId,
      eventId: event.id,
      kind: "webhook",
      targetKey: "endpoint:retention-test",
      url: "https://hooks.example/retention",
      status,
      createdAt,
    })
    .returning({ id: webhookDeliveries.id });
  if (!delivery) throw new Error("no delivery");
  await database.db.insert(webhookAttempts).values({ deliveryId: delivery.id, attempt: 1, statusCode: 200 });
  return { eventId: event.id, deliveryId: delivery.id };
}

describe("webhook history retention", () => {
  it(`drops finished events older than ${WEBHOOK_HISTORY_DAYS} days with their deliveries and attempts, and keeps everything still owed`, async () => {
    const oldDelivered = await eventWithDelivery(WEBHOOK_HISTORY_DAYS + 5, true, "delivered");
    const oldFailed = await eventWithDelivery(WEBHOOK_HISTORY_DAYS + 5, true, "failed");
    const oldPending = await eventWithDelivery(WEBHOOK_HISTORY_DAYS + 5, true, "pending");
    const oldUndispatched = await eventWithDelivery(WEBHOOK_HISTORY_DAYS + 5, false, "delivered");
    const recent = await eventWithDelivery(WEBHOOK_HISTORY_DAYS - 1, true, "delivered");

    expect(await pruneWebhookHistory(database.db)).toBeGreaterThanOrEqual(2);

    const ids = [oldDelivered, oldFailed, oldPending, oldUndispatched, recent].map((e) => e.eventId);
    const left = await database.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(inArray(outboxEvents.id, ids));
    expect(new Set(left.map((e) => e.id))).toEqual(
      new Set([oldPending.eventId, oldUndispatched.eventId, recent.eventId]),
    );
    const attemptsOfPruned = await database.db
      .select({ id: webhookAttempts.id })
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, oldDelivered.deliveryId));
    expect(attemptsOfPruned).toEqual([]);
  });
});
