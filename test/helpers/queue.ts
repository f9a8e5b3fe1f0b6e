import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { type JobQueue, startJobQueue } from "@/server/queue/job-queue";

/**
 * A pg-boss queue for one test file: its own schema, so files running in parallel against the shared
 * PostgreSQL database never pick up each other's jobs; fast polling so tests don't wait seconds.
 */
export async function startTestQueue(database: Database): Promise<JobQueue & { dispose(): Promise<void> }> {
  const schema = `pgboss_test_${randomBytes(4).toString("hex")}`;
  const queue = await startJobQueue(database.queueConnection, {
    schema,
    schedule: false,
    pollingIntervalSeconds: 0.5,
  });
  return {
    ...queue,
    async dispose() {
      await queue.stop();
      await database.db.execute(sql.raw(`drop schema if exists "${schema}" cascade`));
    },
  };
}
