import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "@/server/db/client";

/**
 * A database of its own for tests that run background workers or break connections: on PostgreSQL a
 * fresh database next to DATABASE_URL's (dropped at the end), so this file's dispatcher never takes
 * another file's outbox events and terminating backends hits nobody else; otherwise PGlite.
 */
export async function openIsolatedDatabase(options: { dataDir?: string } = {}): Promise<{
  database: Database;
  /** The PostgreSQL URL of the isolated database, null on PGlite. */
  url: string | null;
  /** An admin connection to the server (not to the isolated database); null on PGlite. */
  admin: postgres.Sql | null;
  dispose(): Promise<void>;
}> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase(options.dataDir ? { dataDir: options.dataDir } : {});
    return { database, url: null, admin: null, dispose: () => database.close().catch(() => undefined) };
  }
  const name = `webhooks_test_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.href, maxConnections: 8 });
  return {
    database,
    url: url.href,
    admin,
    async dispose() {
      await database.close().catch(() => undefined);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
