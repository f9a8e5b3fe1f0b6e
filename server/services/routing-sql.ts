import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/server/db/client";
import { textArray } from "@/server/services/branch-path";

// The routing hot path in plain SQL: building these with drizzle's query builder cost about 0.7 ms of
// CPU per query, several times the query itself, and the pool row stays locked meanwhile.

export interface LiveArmRow extends Record<string, unknown> {
  archivedAt: Date | null;
  stickyField: string;
  deploymentId: string | null;
  versionId: string | null;
  number: number | null;
  weight: number | null;
}

/**
 * The flow (one row even when it has no deployment) with its sticky field and the arms of its active
 * deployment: everything the arm choice needs in one round trip.
 */
export function selectLiveArms(db: Executor, workspaceId: string, flowId: string) {
  return queryRows<LiveArmRow>(
    db,
    sql`select f.archived_at as "archivedAt", f.sticky_field as "stickyField", d.id as "deploymentId",
               a.version_id as "versionId", v.number, a.weight
        from flows f
        left join deployments d on d.flow_id = f.id and d.active
        left join deployment_arms a on a.deployment_id = d.id
        left join flow_versions v on v.id = a.version_id
        where f.id = ${flowId} and f.workspace_id = ${workspaceId}
        order by v.number`,
  );
}

export interface PoolMemberRow extends Record<string, unknown> {
  poolId: string;
  poolName: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  state: unknown;
  repId: string | null;
  name: string | null;
  email: string | null;
  weight: number | null;
  status: "active" | "away" | "inactive" | null;
  awayUntil: Date | null;
  openLeads: number | null;
  capacity: number | null;
  skills: string[] | null;
  territories: string[] | null;
}

const FOR_UPDATE_OF_POOL = sql.raw("for update of p");

/** The pool with its non-deactivated members in order; `lock` is the locking clause, if any. */
function poolMembersQuery(workspaceId: string, poolId: string, lock: SQL | null) {
  return sql`select p.id as "poolId", p.name as "poolName", p.strategy, p.state,
               r.id as "repId", r.name, r.email, m.weight, r.status, r.away_until as "awayUntil",
               r.open_leads as "openLeads", r.capacity, r.skills, r.territories
        from pools p
        left join pool_members m on m.pool_id = p.id
        left join reps r on r.id = m.rep_id and r.status <> 'inactive'
        where p.id = ${poolId} and p.workspace_id = ${workspaceId} and p.archived_at is null
        order by m.position
        ${lock ?? sql.empty()}`;
}

/** The same read without any lock: a test run looks at the pool as it is now and changes nothing. */
export function selectPoolMembers(db: Executor, workspaceId: string, poolId: string) {
  return queryRows<PoolMemberRow>(db, poolMembersQuery(workspaceId, poolId, null));
}

/** The pool with its non-deactivated members in order, locking the pool row until commit. */
export async function selectPoolForUpdate(db: Executor, workspaceId: string, poolId: string) {
  // Row-lock waiters are not served in arrival order, which showed as a ~1 s p99 under load;
  // the advisory lock queue is, so routes to one pool take turns first come, first served.
  // Both statements go out together; the server runs the read once the lock is granted.
  const [, rows] = await Promise.all([
    db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${poolId}, 0))`),
    queryRows<PoolMemberRow>(db, poolMembersQuery(workspaceId, poolId, FOR_UPDATE_OF_POOL)),
  ]);
  return rows;
}

/** Claims one unit of a rep's capacity; no row back means they are full. */
export function claimRepCapacity(db: Executor, repId: string) {
  return queryRows<{ id: string }>(
    db,
    sql`update reps set open_leads = open_leads + 1
        where id = ${repId} and (capacity is null or open_leads < capacity)
        returning id`,
  );
}

export function storePoolState(db: Executor, poolId: string, state: unknown) {
  return db.execute(sql`update pools set state = ${JSON.stringify(state)}::jsonb where id = ${poolId}`);
}

export function insertIdempotencyKey(
  db: Executor,
  workspaceId: string,
  key: string,
  flowId: string,
  hash: string,
) {
  return queryRows<{ key: string }>(
    db,
    sql`insert into idempotency_keys (workspace_id, key, flow_id, request_hash)
        values (${workspaceId}, ${key}, ${flowId}, ${hash})
        on conflict do nothing
        returning key`,
  );
}

export function storeIdempotentResponse(db: Executor, workspaceId: string, key: string, response: unknown) {
  return db.execute(
    sql`update idempotency_keys set response = ${JSON.stringify(response)}::jsonb
        where workspace_id = ${workspaceId} and key = ${key}`,
  );
}

export interface LeadInsert {
  id: string;
  workspaceId: string;
  flowId: string;
  payloadJson: string;
  assignedRepId: string | null;
  queue: string | null;
}

export function insertLead(db: Executor, lead: LeadInsert) {
  return db.execute(
    sql`insert into leads (id, workspace_id, flow_id, payload, assigned_rep_id, queue)
        values (${lead.id}, ${lead.workspaceId}, ${lead.flowId}, ${lead.payloadJson}::jsonb, ${lead.assignedRepId}, ${lead.queue})`,
  );
}

export interface DecisionInsert {
  id: string;
  workspaceId: string;
  leadId: string;
  flowId: string;
  versionId: string;
  /** The deployment that chose the version: with versionId, the A/B arm. */
  deploymentId: string;
  outcome: unknown;
  repId: string | null;
  poolId: string | null;
  score: number | null;
  band: string | null;
  trace: unknown;
  /** The id of the decision's row in branch_paths (branch-path.ts). */
  branchPathId: string;
  explanation: string[];
  fallback: boolean;
  latencyMs: number;
}

export function insertDecision(db: Executor, d: DecisionInsert) {
  // Arrays go in as JSON: drizzle's sql template would expand a JS array into a list of parameters.
  return db.execute(
    sql`insert into decisions (id, workspace_id, lead_id, flow_id, version_id, deployment_id, outcome, rep_id,
                               pool_id, score, band, trace, explanation, fallback, latency_ms,
                               branch_path_id)
        values (${d.id}, ${d.workspaceId}, ${d.leadId}, ${d.flowId}, ${d.versionId}, ${d.deploymentId},
                ${JSON.stringify(d.outcome)}::jsonb,
                ${d.repId}, ${d.poolId}, ${d.score}, ${d.band}, ${JSON.stringify(d.trace)}::jsonb,
                ${textArray(d.explanation)}, ${d.fallback}, ${d.latencyMs}, ${d.branchPathId})`,
  );
}
