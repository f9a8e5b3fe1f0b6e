import { sql } from "drizzle-orm";
import type { Executor } from "@/server/db/client";
import type { WebhookEventData, WebhookEventType } from "@/server/services/webhooks/events";

/**
 * Writes one event to the transactional outbox. Call it inside the transaction that makes the change,
 * so the event exists exactly when the change does; after commit, `signalOutbox()` wakes the dispatcher.
 * Plain SQL like routing-sql.ts: it runs pipelined on the routing hot path.
 */
export function insertOutboxEvent<T extends WebhookEventType>(
  db: Executor,
  workspaceId: string,
  type: T,
  data: WebhookEventData<T>,
) {
  return db.execute(
    sql`insert into outbox_events (workspace_id, type, payload)
        values (${workspaceId}, ${type}, ${JSON.stringify(data)}::jsonb)`,
  );
}
