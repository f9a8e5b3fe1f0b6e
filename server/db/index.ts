import "server-only";
import path from "node:path";
import { pruneSignInAttempts } from "@/server/auth/rate-limit";
import { type Database, openDatabase } from "@/server/db/client";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from "@/server/db/seed";
import { STARTUP_SILENCE_MS, sweepInterruptedRuns } from "@/server/services/replay";
import { pruneIdempotencyKeys } from "@/server/services/routing";
import { pruneWebhookHistory } from "@/server/services/webhooks/retention";

// Kept on globalThis so Next's dev reloads reuse the one connection (PGlite allows one per data dir).
const holder = globalThis as typeof globalThis & { __switchyardDb?: Promise<Database> };

export function dataDirectory(): string {
  return process.env.SWITCHYARD_DATA_DIR ?? path.join(process.cwd(), ".data");
}

/** The app's database: opened, migrated and (when empty) seeded once per process. */
export function getDatabase(): Promise<Database> {
  holder.__switchyardDb ??= bootstrap().catch((error: unknown) => {
    holder.__switchyardDb = undefined;
    throw error;
  });
  return holder.__switchyardDb;
}

async function bootstrap(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url } : { dataDir: path.join(dataDirectory(), "pglite") });
  scheduleHousekeeping(database);
  // Replays run inside the app process: any left queued or running died with a previous process.
  // PGlite has a single process per data directory; PostgreSQL may have other live processes.
  const interrupted = await sweepInterruptedRuns(database.db, {
    silentForMs: database.driver === "pglite" ? 0 : STARTUP_SILENCE_MS,
  });
  if (interrupted > 0) console.log(`  Marked ${interrupted} interrupted replay run(s) as failed.`);
  if (await seedDemoIfEmpty(database.db)) {
    console.log(
      `\n  Switchyard demo workspace seeded (${database.driver}).\n  Sign in with ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`,
    );
  }
  return database;
}

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** Drops expired idempotency keys (kept 48 h), old sign-in attempts and webhook history, now and hourly. */
function scheduleHousekeeping(database: Database): void {
  const run = () =>
    Promise.all([
      pruneIdempotencyKeys(database.db),
      pruneSignInAttempts(database.db),
      pruneWebhookHistory(database.db),
    ]).catch((error: unknown) => console.error("Housekeeping failed:", error));
  void run();
  setInterval(run, HOUSEKEEPING_INTERVAL_MS).unref();
}
