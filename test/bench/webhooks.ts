/**
 * Webhooks benchmark (PostgreSQL on 127.0.0.1:5432, user postgres; PGlite in memory):
 * 1. In-process routing throughput (routeOne in a loop) with and without the lead.routed outbox
 *    insert, same run, alternating rounds. "Without" installs a rule that turns the insert into a
 *    no-op (the statement is still sent in the pipelined batch, so this isolates its database cost).
 * 2. End-to-end webhook latency, route resolved → signed request at a local receiver, on PostgreSQL
 *    and PGlite, with the app's queue settings (2 s polling; the after-commit signal wakes workers), one lead every 100 ms.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase } from "@/server/db/client";
import { startJobQueue } from "@/server/queue/job-queue";
import { routeOne } from "@/server/services/routing";
import { connectOutbox } from "@/server/services/webhooks/outbox-signal";
import { webhookWorkers } from "@/server/services/webhooks/worker";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";
import { WebhookReceiver } from "@/test/helpers/webhook-receiver";
import type { BenchmarkModule } from "./index";
import { printTable } from "./table";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROUNDS = 4;
const ROUTES_PER_ROUND = 1000;
const LATENCY_ROUTES = 100;
/** Sparse traffic: one lead every 100 ms, so the figure is latency, not a backlog. */
const LATENCY_GAP_MS = 100;

async function withFreshPostgres<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const name = `bench_webhooks_${randomBytes(4).toString("hex")}`;
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.href, maxConnections: 10 });
  try {
    return await run(database);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function routeLoop(db: Database["db"], fx: RoutingFixture, from: number, n: number): Promise<number> {
  const started = performance.now();
  for (let i = from; i < from + n; i++) {
    await routeOne(db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead: emeaLead(i) });
  }
  return performance.now() - started;
}

async function throughput(): Promise<string[][]> {
  return withFreshPostgres(async (database) => {
    const fx = await createRoutingFixture(database.db);
    await routeLoop(database.db, fx, 0, 200); // warm-up: prepared statements, caches
    const totals = { with: 0, without: 0 };
    let next = 1000;
    for (let round = 0; round < ROUNDS; round++) {
      const variant = round % 2 === 0 ? "with" : "without";
      if (variant === "without") {
        await database.db.execute(
          sql.raw("create rule outbox_off as on insert to outbox_events do instead nothing"),
        );
      }
      totals[variant] += await routeLoop(database.db, fx, next, ROUTES_PER_ROUND);
      next += ROUTES_PER_ROUND;
      if (variant === "without") await database.db.execute(sql.raw("drop rule outbox_off on outbox_events"));
    }
    const n = (ROUNDS / 2) * ROUTES_PER_ROUND;
    const row = (label: string, ms: number) => [
      label,
      String(n),
      (n / (ms / 1000)).toFixed(0),
      (ms / n).toFixed(3),
    ];
    return [
      row("with outbox insert", totals.with),
      row("without (rule: insert does nothing)", totals.without),
    ];
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function latency(database: Database, label: string): Promise<string[]> {
  const receiver = new WebhookReceiver();
  await receiver.start();
  const queue = await startJobQueue(database.queueConnection, { schema: "pgboss_bench", schedule: false });
  await webhookWorkers({ allowPrivate: true })({ db: database.db, queue });
  try {
    const fx = await createRoutingFixture(database.db);
    await fx.as.admin.webhooks.createEndpoint({ url: receiver.url("/bench"), events: ["lead.routed"] });
    const resolvedAt = new Map<string, number>();
    for (let i = 0; i < LATENCY_ROUTES; i++) {
      const { response } = await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i),
      });
      resolvedAt.set(response.leadId, performance.timeOrigin + performance.now());
      await new Promise((resolve) => setTimeout(resolve, LATENCY_GAP_MS));
    }
    const deadline = Date.now() + 60_000;
    while (receiver.received.length < LATENCY_ROUTES && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencies = receiver.received.map((r) => {
      const body = JSON.parse(r.body) as { data: { leadId: string } };
      return r.receivedAt - (resolvedAt.get(body.data.leadId) ?? Number.NaN);
    });
    return [
      label,
      `${receiver.received.length}/${LATENCY_ROUTES}`,
      median(latencies).toFixed(0),
      percentile(latencies, 0.95).toFixed(0),
    ];
  } finally {
    connectOutbox(null);
    await queue.stop();
    await receiver.stop();
  }
}

export const webhooksBenchmark: BenchmarkModule = {
  name: "webhooks",
  description:
    "routing throughput with/without the outbox insert; route → receiver webhook latency (PostgreSQL, PGlite)",
  async run() {
    console.log(
      `\nIn-process routeOne loop on PostgreSQL (${ROUNDS} alternating rounds of ${ROUTES_PER_ROUND}):\n`,
    );
    printTable(["variant", "routes", "routes/s", "ms/route"], await throughput());
    console.log(`\nWebhook latency, route resolved → receiver (${LATENCY_ROUTES} leads, ms):\n`);
    const rows = [await withFreshPostgres((database) => latency(database, "PostgreSQL"))];
    const pglite = await openDatabase({});
    try {
      rows.push(await latency(pglite, "PGlite"));
    } finally {
      await pglite.close();
    }
    printTable(["database", "delivered", "median", "p95"], rows);
  },
};
