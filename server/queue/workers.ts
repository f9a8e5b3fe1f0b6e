import type { Db } from "@/server/db/client";
import type { JobQueue } from "@/server/queue/job-queue";
import { registerLeadImportWorker } from "@/server/services/lead-import-worker";
import { webhookWorkers } from "@/server/services/webhooks/worker";

export interface WorkerContext {
  db: Db;
  queue: JobQueue;
}

/** Subscribes one feature's handlers to its queues. */
export type WorkerRegistrar = (context: WorkerContext) => Promise<void>;

// Each background feature adds its registrar here.
const REGISTRARS: WorkerRegistrar[] = [webhookWorkers(), registerLeadImportWorker];

export async function startWorkers(context: WorkerContext): Promise<void> {
  for (const register of REGISTRARS) await register(context);
}
