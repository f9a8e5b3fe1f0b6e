import "server-only";
import { getDatabase } from "@/server/db";
import { type JobQueue, startJobQueue } from "@/server/queue/job-queue";
import { startWorkers } from "@/server/queue/workers";

// One queue per process, kept on globalThis like the database so dev reloads reuse it.
const holder = globalThis as typeof globalThis & { __switchyardQueue?: Promise<JobQueue> };

/** The app's job queue, started with its workers on first use (at server start, see instrumentation.ts). */
export function getJobQueue(): Promise<JobQueue> {
  holder.__switchyardQueue ??= start().catch((error: unknown) => {
    holder.__switchyardQueue = undefined;
    throw error;
  });
  return holder.__switchyardQueue;
}

async function start(): Promise<JobQueue> {
  const database = await getDatabase();
  const queue = await startJobQueue(database.queueConnection);
  await startWorkers({ db: database.db, queue });
  return queue;
}
