import { type Database, openDatabase } from "@/server/db/client";

/**
 * The database the suite runs against: PostgreSQL when DATABASE_URL is set, else a fresh in-memory PGlite.
 * Every fixture makes its own workspace, so test files can share one PostgreSQL database safely.
 */
export function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return openDatabase(url ? { url, maxConnections: 8 } : {});
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);
