import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "@/drizzle/schema";

/** The one database interface the app uses; both drivers produce it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export type Driver = "postgres" | "pglite";

/** How the job queue (pg-boss) reaches the same database: its own pool, or PGlite's one connection. */
export type QueueConnection = { kind: "postgres"; url: string } | { kind: "pglite"; client: PGlite };

export interface Database {
  db: Db;
  driver: Driver;
  queueConnection: QueueConnection;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in-memory (tests). */
  dataDir?: string;
  /** Connection pool size for PostgreSQL. */
  maxConnections?: number;
}

const migrationsFolder = path.join(process.cwd(), "drizzle", "migrations");
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 727_001;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.maxConnections ?? 10) : openPglite(options.dataDir);
}

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  await migratePostgresOnce(url);
  const client = postgres(url, { max: maxConnections, onnotice: () => {} });
  const db: Db = drizzlePostgres(withPreparedStatements(client), { schema });
  return {
    db,
    driver: "postgres",
    queueConnection: { kind: "postgres", url },
    close: () => client.end({ timeout: 5 }),
  };
}

type PostgresClient = postgres.Sql | postgres.TransactionSql;

/**
 * drizzle runs every query as an unnamed statement, which postgres.js sends as Parse/Describe, waits,
 * then Bind/Execute: two round trips per query. Asking for prepared statements makes it one (after
 * the first use on each connection) and lets pipelined queries really go out together — it halved
 * the round trips a route makes while it holds its pool's lock.
 */
function withPreparedStatements<C extends PostgresClient>(client: C): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (
          query: string,
          parameters?: postgres.ParameterOrJSON<never>[],
          options?: postgres.UnsafeQueryOptions,
        ) => target.unsafe(query, parameters, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        // Transactions hand their callback a new client bound to one connection: wrap it too.
        return (...args: unknown[]) =>
          Reflect.apply(
            value,
            target,
            args.map((arg) =>
              typeof arg === "function"
                ? (inner: postgres.TransactionSql) =>
                    Reflect.apply(arg, undefined, [withPreparedStatements(inner)])
                : arg,
            ),
          );
      }
      return value;
    },
  });
}

/** Several app processes may start at once: an advisory lock makes them migrate one at a time. */
async function migratePostgresOnce(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  const pgliteDb = drizzlePglite(client, { schema });
  await migratePglite(pgliteDb, { migrationsFolder });
  const db: Db = pgliteDb;
  return { db, driver: "pglite", queueConnection: { kind: "pglite", client }, close: () => client.close() };
}

/** Runs raw SQL and returns its rows; postgres.js answers with an array, PGlite with `{ rows }`. */
export async function queryRows<Row extends Record<string, unknown>>(
  db: Executor,
  query: SQL,
): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as Row[];
  }
  throw new Error("unexpected result shape from db.execute");
}
