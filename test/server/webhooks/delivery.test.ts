import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { connectOutbox } from "@/server/services/webhooks/outbox-signal";
import { webhookWorkers } from "@/server/services/webhooks/worker";
import { openIsolatedDatabase } from "@/test/helpers/isolated-db";
import { startTestQueue } from "@/test/helpers/queue";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";
import { WebhookReceiver, waitFor } from "@/test/helpers/webhook-receiver";
import {
  containsAll,
  deliveryStatuses,
  expectValidWebhook,
  messageIds,
} from "@/test/server/webhooks/helpers";

/** Short retries (8 attempts in about 5 s) so outages and exhaustion fit in a test. */
const RETRY_SCHEDULE = [0.3, 0.3, 0.5, 0.5, 1, 1, 1.5];

let isolated: Awaited<ReturnType<typeof openIsolatedDatabase>>;
let db: Db;
let queue: Awaited<ReturnType<typeof startTestQueue>>;
let fx: RoutingFixture;
const receiver = new WebhookReceiver();
let allEndpointId: string;

beforeAll(async () => {
  isolated = await openIsolatedDatabase();
  db = isolated.database.db;
  await receiver.start();
  queue = await startTestQueue(isolated.database);
  await webhookWorkers({ allowPrivate: true, retrySchedule: RETRY_SCHEDULE, timeoutMs: 1500 })({ db, queue });
  fx = await createRoutingFixture(db);
  const created = await fx.as.admin.webhooks.createEndpoint({
    url: receiver.url("/all"),
    description: "every event",
    events: ["lead.routed", "lead.reassigned", "lead.outcome", "flow.published"],
  });
  expect(created.secret).toMatch(/^whsec_/);
  receiver.secrets.set("/all", created.secret);
  allEndpointId = created.endpoint.id;
}, 120_000);

afterAll(async () => {
  connectOutbox(null);
  receiver.release();
  await queue.dispose();
  await receiver.stop();
  await isolated.dispose();
});

async function route(i: number) {
  return fx.as.admin.routing.route({ flowId: fx.flowId, lead: emeaLead(i) });
}

describe("webhook delivery", () => {
  it("delivers every routed lead signed and schema-valid, and survives a receiver outage", async () => {
    for (let i = 0; i < 10; i++) await route(i);
    await waitFor(() => receiver.idsFor("/all").size >= 5, "the first deliveries");

    // The receiver goes away mid-run: attempts fail and are scheduled again.
    await receiver.stop();
    for (let i = 10; i < 20; i++) await route(i);
    await waitFor(async () => {
      const [failed] = await db
        .select({ n: count() })
        .from(webhookAttempts)
        .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
        .where(eq(webhookDeliveries.endpointId, allEndpointId));
      return (failed?.n ?? 0) > 0 && receiver.received.length < 20;
    }, "failed attempts while the receiver is down");
    const [pendingDuringOutage] = await db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, allEndpointId), eq(webhookDeliveries.status, "pending")));
    expect(pendingDuringOutage?.n).toBeGreaterThan(0);

    // Back on the same port: everything arrives, at least once each.
    await receiver.start();
    for (let i = 20; i < 30; i++) await route(i);
    const wanted = await messageIds(db, fx.workspaceId, "lead.routed");
    expect(wanted.size).toBe(30);
    await waitFor(() => containsAll(receiver.idsFor("/all"), wanted), "all 30 lead.routed events");
    await waitFor(
      async () => (await deliveryStatuses(db, allEndpointId)).every((d) => d.status === "delivered"),
      "every delivery recorded as delivered",
    );

    const statuses = await deliveryStatuses(db, allEndpointId);
    expect(statuses.filter((d) => d.status === "failed")).toEqual([]);
    const requests = receiver.received.filter((r) => r.path === "/all");
    for (const request of requests) expectValidWebhook(request);
    // Retries reuse the event's id, so receivers can deduplicate.
    const routedRequests = requests.filter(
      (r) => (JSON.parse(r.body) as { type: string }).type === "lead.routed",
    );
    expect(new Set(routedRequests.map((r) => r.headers["webhook-id"]))).toEqual(wanted);
    const attempts = await db
      .select({ error: webhookAttempts.error, statusCode: webhookAttempts.statusCode })
      .from(webhookAttempts)
      .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
      .where(eq(webhookDeliveries.endpointId, allEndpointId));
    expect(attempts.some((a) => a.error !== null && a.statusCode === null)).toBe(true);
  }, 120_000);

  it("sends an endpoint only the events that happen after it was added", async () => {
    const before = await route(100);
    const late = await fx.as.admin.webhooks.createEndpoint({
      url: receiver.url("/late"),
      events: ["lead.routed"],
    });
    receiver.secrets.set("/late", late.secret);
    const after = await route(101);
    await waitFor(async () => {
      const rows = await db
        .select({ dispatchedAt: outboxEvents.dispatchedAt })
        .from(outboxEvents)
        .where(sql`${outboxEvents.payload}->>'leadId' in (${before.leadId}, ${after.leadId})`);
      return rows.length === 2 && rows.every((r) => r.dispatchedAt !== null);
    }, "both events dispatched");
    const lateDeliveries = await db
      .select({ leadId: sql<string>`${outboxEvents.payload}->>'leadId'` })
      .from(webhookDeliveries)
      .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
      .where(eq(webhookDeliveries.endpointId, late.endpoint.id));
    expect(lateDeliveries).toEqual([{ leadId: after.leadId }]);
  }, 60_000);

  it("sends lead.reassigned, lead.outcome and flow.published with schema-valid data", async () => {
    const before = await messageIds(db, fx.workspaceId);
    const routed = await route(100);
    const owner = routed.assignee?.type === "rep" ? routed.assignee.id : null;
    const target = fx.repIds.find((id) => id !== owner);
    if (!target) throw new Error("no other rep");
    await fx.as.admin.leads.setStatus({ id: routed.leadId, status: "reassigned", repId: target });
    await fx.as.admin.outcomes.report({ leadId: routed.leadId, kind: "contacted" });
    // An idempotent repeat is not a new event.
    await fx.as.admin.outcomes.report({ leadId: routed.leadId, kind: "contacted" });
    await fx.as.admin.flows.publish({ id: fx.flowId, message: "second" });

    for (const type of ["lead.reassigned", "lead.outcome", "flow.published"]) {
      const ids = new Set([...(await messageIds(db, fx.workspaceId, type))].filter((id) => !before.has(id)));
      expect(ids.size, type).toBe(1);
      await waitFor(() => containsAll(receiver.idsFor("/all"), ids), type);
    }
    const bodies = receiver.received
      .filter((r) => r.path === "/all")
      .map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    const reassigned = bodies.find((b) => b.type === "lead.reassigned");
    expect(reassigned?.data).toMatchObject({ leadId: routed.leadId, to: { id: target } });
    const outcome = bodies.find((b) => b.type === "lead.outcome");
    expect(outcome?.data).toMatchObject({ leadId: routed.leadId, kind: "contacted", repId: target });
    const published = bodies.find((b) => b.type === "flow.published");
    expect(published?.data).toMatchObject({ flowId: fx.flowId, deployed: true, publishedBy: "Ada Admin" });
    for (const request of receiver.received.filter((r) => r.path === "/all")) expectValidWebhook(request);
  }, 60_000);

  it("does not make routing wait for a receiver that never answers", async () => {
    receiver.modes.set("/hang", "hang");
    const hanging = await fx.as.admin.webhooks.createEndpoint({
      url: receiver.url("/hang"),
      events: ["lead.routed"],
    });
    receiver.secrets.set("/hang", hanging.secret);
    const routed = await route(200);
    const resolvedAt = Date.now();
    const [delivery] = await waitForDeliveryOf(routed.leadId, hanging.endpoint.id);
    // The route has resolved; its delivery is still pending, and the request arrives only afterwards.
    expect(delivery?.status).toBe("pending");
    await waitFor(() => receiver.received.some((r) => r.path === "/hang"), "the hanging request");
    const request = receiver.received.find((r) => r.path === "/hang");
    expect(request?.receivedAt).toBeGreaterThanOrEqual(resolvedAt);
    const [stillPending] = await db
      .select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, hanging.endpoint.id));
    expect(stillPending).toEqual({ status: "pending", attempts: 0 });
    await fx.as.admin.webhooks.updateEndpoint({ id: hanging.endpoint.id, enabled: false });
    receiver.release();
  }, 60_000);

  it("marks a delivery failed after the last attempt, and a manual retry delivers it", async () => {
    receiver.modes.set("/fail", 500);
    const failing = await fx.as.admin.webhooks.createEndpoint({
      url: receiver.url("/fail"),
      events: ["flow.published"],
    });
    receiver.secrets.set("/fail", failing.secret);
    await fx.as.admin.flows.publish({ id: fx.flowId, message: "third" });
    await waitFor(
      async () => (await deliveryStatuses(db, failing.endpoint.id)).some((d) => d.status === "failed"),
      "the delivery to fail",
    );
    const [delivery] = await deliveryStatuses(db, failing.endpoint.id);
    if (!delivery) throw new Error("no delivery");
    const detail = await fx.as.admin.webhooks.getDelivery({ id: delivery.id });
    expect(detail.delivery).toMatchObject({ status: "failed", attempts: 8, lastStatusCode: 500 });
    expect(detail.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(detail.attempts.every((a) => a.statusCode === 500 && a.responseSnippet === "status 500")).toBe(
      true,
    );
    expect(detail.event.type).toBe("flow.published");

    receiver.modes.set("/fail", "ok");
    const retried = await fx.as.admin.webhooks.retryDelivery({ id: delivery.id });
    expect(retried.status).toBe("pending");
    await waitFor(
      async () => (await deliveryStatuses(db, failing.endpoint.id)).every((d) => d.status === "delivered"),
      "the retried delivery",
    );
    const after = await fx.as.admin.webhooks.getDelivery({ id: delivery.id });
    expect(after.attempts).toHaveLength(9);
    expect(after.attempts.at(-1)).toMatchObject({ attempt: 9, statusCode: 204 });
    const listed = await fx.as.admin.webhooks.listEndpoints();
    expect(listed.find((e) => e.id === failing.endpoint.id)?.stats).toEqual({
      delivered24h: 1,
      failed24h: 0,
      pending: 0,
    });
    for (const request of receiver.received.filter((r) => r.path === "/fail")) expectValidWebhook(request);
  }, 60_000);

  it("notifies the assigned rep at their own URL, else the flow's channel, with the flow's template", async () => {
    const [repWithUrl] = fx.repIds;
    if (!repWithUrl) throw new Error("no rep");
    await fx.as.admin.reps.update({ id: repWithUrl, notifyUrl: receiver.url("/rep") });
    await fx.as.editor.notifications.set({
      flowId: fx.flowId,
      enabled: true,
      template: "{{rep.name}} got {{lead.email}} via {{flow.name}} ({{pool.name}}) {{leadUrl}}",
      channelUrl: receiver.url("/channel"),
    });
    const routed = [];
    for (let i = 300; i < 305; i++) routed.push(await route(i));
    const queued = await fx.as.admin.routing.route({
      flowId: fx.flowId,
      lead: { ...emeaLead(305), country: "US" },
    });
    await waitFor(
      () => receiver.received.filter((r) => r.path === "/rep" || r.path === "/channel").length >= 6,
      "6 notifications",
    );

    const text = (path: string) =>
      receiver.received
        .filter((r) => r.path === path)
        .map((r) => (JSON.parse(r.body) as { text: string }).text);
    const toRep = routed.filter((r) => r.assignee?.type === "rep" && r.assignee.id === repWithUrl);
    expect(text("/rep")).toHaveLength(toRep.length);
    expect(text("/rep")[0]).toMatch(
      /^Rep 1 got lead30\d@example\.test via Territory \(EMEA\) http.*\/leads\?lead=/,
    );
    expect(text("/channel")).toHaveLength(6 - toRep.length);
    expect(text("/channel").find((t) => t.includes("lead305"))).toMatch(
      /^Unassigned got lead305@example\.test via Territory \(\) /,
    );
    expect(queued.assignee).toEqual({ type: "queue", name: "Unassigned" });
    const notifications = receiver.received.filter((r) => r.path === "/rep" || r.path === "/channel");
    expect(notifications.every((r) => r.headers["user-agent"] === "Switchyard-Webhooks/1")).toBe(true);
    expect(notifications.every((r) => String(r.headers["webhook-id"]).startsWith("msg_"))).toBe(true);
  }, 60_000);
});

async function waitForDeliveryOf(leadId: string, endpointId: string) {
  let rows: { status: string }[] = [];
  await waitFor(async () => {
    rows = await db
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpointId),
          sql`${outboxEvents.payload}->>'leadId' = ${leadId}`,
        ),
      );
    return rows.length > 0;
  }, `the delivery of lead ${leadId}`);
  return rows;
}
