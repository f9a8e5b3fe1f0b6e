/**
 * API-key authentication benchmark: authenticateApiKey (one conditional UPDATE that checks the key,
 * applies the GCRA rate limit and stamps last_used_at, with synchronous_commit off for itself) against
 * the same statement committed synchronously and the read-only lookup it replaced (SELECT by hash;
 * last_used_at was written at most once a minute), in the same run on a fresh
 * PostgreSQL database. Tight loops: one caller (latency-bound), 16 callers on 16 keys, and 16 callers
 * on ONE key (every request updates the same row, so they queue on its lock). Keys get a limit far
 * above the loop's rate so every request is admitted. Numbers are printed, never asserted.
 *
 * Self-contained: creates the database on 127.0.0.1:5432 (trust auth, user postgres) and drops it.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import postgres from "postgres";
import { apiKeys } from "@/drizzle/schema";
import { hashApiKey } from "@/server/auth/api-keys";
import { type Db, openDatabase } from "@/server/db/client";
import { signUp } from "@/server/services/accounts";
import { authenticateApiKey, createApiKey, takeRequest } from "@/server/services/api-keys";
import type { BenchmarkModule } from "./index";
import { printTable } from "./table";

const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
const SECONDS = 3;
const CALLERS = 16;

/** What authenticateApiKey did before rate limits: a SELECT by hash (the minutely last_used_at write is negligible). */
async function lookupOnly(db: Db, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row !== undefined;
}

/** The GCRA statement alone, committed synchronously (waits for its WAL flush). */
async function withRateLimitSyncCommit(db: Db, key: string): Promise<boolean> {
  return (await takeRequest(db, hashApiKey(key), { synchronous: true })) !== null;
}

/** authenticateApiKey as shipped: the same statement, turning synchronous_commit off for itself. */
async function withRateLimit(db: Db, key: string): Promise<boolean> {
  return (await authenticateApiKey(db, key)).kind === "ok";
}

/** Requests per second of `callers` loops, caller i using keys[i % keys.length], for SECONDS. */
async function measure(
  db: Db,
  auth: (db: Db, key: string) => Promise<boolean>,
  keys: string[],
  callers: number,
): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, i) => {
      const key = keys[i % keys.length] ?? "";
      while (performance.now() < deadline) {
        if (!(await auth(db, key))) throw new Error("a benchmark request was refused");
        count++;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function run(): Promise<void> {
  const databaseName = `switchyard_apikey_bench_${Date.now()}`;
  const admin = postgres({ ...PG, database: "postgres", max: 1, onnotice: () => {} });
  let created = false;
  try {
    await admin`create database ${admin(databaseName)}`;
    created = true;
    const database = await openDatabase({
      url: `postgres://${PG.user}@${PG.host}:${PG.port}/${databaseName}`,
      maxConnections: CALLERS,
    });
    try {
      const db = database.db;
      const account = await signUp(db, {
        name: "Bench",
        email: "bench@example.test",
        password: "bench-password",
        workspaceName: "Bench Co",
      });
      const keys: string[] = [];
      const ids: string[] = [];
      for (let i = 0; i < CALLERS; i++) {
        const key = await createApiKey(db, account.workspaceId, account.userId, {
          name: `Key ${i}`,
          scopes: ["route"],
        });
        keys.push(key.key);
        ids.push(key.id);
      }
      // One request per microsecond: far above any loop here, so nothing is refused.
      await db.update(apiKeys).set({ rateLimitPerMinute: 60_000_000 }).where(inArray(apiKeys.id, ids));
      const scenarios: [string, string[], number][] = [
        ["1 caller, 1 key", keys.slice(0, 1), 1],
        [`${CALLERS} callers, ${CALLERS} keys`, keys, CALLERS],
        [`${CALLERS} callers, 1 key (one hot row)`, keys.slice(0, 1), CALLERS],
      ];
      const rows: string[][] = [];
      for (const [label, scenarioKeys, callers] of scenarios) {
        await measure(db, lookupOnly, scenarioKeys, callers); // warm-up: prepared statements, caches
        const before = await measure(db, lookupOnly, scenarioKeys, callers);
        await measure(db, withRateLimitSyncCommit, scenarioKeys, callers);
        const sync = await measure(db, withRateLimitSyncCommit, scenarioKeys, callers);
        await measure(db, withRateLimit, scenarioKeys, callers);
        const after = await measure(db, withRateLimit, scenarioKeys, callers);
        const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
        rows.push([
          label,
          fmt(before),
          `${fmt(sync)} (${(sync / before).toFixed(2)}×)`,
          `${fmt(after)} (${(after / before).toFixed(2)}×)`,
        ]);
      }
      printTable(
        [
          "authenticateApiKey loop",
          "SELECT only, before (req/s)",
          "GCRA UPDATE, sync commit",
          "GCRA UPDATE, async commit (shipped)",
        ],
        rows,
      );
    } finally {
      await database.close();
    }
  } finally {
    if (created) await admin`drop database if exists ${admin(databaseName)} with (force)`;
    await admin.end();
  }
}

export const apiKeyAuthBenchmark: BenchmarkModule = {
  name: "api-keys",
  description:
    "authenticateApiKey with the GCRA rate-limit UPDATE vs. the read-only key lookup, req/s on PostgreSQL",
  run,
};
