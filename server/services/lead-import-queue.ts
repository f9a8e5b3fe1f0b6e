import { createHash } from "node:crypto";
import { type JobQueue, QUEUES } from "@/server/queue/job-queue";

// How an import asks for its `lead-import` job. The queue is the one this process's workers run on
// (registered by lead-import-worker.ts); it is kept on globalThis because Next.js loads the server
// start (instrumentation.ts) and the API routes as separate bundles that share only the process.

export interface LeadImportJob {
  importId: string;
}

/** Retries with backoff for errors that are not the row's fault (database unreachable…). */
export const IMPORT_JOB_OPTIONS = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  // A job routes one slice (seconds); one silent this long belonged to a process that died.
  expireInSeconds: 5 * 60,
} as const;

const holder = globalThis as typeof globalThis & { __switchyardLeadImportQueue?: JobQueue };

export function setLeadImportQueue(queue: JobQueue): void {
  holder.__switchyardLeadImportQueue = queue;
}

/** Forgets a stopped queue, unless another one has taken its place meanwhile. */
export function forgetLeadImportQueue(queue: JobQueue): void {
  if (holder.__switchyardLeadImportQueue === queue) delete holder.__switchyardLeadImportQueue;
}

export function leadImportQueue(): JobQueue | null {
  return holder.__switchyardLeadImportQueue ?? null;
}

/**
 * The job id for "continue import X after N processed rows". Deterministic, so a second request for the
 * same step (the sweep at start-up beside a job that survived the restart) is dropped by pg-boss
 * (`ON CONFLICT DO NOTHING` on the id) instead of starting a second chain of jobs for the import.
 */
export function importJobId(importId: string, processed: number): string {
  const hex = createHash("sha256").update(`lead-import:${importId}:${processed}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Queues the next slice of an import. Without a queue in this process (or if sending fails) the import
 * stays queued in the database and the worker's start-up sweep picks it up: nothing is lost.
 */
export async function requestImportRun(importId: string, processed: number): Promise<void> {
  const queue = leadImportQueue();
  if (!queue) return;
  try {
    await queue.boss.send(QUEUES.leadImport, { importId } satisfies LeadImportJob, {
      ...IMPORT_JOB_OPTIONS,
      id: importJobId(importId, processed),
    });
  } catch (error) {
    console.error(
      `Lead import ${importId}: could not queue its job:`,
      error instanceof Error ? error.message : error,
    );
  }
}
