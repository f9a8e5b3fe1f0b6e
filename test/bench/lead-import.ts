/**
 * Lead-import benchmark: stores a CSV of ROWS leads through the import service, lets the pg-boss worker
 * route them (default slices: 2,000 rows a job, progress every 100), and prints rows/s on PostgreSQL
 * (a fresh database on 127.0.0.1:5432, dropped after) and on in-memory PGlite, beside the same number
 * of plain sequential `routeOne` calls in the same run: the import's own overhead is the difference.
 * Nothing is asserted.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "@/server/db/client";
import { startJobQueue } from "@/server/queue/job-queue";
import { leadImportRegistrar } from "@/server/services/lead-import-worker";
import { getImport, startImport } from "@/server/services/lead-imports";
import { routeOne } from "@/server/services/routing";
import { createRoutingFixture } from "@/test/helpers/routing";
import type { BenchmarkModule } from "./index";
import { printTable } from "./table";

const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
const ROWS = 3_000;

function csvOf(rows: number, tag: string): string {
  const lines = ["email,country,company_size,source"];
  for (let i = 1; i <= rows; i++)
    lines.push(`${tag}${i}@example.test,${["DE", "FR", "US"][i % 3]},${(i * 37) % 5000},web_form`);
  return lines.join("\n");
}

async function measure(database: Database, label: string): Promise<string[]> {
  const fx = await createRoutingFixture(database.db, { weights: [1, 2, 3, 1, 1] });
  // Baseline: the same leads routed one after another, straight through the routing service.
  let started = performance.now();
  for (let i = 1; i <= ROWS; i++) {
    await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: { email: `base${i}@example.test`, country: ["DE", "FR", "US"][i % 3], source: "web_form" },
      idempotencyKey: `bench:${i}`,
    });
  }
  const baselineMs = performance.now() - started;

  const queue = await startJobQueue(database.queueConnection, {
    schema: `pgboss_bench_${randomUUID().slice(0, 8)}`,
    schedule: false,
    pollingIntervalSeconds: 0.5,
  });
  try {
    await leadImportRegistrar()({ db: database.db, queue });
    started = performance.now();
    const { id } = await startImport(database.db, fx.workspaceId, fx.users.admin, {
      flowId: fx.flowId,
      fileName: "bench.csv",
      csv: csvOf(ROWS, "import"),
      mapping: { email: "email", country: "country", company_size: "company_size", source: "source" },
    });
    const storeMs = performance.now() - started;
    for (;;) {
      const view = await getImport(database.db, fx.workspaceId, id);
      if (view.status !== "queued" && view.status !== "running") {
        if (view.routed !== ROWS) throw new Error(`import ended ${view.status} with ${view.routed} routed`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const importMs = performance.now() - started;
    const perSecond = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString("en-US")} rows/s`;
    return [label, `${(storeMs / 1000).toFixed(2)} s`, perSecond(importMs), perSecond(baselineMs)];
  } finally {
    await queue.stop();
  }
}

async function run(): Promise<void> {
  const rows: string[][] = [];
  const databaseName = `switchyard_import_bench_${Date.now()}`;
  const admin = postgres({ ...PG, database: "postgres", max: 1, onnotice: () => {} });
  try {
    await admin`create database ${admin(databaseName)}`;
    const database = await openDatabase({
      url: `postgres://${PG.user}@${PG.host}:${PG.port}/${databaseName}`,
    });
    try {
      rows.push(await measure(database, "PostgreSQL"));
    } finally {
      await database.close();
      await admin`drop database if exists ${admin(databaseName)} with (force)`;
    }
  } finally {
    await admin.end();
  }
  const lite = await openDatabase({});
  try {
    rows.push(await measure(lite, "PGlite (in memory)"));
  } finally {
    await lite.close();
  }
  console.log(`${ROWS.toLocaleString("en-US")} rows, one import, sequential routing:\n`);
  printTable(["Database", "Store (start → accepted)", "Import (start → done)", "Plain routeOne loop"], rows);
}

export const leadImportBenchmark: BenchmarkModule = {
  name: "lead-import",
  description: "CSV lead import: rows/s through the pg-boss worker against a plain routeOne loop",
  run,
};
