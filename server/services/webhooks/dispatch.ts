import { sql } from "drizzle-orm";
import { type Db, type Executor, queryRows } from "@/server/db/client";

/**
 * Fans outbox events out to deliveries. Order matters for crash safety: deliveries are created
 * (idempotently: one per event and target) and committed, then their jobs are queued, then the
 * events are marked dispatched. A crash at any point leaves the event undispatched, so the next run
 * or the sweep repeats the work: duplicates (jobs), never loss.
 */

const BATCH_SIZE = 100;

/** A JSON array of ids as a uuid set: drizzle would expand a JS array into separate parameters. */
export const uuidSet = (ids: readonly string[]) =>
  sql`(select e::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as t(e))`;

/** Queues one delivery job per id (in one statement). */
export type QueueDeliveries = (deliveryIds: string[]) => Promise<void>;

async function createDeliveries(tx: Executor, eventIds: string[]): Promise<string[]> {
  const events = uuidSet(eventIds);
  // Every enabled endpoint of the workspace subscribed to the event's type that existed when it happened:
  // an endpoint added later must not receive a backlog of old events.
  await tx.execute(
    sql`insert into webhook_deliveries (workspace_id, event_id, kind, target_key, endpoint_id, url, next_attempt_at)
        select e.workspace_id, e.id, 'webhook', 'endpoint:' || w.id, w.id, w.url, now()
        from outbox_events e
        join webhook_endpoints w on w.workspace_id = e.workspace_id and w.enabled and e.type = any(w.events)
          and w.created_at <= e.created_at
        where e.id in ${events}
        on conflict (event_id, target_key) do nothing`,
  );
  // lead.routed: the flow's new-lead notification, to the assigned rep's own URL, else the channel.
  await tx.execute(
    sql`insert into webhook_deliveries (workspace_id, event_id, kind, target_key, rep_id, url, next_attempt_at)
        select e.workspace_id, e.id, 'notification',
               case when nullif(r.notify_url, '') is not null then 'rep:' || r.id else 'channel:' || f.id end,
               r.id,
               coalesce(nullif(r.notify_url, ''), nullif(f.notification->>'channelUrl', '')),
               now()
        from outbox_events e
        join flows f on f.id = (e.payload->>'flowId')::uuid and f.workspace_id = e.workspace_id
        left join reps r on r.workspace_id = e.workspace_id
                        and e.payload->'assignee'->>'type' = 'rep'
                        and r.id = (e.payload->'assignee'->>'id')::uuid
        where e.id in ${events} and e.type = 'lead.routed'
          and (f.notification->>'enabled')::boolean is true
          and coalesce(nullif(r.notify_url, ''), nullif(f.notification->>'channelUrl', '')) is not null
        on conflict (event_id, target_key) do nothing`,
  );
  const pending = await queryRows<{ id: string }>(
    tx,
    sql`select id from webhook_deliveries where event_id in ${events} and status = 'pending' order by created_at, id`,
  );
  return pending.map((row) => row.id);
}

/**
 * Dispatches undispatched events in batches, oldest first; `olderThanSeconds` limits it to events a
 * crashed or signal-less process left behind (the sweep). Returns how many events it dispatched.
 */
export async function dispatchOutbox(
  db: Db,
  queueDeliveries: QueueDeliveries,
  options: { olderThanSeconds?: number } = {},
): Promise<number> {
  const olderThan = options.olderThanSeconds ?? 0;
  let dispatched = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      // SKIP LOCKED: concurrent dispatchers take different events instead of waiting for each other.
      const events = await queryRows<{ id: string }>(
        tx,
        sql`select id from outbox_events
            where dispatched_at is null and created_at <= now() - ${olderThan}::int * interval '1 second'
            order by created_at, id
            limit ${BATCH_SIZE}
            for update skip locked`,
      );
      if (events.length === 0) return null;
      const eventIds = events.map((e) => e.id);
      return { eventIds, deliveryIds: await createDeliveries(tx, eventIds) };
    });
    if (!batch) return dispatched;
    if (batch.deliveryIds.length > 0) await queueDeliveries(batch.deliveryIds);
    await db.execute(
      sql`update outbox_events set dispatched_at = now() where id in ${uuidSet(batch.eventIds)} and dispatched_at is null`,
    );
    dispatched += batch.eventIds.length;
    if (batch.eventIds.length < BATCH_SIZE) return dispatched;
  }
}

/**
 * Pending deliveries whose attempt is long overdue and not leased: their job was lost (a crash
 * between commit and send, or a job that ran out of retries while the database was away).
 */
export async function overdueDeliveries(
  db: Executor,
  overdueSeconds: number,
  limit = 500,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from webhook_deliveries
        where status = 'pending' and next_attempt_at < now() - ${overdueSeconds}::int * interval '1 second'
          and (lease_until is null or lease_until < now())
        order by next_attempt_at
        limit ${limit}`,
  );
  return rows.map((row) => row.id);
}
