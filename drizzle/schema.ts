import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const roleEnum = pgEnum("role", ["admin", "editor", "viewer"]);
export const repStatusEnum = pgEnum("rep_status", ["active", "away", "inactive"]);
export const poolStrategyEnum = pgEnum("pool_strategy", [
  "round_robin",
  "weighted_round_robin",
  "least_loaded",
]);
export const leadStatusEnum = pgEnum("lead_status", ["open", "closed", "reassigned"]);
export const leadOutcomeKindEnum = pgEnum("lead_outcome_kind", [
  "contacted",
  "meeting_booked",
  "qualified",
  "won",
  "lost",
]);
export const replayStatusEnum = pgEnum("replay_status", ["queued", "running", "done", "failed", "cancelled"]);
export const deliveryKindEnum = pgEnum("delivery_kind", ["webhook", "notification"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "delivered", "failed"]);
export const leadImportStatusEnum = pgEnum("lead_import_status", [
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
]);
export const leadImportRowStatusEnum = pgEnum("lead_import_row_status", ["pending", "routed", "failed"]);

export const workspaces = pgTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: workspaceRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** Sign-in attempts, kept in the database so the rate limit holds across app processes. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    email: text("email").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_attempts_email_time_idx").on(t.email, t.createdAt)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    /** Visible part of the key (e.g. `sy_3f9a1c2b`), shown in lists to tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Requests allowed per minute (a burst of that size, refilled evenly). */
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
    /** GCRA state: the theoretical arrival time of the next request; shared by every app process. */
    rateLimitTat: timestamp("rate_limit_tat", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.keyHash), index("api_keys_workspace_idx").on(t.workspaceId)],
);

export const reps = pgTable(
  "reps",
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    territories: text("territories").array().notNull().default(sql`'{}'::text[]`),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    weight: integer("weight").notNull().default(1),
    /** Maximum open leads; null means no cap. */
    capacity: integer("capacity"),
    openLeads: integer("open_leads").notNull().default(0),
    status: repStatusEnum("status").notNull().default("active"),
    awayUntil: timestamp("away_until", { withTimezone: true }),
    timezone: text("timezone").notNull().default("UTC"),
    /** Slack-compatible incoming-webhook URL that receives this rep's new-lead notifications. */
    notifyUrl: text("notify_url"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reps_workspace_email_key").on(t.workspaceId, sql`lower(${t.email})`)],
);

export const pools = pgTable(
  "pools",
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    strategy: poolStrategyEnum("strategy").notNull().default("round_robin"),
    /** Strategy cursor (round-robin position, smooth-weight counters); updated atomically per pick. */
    state: jsonb("state").notNull().default({}),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pools_workspace_name_key").on(t.workspaceId, t.name)],
);

export const poolMembers = pgTable(
  "pool_members",
  {
    poolId: uuid("pool_id")
      .notNull()
      .references(() => pools.id, { onDelete: "cascade" }),
    repId: uuid("rep_id")
      .notNull()
      .references(() => reps.id, { onDelete: "cascade" }),
    weight: integer("weight").notNull().default(1),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.poolId, t.repId] }), index("pool_members_rep_idx").on(t.repId)],
);

export const flows = pgTable(
  "flows",
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The editable graph; published versions are immutable copies in flow_versions. */
    draft: jsonb("draft").notNull(),
    /** Bumped on every draft save: optimistic concurrency for the editor. */
    draftRevision: integer("draft_revision").notNull().default(0),
    /** Lead field whose value buckets a lead into an A/B arm (sticky across retries and processes). */
    stickyField: text("sticky_field").notNull().default("email"),
    /** New-lead notification settings ({ enabled, template, channelUrl }); null means off. */
    notification: jsonb("notification"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("flows_workspace_idx").on(t.workspaceId)],
);

export const flowVersions = pgTable(
  "flow_versions",
  {
    id: id(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    graph: jsonb("graph").notNull(),
    compiled: jsonb("compiled").notNull(),
    contentHash: text("content_hash").notNull(),
    message: text("message").notNull().default(""),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("flow_versions_flow_number_key").on(t.flowId, t.number)],
);

/**
 * Saved test cases of a flow: a sample lead and where it must end up. Publishing runs them against
 * the draft and refuses when one fails, unless the editor overrides.
 */
export const flowTestCases = pgTable(
  "flow_test_cases",
  {
    id: id(),
    workspaceId: workspaceRef(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    lead: jsonb("lead").notNull(),
    /** { kind: "pool", poolId } | { kind: "rep", repId } | { kind: "queue", queue } | { kind: "rejected" }, optional band. */
    expected: jsonb("expected").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("flow_test_cases_flow_name_key").on(t.flowId, t.name)],
);

/** Points a flow at its live version(s); more than one arm is an A/B split. */
export const deployments = pgTable(
  "deployments",
  {
    id: id(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    active: boolean("active").notNull().default(true),
    /** Set for an A/B experiment (two or more arms); null for a plain deployment of one version. */
    experimentName: text("experiment_name"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("deployments_one_active_per_flow").on(t.flowId).where(sql`${t.active}`)],
);

export const deploymentArms = pgTable(
  "deployment_arms",
  {
    deploymentId: uuid("deployment_id")
      .notNull()
      .references(() => deployments.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => flowVersions.id, { onDelete: "restrict" }),
    weight: integer("weight").notNull().default(100),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.versionId] })],
);

export const leads = pgTable(
  "leads",
  {
    id: id(),
    workspaceId: workspaceRef(),
    flowId: uuid("flow_id").references(() => flows.id, { onDelete: "set null" }),
    payload: jsonb("payload").notNull(),
    status: leadStatusEnum("status").notNull().default("open"),
    assignedRepId: uuid("assigned_rep_id").references(() => reps.id, { onDelete: "set null" }),
    /** Queue name when the flow sent the lead to a queue instead of a rep. */
    queue: text("queue"),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("leads_workspace_time_idx").on(t.workspaceId, t.createdAt),
    index("leads_rep_open_idx").on(t.assignedRepId).where(sql`${t.status} = 'open'`),
  ],
);

export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    workspaceId: workspaceRef(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    flowId: uuid("flow_id").references(() => flows.id, { onDelete: "set null" }),
    versionId: uuid("version_id").references(() => flowVersions.id, { onDelete: "set null" }),
    /** The deployment that routed the lead; with versionId it names the A/B arm the lead met. */
    deploymentId: uuid("deployment_id").references(() => deployments.id, { onDelete: "set null" }),
    outcome: jsonb("outcome").notNull(),
    repId: uuid("rep_id").references(() => reps.id, { onDelete: "set null" }),
    poolId: uuid("pool_id").references(() => pools.id, { onDelete: "set null" }),
    score: real("score"),
    band: text("band"),
    trace: jsonb("trace").notNull(),
    /** The path as readable sentences: why this rep. */
    explanation: text("explanation").array().notNull().default(sql`'{}'::text[]`),
    fallback: boolean("fallback").notNull().default(false),
    latencyMs: real("latency_ms"),
    /**
     * The branch steps of the trace as a row of branch_paths, so "conversion by branch" groups by this
     * id instead of expanding every trace. Null on decisions written before it existed (analytics then
     * reads their trace, found through decisions_without_branch_path_idx).
     */
    branchPathId: uuid("branch_path_id"),
    createdAt: createdAt(),
  },
  (t) => [
    // Every column the analytics dashboard aggregates, after its (workspace, time range) prefix: the
    // dashboard reads decisions with index-only scans and never touches the wide rows (trace).
    index("decisions_analytics_idx").on(
      t.workspaceId,
      t.createdAt,
      t.flowId,
      t.versionId,
      t.deploymentId,
      t.poolId,
      t.repId,
      t.leadId,
      t.fallback,
      t.latencyMs,
      t.branchPathId,
    ),
    index("decisions_without_branch_path_idx")
      .on(t.workspaceId, t.createdAt)
      .where(sql`${t.branchPathId} is null`),
    index("decisions_lead_idx").on(t.leadId),
    index("decisions_flow_time_idx").on(t.flowId, t.createdAt),
    index("decisions_deployment_arm_idx").on(t.deploymentId, t.versionId),
  ],
);

/**
 * The distinct branch paths of a workspace's decisions: each branch node's label and the case taken
 * (null for else), in path order. The id is derived from the content (server/services/branch-path.ts),
 * so routing writes it with `on conflict do nothing` in the decision's transaction and never reads it.
 */
export const branchPaths = pgTable("branch_paths", {
  id: uuid("id").primaryKey(),
  workspaceId: workspaceRef(),
  nodes: text("nodes").array().notNull(),
  cases: text("cases").array().$type<Array<string | null>>().notNull(),
});

/** What happened to a lead after routing, reported by the CRM: one row per kind, so reports are idempotent. */
export const leadOutcomes = pgTable(
  "lead_outcomes",
  {
    id: id(),
    workspaceId: workspaceRef(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    kind: leadOutcomeKindEnum("kind").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** Deal value for "won". */
    value: doublePrecision("value"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("lead_outcomes_lead_kind").on(t.leadId, t.kind),
    index("lead_outcomes_workspace_time_idx").on(t.workspaceId, t.occurredAt),
  ],
);

/** A what-if replay of a version or draft over past or uploaded leads; results are kept and linkable. */
export const replayRuns = pgTable(
  "replay_runs",
  {
    id: id(),
    workspaceId: workspaceRef(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    /** The version replayed, or null for a draft snapshot kept in `graph`. */
    versionId: uuid("version_id").references(() => flowVersions.id, { onDelete: "set null" }),
    graph: jsonb("graph").notNull(),
    /** Where the leads come from: { kind: "history", days } or { kind: "csv", fileName, rows }. */
    leadSource: jsonb("lead_source").notNull(),
    /** Uploaded leads (CSV replays), already mapped to lead objects. */
    input: jsonb("input"),
    status: replayStatusEnum("status").notNull().default("queued"),
    processed: integer("processed").notNull().default(0),
    total: integer("total").notNull().default(0),
    result: jsonb("result"),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("replay_runs_flow_idx").on(t.flowId, t.createdAt)],
);

/**
 * One row per Idempotency-Key: inserted first in the routing transaction, so a concurrent duplicate
 * waits on it and then replays the stored response instead of routing twice.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    workspaceId: workspaceRef(),
    key: text("key").notNull(),
    flowId: uuid("flow_id").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.key] }),
    index("idempotency_keys_time_idx").on(t.createdAt),
  ],
);

/** Webhook receivers registered by a workspace admin. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    workspaceId: workspaceRef(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types delivered to this endpoint (lead.routed, lead.reassigned, lead.outcome, flow.published). */
    events: text("events").array().notNull(),
    /** Standard Webhooks signing secret (`whsec_…`); shown to the admin once at creation. */
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_workspace_idx").on(t.workspaceId)],
);

/**
 * Transactional outbox: an event is written in the same transaction as the change it reports, so it
 * exists exactly when the change does; the dispatcher fans it out to deliveries afterwards.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id(),
    workspaceId: workspaceRef(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
    /** Set once the event's deliveries exist and are queued. */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_events_pending_idx").on(t.createdAt).where(sql`${t.dispatchedAt} is null`),
    index("outbox_events_workspace_time_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** One event sent to one target (a webhook endpoint or a rep's notification URL), with its retry state. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    workspaceId: workspaceRef(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => outboxEvents.id, { onDelete: "cascade" }),
    kind: deliveryKindEnum("kind").notNull(),
    /** `endpoint:<id>` or `rep:<id>`: makes fan-out idempotent. */
    targetKey: text("target_key").notNull(),
    endpointId: uuid("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "set null" }),
    repId: uuid("rep_id").references(() => reps.id, { onDelete: "set null" }),
    url: text("url").notNull(),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** Held by the worker sending an attempt, so duplicate jobs never send the same delivery at once. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_target_key").on(t.eventId, t.targetKey),
    index("webhook_deliveries_workspace_time_idx").on(t.workspaceId, t.createdAt),
    index("webhook_deliveries_endpoint_time_idx").on(t.endpointId, t.createdAt),
    // The sweep's scan for pending deliveries whose job was lost.
    index("webhook_deliveries_pending_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery: the delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    /** The first 500 characters of the response body. */
    responseSnippet: text("response_snippet"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

/** A CSV of leads uploaded to be routed in bulk; rows are stored first so nothing accepted is lost. */
export const leadImports = pgTable(
  "lead_imports",
  {
    id: id(),
    workspaceId: workspaceRef(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /** Column mapping used: { leadField: column }, as in replay. */
    mapping: jsonb("mapping").notNull(),
    status: leadImportStatusEnum("status").notNull().default("queued"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    routed: integer("routed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("lead_imports_workspace_time_idx").on(t.workspaceId, t.createdAt)],
);

export const leadImportRows = pgTable(
  "lead_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => leadImports.id, { onDelete: "cascade" }),
    /** 1-based data row number in the file (the header is row 0). */
    rowNumber: integer("row_number").notNull(),
    /** The mapped lead; null when the row could not be mapped (then `error` says why). */
    lead: jsonb("lead"),
    status: leadImportRowStatusEnum("status").notNull().default("pending"),
    error: text("error"),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNumber] }),
    index("lead_import_rows_status_idx").on(t.importId, t.status),
  ],
);

export type Role = (typeof roleEnum.enumValues)[number];
export type RepStatus = (typeof repStatusEnum.enumValues)[number];
export type PoolStrategy = (typeof poolStrategyEnum.enumValues)[number];
