import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/drizzle/schema";
import { type Database, openDatabase } from "@/server/db/client";
import { type JobQueue, QUEUES, startJobQueue } from "@/server/queue/job-queue";
import { routeOne } from "@/server/services/routing";
import { connectOutbox } from "@/server/services/webhooks/outbox-signal";
import { webhookWorkers } from "@/server/services/webhooks/worker";
import { usingPostgres } from "@/test/helpers/db";
import { openIsolatedDatabase } from "@/test/helpers/isolated-db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";
import { WebhookReceiver, waitFor } from "@/test/helpers/webhook-receiver";
import { containsAll, expectValidWebhook, messageIds } from "@/test/server/webhooks/helpers";

/**
 * The database goes away in the middle of deliveries: on PostgreSQL every backend of the (isolated)
 * test database is terminated; on PGlite the queue stops and the database closes, then the same data
 * directory is opened again with a new queue. Either way every event is still delivered.
 */
const SCHEMA = "pgboss_restart";
const WORKER_OPTIONS = {
  allowPrivate: true,
  retrySchedule: [0.3, 0.5, 1, 1, 2, 2, 3],
  timeoutMs: 2000,
  // The sweep at worker start takes every undispatched event (the app waits 30 s).
  sweepAfterSeconds: 0,
};

let isolated: Awaited<ReturnType<typeof openIsolatedDatabase>>;
let database: Database;
let queue: JobQueue;
let fx: RoutingFixture;
let dataDir: string | null = null;
const receiver = new WebhookReceiver();

async function startQueue(): Promise<void> {
  queue = await startJobQueue(database.queueConnection, {
    schema: SCHEMA,
    schedule: false,
    pollingIntervalSeconds: 0.5,
  });
  await webhookWorkers(WORKER_OPTIONS)({ db: database.db, queue });
}

beforeAll(async () => {
  dataDir = usingPostgres ? null : mkdtempSync(path.join(tmpdir(), "switchyard-restart-"));
  isolated = await openIsolatedDatabase(dataDir ? { dataDir } : {});
  database = isolated.database;
  await receiver.start();
  await startQueue();
  fx = await createRoutingFixture(database.db);
  const created = await fx.as.admin.webhooks.createEndpoint({
    url: receiver.url("/hook"),
    events: ["lead.routed"],
  });
  receiver.secrets.set("/hook", created.secret);
}, 120_000);

afterAll(async () => {
  connectOutbox(null);
  await queue.stop().catch(() => undefined);
  await receiver.stop();
  await isolated.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Routes with an idempotency key, retrying like a client would when the connection drops. */
async function routeSafely(i: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i),
        idempotencyKey: `restart-${i}`,
      });
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe("database restart during delivery", () => {
  it("delivers every event although the database went away mid-run", async () => {
    // Cut in as soon as a few arrived: most of the 15 are still being dispatched or sent.
    for (let i = 0; i < 15; i++) await routeSafely(i);
    await waitFor(() => receiver.idsFor("/hook").size >= 3, "the first deliveries");

    if (isolated.admin && isolated.url) {
      const name = new URL(isolated.url).pathname.slice(1);
      const killed = await isolated.admin.unsafe(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [name],
      );
      expect(killed.length).toBeGreaterThan(0);
    } else {
      if (!dataDir) throw new Error("PGlite restart needs a data directory");
      connectOutbox(null);
      await queue.stop();
      await database.close();
      database = await openDatabase({ dataDir });
      await startQueue();
      fx = { ...fx, ...(await rebindCallers()) };
    }

    for (let i = 15; i < 30; i++) await routeSafely(i);
    const wanted = await messageIds(database.db, fx.workspaceId, "lead.routed");
    expect(wanted.size).toBe(30);
    // What the minute's sweep would do for events whose signal was lost with the connection.
    await queue.boss.send(QUEUES.outboxSweep, {});
    await waitFor(
      () => containsAll(receiver.idsFor("/hook"), wanted),
      "all 30 events after the restart",
      90_000,
    );
    for (const request of receiver.received) expectValidWebhook(request);
    await waitFor(async () => {
      const rows = await database.db.select({ status: webhookDeliveries.status }).from(webhookDeliveries);
      return rows.length === 30 && rows.every((r) => r.status === "delivered");
    }, "every delivery recorded as delivered");
    const failed = await database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "failed"));
    expect(failed).toEqual([]);
  }, 150_000);
});

/** Callers bound to the reopened database (the fixture's callers hold the closed one). */
async function rebindCallers(): Promise<Pick<RoutingFixture, "as">> {
  const { callerFor } = await import("@/test/helpers/fixtures");
  return {
    as: {
      admin: callerFor(database.db, fx.users.admin, fx.workspaceId),
      editor: callerFor(database.db, fx.users.editor, fx.workspaceId),
      viewer: callerFor(database.db, fx.users.viewer, fx.workspaceId),
    },
  };
}
