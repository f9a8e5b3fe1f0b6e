import { QUEUES } from "@/server/queue/job-queue";
import type { WorkerContext, WorkerRegistrar } from "@/server/queue/workers";
import { deliverOnce } from "@/server/services/webhooks/deliver";
import { dispatchOutbox, overdueDeliveries } from "@/server/services/webhooks/dispatch";
import { connectOutbox } from "@/server/services/webhooks/outbox-signal";
import { configureWebhooks, type WebhookSettings } from "@/server/services/webhooks/settings";

export interface WebhookWorkerOptions extends Partial<WebhookSettings> {
  /** Deliveries sent at the same time by this process. */
  concurrency?: number;
  /** The sweep dispatches events older than this that no signal dispatched. */
  sweepAfterSeconds?: number;
  /** The sweep re-queues pending deliveries this far past their attempt time. */
  overdueAfterSeconds?: number;
}

interface DeliverJob {
  deliveryId: string;
}

/**
 * Job options of delivery jobs. Failing jobs mean the database was unreachable: pg-boss retries them
 * with backoff, about half an hour in all; the sweep covers anything longer. HTTP failures never fail the job: they are retried on our own schedule.
 */
const DELIVER_JOB = { retryLimit: 10, retryDelay: 1, retryBackoff: true } as const;

/**
 * Webhooks and notifications in the background: `outbox-dispatch` fans new events out to deliveries,
 * `webhook-deliver` sends one attempt, `outbox-sweep` (every minute and at start) catches what a
 * crash left behind. Also connects the services' after-commit signal to the queue.
 */
export function webhookWorkers(options: WebhookWorkerOptions = {}): WorkerRegistrar {
  return async ({ db, queue }: WorkerContext) => {
    const { concurrency = 4, sweepAfterSeconds = 30, overdueAfterSeconds = 300, ...overrides } = options;
    const settings = configureWebhooks(overrides);
    const { boss, pollingIntervalSeconds } = queue;
    const expireInSeconds = Math.ceil(settings.timeoutMs / 1000) + 60;
    const deliverWorkers: string[] = [];
    const wakeDeliverers = () => {
      for (const id of deliverWorkers) boss.notifyWorker(id);
    };

    const queueDeliveries = async (deliveryIds: string[]) => {
      await boss.insert(
        deliveryIds.map((deliveryId) => ({
          name: QUEUES.webhookDeliver,
          data: { deliveryId },
          ...DELIVER_JOB,
          expireInSeconds,
        })),
      );
      wakeDeliverers();
    };

    const context = {
      db,
      settings,
      scheduleRetry: async (deliveryId: string, at: Date) => {
        await boss.send(
          QUEUES.webhookDeliver,
          { deliveryId },
          { ...DELIVER_JOB, expireInSeconds, startAfter: at },
        );
      },
    };

    for (let i = 0; i < concurrency; i++) {
      const id: string = await boss.work<DeliverJob>(
        QUEUES.webhookDeliver,
        { batchSize: 1, pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return;
          try {
            await deliverOnce(context, job.data.deliveryId);
          } catch (error) {
            console.error("Webhook delivery job failed:", error instanceof Error ? error.message : error);
            throw error;
          }
          // More may be waiting: fetch again at once instead of after the polling interval.
          boss.notifyWorker(id);
        },
      );
      deliverWorkers.push(id);
    }

    const dispatchWorker: string = await boss.work(
      QUEUES.outboxDispatch,
      { batchSize: 1, pollingIntervalSeconds },
      async () => {
        await dispatchOutbox(db, queueDeliveries);
      },
    );

    await boss.work(QUEUES.outboxSweep, { batchSize: 1, pollingIntervalSeconds }, async () => {
      await dispatchOutbox(db, queueDeliveries, { olderThanSeconds: sweepAfterSeconds });
      const overdue = await overdueDeliveries(db, overdueAfterSeconds);
      if (overdue.length > 0) await queueDeliveries(overdue);
    });
    await boss.schedule(QUEUES.outboxSweep, "* * * * *");
    await boss.send(QUEUES.outboxSweep, {});

    connectOutbox({
      dispatch: async () => {
        await boss.send(QUEUES.outboxDispatch, {}, { retryLimit: 5, retryDelay: 1, retryBackoff: true });
        boss.notifyWorker(dispatchWorker);
      },
      deliver: async (deliveryId) => {
        await boss.send(QUEUES.webhookDeliver, { deliveryId }, { ...DELIVER_JOB, expireInSeconds });
        wakeDeliverers();
      },
    });
  };
}
