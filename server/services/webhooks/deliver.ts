import { sql } from "drizzle-orm";
import { type Db, queryRows } from "@/server/db/client";
import type { WebhookEventType } from "@/server/services/webhooks/events";
import { postJson } from "@/server/services/webhooks/http-post";
import type { WebhookSettings } from "@/server/services/webhooks/settings";
import { signWebhook } from "@/server/services/webhooks/signature";
import { checkWebhookUrl } from "@/server/services/webhooks/ssrf-guard";
import {
  DEFAULT_TEMPLATE,
  leadUrl,
  renderTemplate,
  type TemplateContext,
} from "@/server/services/webhooks/template";

export const USER_AGENT = "Switchyard-Webhooks/1";
const SNIPPET_CHARS = 500;

interface LeasedDelivery extends Record<string, unknown> {
  id: string;
  kind: "webhook" | "notification";
  url: string;
  attempts: number;
  endpointId: string | null;
  eventId: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  eventCreatedAt: Date | string;
  endpoint: { url: string; secret: string; enabled: boolean } | null;
  flow: { name: string; notification: { template?: string } | null } | null;
}

/**
 * Takes the delivery's lease with one conditional UPDATE: only a pending, due delivery whose lease
 * is free is taken, so duplicate jobs never send the same delivery at the same time. The event, the
 * endpoint's current URL and secret, and (for notifications) the flow come back in the same trip.
 */
function takeLease(db: Db, deliveryId: string, leaseSeconds: number) {
  return queryRows<LeasedDelivery>(
    db,
    sql`update webhook_deliveries d
        set lease_until = now() + ${leaseSeconds}::int * interval '1 second'
        from outbox_events e
        where d.id = ${deliveryId} and e.id = d.event_id and d.status = 'pending'
          and (d.lease_until is null or d.lease_until < now())
          and (d.next_attempt_at is null or d.next_attempt_at <= now() + interval '1 second')
        returning d.id, d.kind, d.url, d.attempts, d.endpoint_id as "endpointId", e.id as "eventId", e.type,
          e.payload, e.created_at as "eventCreatedAt",
          (select jsonb_build_object('url', w.url, 'secret', w.secret, 'enabled', w.enabled)
             from webhook_endpoints w where w.id = d.endpoint_id) as endpoint,
          (select jsonb_build_object('name', f.name, 'notification', f.notification)
             from flows f where d.kind = 'notification' and f.id = (e.payload->>'flowId')::uuid) as flow`,
  );
}

interface AttemptRecord {
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number | null;
  responseSnippet: string | null;
  error: string | null;
}

/** The attempt row and the delivery's new state in one statement: both or neither. */
function recordAttempt(
  db: Db,
  delivery: LeasedDelivery,
  url: string,
  attempt: AttemptRecord,
  next: { status: "delivered" | "pending" | "failed"; nextAttemptAt: Date | null },
) {
  return db.execute(
    sql`with logged as (
          insert into webhook_attempts (delivery_id, attempt, started_at, status_code, latency_ms, response_snippet, error)
          select ${delivery.id}, coalesce(max(attempt), 0) + 1, ${attempt.startedAt.toISOString()}::timestamptz,
                 ${attempt.statusCode}::int, ${attempt.latencyMs}::int, ${attempt.responseSnippet}, ${attempt.error}
          from webhook_attempts where delivery_id = ${delivery.id})
        update webhook_deliveries
        set status = ${next.status}::delivery_status, attempts = ${delivery.attempts + 1}::int, url = ${url},
            last_status_code = ${attempt.statusCode}::int, last_error = ${attempt.error},
            last_attempt_at = ${attempt.startedAt.toISOString()}::timestamptz,
            next_attempt_at = ${next.nextAttemptAt?.toISOString() ?? null}::timestamptz,
            delivered_at = case when ${next.status} = 'delivered' then now() end,
            lease_until = null
        where id = ${delivery.id}`,
  );
}

/** Ends a delivery that can never be sent (its endpoint was deleted or disabled) without an HTTP try. */
function abandon(db: Db, delivery: LeasedDelivery, error: string) {
  return db.execute(
    sql`update webhook_deliveries set status = 'failed', last_error = ${error}, next_attempt_at = null,
          lease_until = null
        where id = ${delivery.id}`,
  );
}

function notificationText(delivery: LeasedDelivery): string {
  const data = delivery.payload;
  const assignee = data.assignee as { type: string; name?: string; email?: string } | null;
  const pool = data.pool as { name: string } | null;
  const context: TemplateContext = {
    lead: (data.lead as Record<string, unknown> | undefined) ?? {},
    repName: assignee?.name ?? null,
    repEmail: assignee?.type === "rep" ? (assignee.email ?? null) : null,
    flowName: delivery.flow?.name ?? null,
    poolName: pool?.name ?? null,
    band: (data.band as string | null) ?? null,
    score: (data.score as number | null) ?? null,
    path: (data.path as string[] | undefined) ?? [],
    leadUrl: leadUrl(String(data.leadId)),
  };
  return renderTemplate(delivery.flow?.notification?.template || DEFAULT_TEMPLATE, context);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = Reflect.get(error, "code");
  return typeof code === "string" && !error.message.includes(code)
    ? `${code}: ${error.message}`
    : error.message;
}

export interface DeliverContext {
  db: Db;
  settings: WebhookSettings;
  /** Queues the next attempt; called before the failure is recorded, so a crash cannot lose it. */
  scheduleRetry(deliveryId: string, at: Date): Promise<void>;
}

export type DeliverOutcome = "delivered" | "retry" | "failed" | "skipped" | "leased";

/**
 * One attempt of one delivery. Database errors propagate (the job fails and pg-boss retries it; they
 * are not HTTP attempts); HTTP errors and non-2xx answers are recorded and retried on our schedule.
 */
export async function deliverOnce(context: DeliverContext, deliveryId: string): Promise<DeliverOutcome> {
  const { db, settings } = context;
  // Longer than an attempt can take (timeout + recording), so a live holder never loses it.
  const leaseSeconds = Math.ceil(settings.timeoutMs / 1000) + 5;
  const [delivery] = await takeLease(db, deliveryId, leaseSeconds);
  if (!delivery) {
    const [leased] = await queryRows<{ leaseUntil: Date | string }>(
      db,
      sql`select lease_until as "leaseUntil" from webhook_deliveries
          where id = ${deliveryId} and status = 'pending' and lease_until > now()`,
    );
    if (!leased) return "skipped"; // delivered, failed, deleted, or not due yet (its own job comes later)
    // Another job is sending it, or one died holding the lease: look again when the lease ends.
    await context.scheduleRetry(deliveryId, new Date(new Date(leased.leaseUntil).getTime() + 500));
    return "leased";
  }
  if (delivery.kind === "webhook" && !delivery.endpoint) {
    await abandon(db, delivery, "the endpoint was deleted");
    return "failed";
  }
  if (delivery.endpoint && !delivery.endpoint.enabled) {
    await abandon(db, delivery, "the endpoint is disabled");
    return "failed";
  }
  const url = delivery.endpoint?.url ?? delivery.url;
  const body =
    delivery.kind === "webhook"
      ? JSON.stringify({
          type: delivery.type,
          timestamp: new Date(delivery.eventCreatedAt).toISOString(),
          data: delivery.payload,
        })
      : JSON.stringify({ text: notificationText(delivery) });
  // One id per event: the same on every retry and for every endpoint, so receivers can deduplicate.
  const messageId = `msg_${delivery.eventId}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    ...(delivery.endpoint && signWebhook(delivery.endpoint.secret, messageId, timestamp, body)),
  };

  const startedAt = new Date();
  const started = performance.now();
  let attempt: AttemptRecord;
  try {
    // Checked again at send time (DNS may have changed since the URL was saved); we then connect to
    // the addresses checked here, never resolving again.
    const target = await checkWebhookUrl(url, {
      allowPrivate: settings.allowPrivate,
      resolve: settings.resolve,
    });
    const response = await postJson(target, body, headers, settings.timeoutMs);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    attempt = {
      startedAt,
      statusCode: response.statusCode,
      latencyMs: Math.round(performance.now() - started),
      responseSnippet: response.body.slice(0, SNIPPET_CHARS),
      error: ok ? null : `HTTP ${response.statusCode}`,
    };
  } catch (error) {
    attempt = {
      startedAt,
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      responseSnippet: null,
      error: describeError(error).slice(0, SNIPPET_CHARS),
    };
  }

  if (attempt.error === null) {
    await recordAttempt(db, delivery, url, attempt, { status: "delivered", nextAttemptAt: null });
    return "delivered";
  }
  const made = delivery.attempts + 1;
  const delaySeconds = settings.retrySchedule[made - 1];
  if (delaySeconds === undefined) {
    await recordAttempt(db, delivery, url, attempt, { status: "failed", nextAttemptAt: null });
    return "failed";
  }
  const nextAttemptAt = new Date(Date.now() + delaySeconds * 1000);
  await context.scheduleRetry(delivery.id, nextAttemptAt);
  await recordAttempt(db, delivery, url, attempt, { status: "pending", nextAttemptAt });
  return "retry";
}
