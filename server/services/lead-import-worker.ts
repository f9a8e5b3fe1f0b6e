import { inArray } from "drizzle-orm";
import { leadImports } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { QUEUES } from "@/server/queue/job-queue";
import type { WorkerContext } from "@/server/queue/workers";
import {
  forgetLeadImportQueue,
  type LeadImportJob,
  requestImportRun,
  setLeadImportQueue,
} from "@/server/services/lead-import-queue";
import {
  DEFAULT_SLICE,
  failImport,
  runImportSlice,
  type SliceOptions,
} from "@/server/services/lead-import-runner";

// The `lead-import` worker. One job routes one slice of one import, then queues the next slice at the
// back of the queue: several imports take turns, and a restart loses at most the slice in flight
// (pg-boss retries it; the rows it routed are found by their idempotency keys). Jobs run one at a time
// per process (pg-boss's default), so an import has one worker here.

/** Imports whose slice runs in this process; a duplicate job for one of them completes at once. */
const running = new Set<string>();

async function handle(
  db: Db,
  job: { data: LeadImportJob; retryCount: number; retryLimit: number },
  slice: SliceOptions,
) {
  const { importId } = job.data;
  if (running.has(importId)) return;
  running.add(importId);
  try {
    const result = await runImportSlice(db, importId, slice);
    if (result.kind === "more") await requestImportRun(importId, result.processed);
  } catch (error) {
    if (job.retryCount >= job.retryLimit) {
      const message = error instanceof Error ? error.message : String(error);
      await failImport(db, importId, `The import stopped after repeated errors: ${message}`);
    }
    throw error;
  } finally {
    running.delete(importId);
  }
}

/** Queues a job for every import still queued or running: those a stopped process left behind. */
export async function resumeImports(db: Db): Promise<number> {
  const open = await db
    .select({ id: leadImports.id, processed: leadImports.processed })
    .from(leadImports)
    .where(inArray(leadImports.status, ["queued", "running"]));
  for (const item of open) await requestImportRun(item.id, item.processed);
  return open.length;
}

export function leadImportRegistrar(slice: SliceOptions = DEFAULT_SLICE) {
  return async ({ db, queue }: WorkerContext): Promise<void> => {
    setLeadImportQueue(queue);
    queue.boss.once("stopped", () => forgetLeadImportQueue(queue));
    await queue.boss.work<LeadImportJob>(
      QUEUES.leadImport,
      { pollingIntervalSeconds: queue.pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => {
        if (job) await handle(db, job, slice);
      },
    );
    await resumeImports(db);
  };
}

export const registerLeadImportWorker = leadImportRegistrar();
