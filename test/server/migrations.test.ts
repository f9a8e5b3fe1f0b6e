import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, queryRows } from "@/server/db/client";
import { usingPostgres } from "@/test/helpers/db";

const EXPECTED_TABLES = [
  "api_keys",
  "branch_paths",
  "decisions",
  "deployment_arms",
  "deployments",
  "flow_test_cases",
  "flow_versions",
  "flows",
  "idempotency_keys",
  "lead_import_rows",
  "lead_imports",
  "lead_outcomes",
  "leads",
  "login_attempts",
  "memberships",
  "outbox_events",
  "pool_members",
  "pools",
  "replay_runs",
  "reps",
  "users",
  "webhook_attempts",
  "webhook_deliveries",
  "webhook_endpoints",
  "workspaces",
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A brand-new empty database on the driver under test. */
async function openFresh(): Promise<{ open: () => Promise<Database> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { open: () => openDatabase({}) };
  const name = `switchyard_migrate_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const freshUrl = new URL(url);
  freshUrl.pathname = `/${name}`;
  return { open: () => openDatabase({ url: freshUrl.toString(), maxConnections: 2 }) };
}

async function tableNames(database: Database): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function appliedMigrations(database: Database): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return rows[0]?.n ?? -1;
}

describe(`migrations on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("create every table on an empty database and are a no-op the second time", async () => {
    const fresh = await openFresh();
    const first = await fresh.open();
    expect(await tableNames(first)).toEqual(EXPECTED_TABLES);
    const applied = await appliedMigrations(first);
    expect(applied).toBeGreaterThanOrEqual(1);
    if (first.driver === "postgres") {
      await first.close();
      const second = await fresh.open();
      expect(await appliedMigrations(second)).toBe(applied);
      expect(await tableNames(second)).toEqual(EXPECTED_TABLES);
      await second.close();
    } else {
      await first.close();
    }
  });

  it("persist PGlite data in its data directory across restarts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchyard-pglite-"));
    try {
      const first = await openDatabase({ dataDir: path.join(dir, "db") });
      await first.db.execute(sql`insert into workspaces (name) values ('Persisted')`);
      await first.close();
      const second = await openDatabase({ dataDir: path.join(dir, "db") });
      const rows = await queryRows<{ name: string }>(second.db, sql`select name from workspaces`);
      expect(rows.map((r) => r.name)).toEqual(["Persisted"]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
