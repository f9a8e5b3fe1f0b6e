import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/server/db/client";

export const WEBHOOK_HISTORY_DAYS = 30;
const DELETE_BATCH = 5_000;

/**
 * Keeps 30 days of webhook history. An older event goes with its deliveries and attempts (cascade),
 * but only once it is dispatched and none of its deliveries is still pending: nothing owed is dropped.
 */
export async function pruneWebhookHistory(db: Executor, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - WEBHOOK_HISTORY_DAYS * 86_400_000);
  let removed = 0;
  for (;;) {
    // Batches keep each delete short, so routing never waits behind a large cleanup.
    const deleted = await queryRows<{ id: string }>(
      db,
      sql`delete from outbox_events where id in (
            select e.id from outbox_events e
            where e.created_at < ${cutoff.toISOString()}::timestamptz and e.dispatched_at is not null
              and not exists (
                select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'pending')
            limit ${DELETE_BATCH})
          returning id`,
    );
    removed += deleted.length;
    if (deleted.length < DELETE_BATCH) return removed;
  }
}
