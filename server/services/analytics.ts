/**
 * The analytics dashboard: every figure is aggregated in SQL over the decisions in the filter
 * (workspace, [from, to), optional flow and pool), six statements sent together; no decision row is
 * loaded into JS. Time buckets are UTC.
 *
 * Definitions:
 * - fallback share: decisions whose flow ended at a fallback node ÷ decisions.
 * - assignment latency: decisions.latency_ms, p50/p95 (percentile_cont).
 * - time to first contact: the lead's 'contacted' outcome − leads.created_at (= its decision's
 *   created_at: routing writes both in one transaction), median, in seconds.
 * - conversion: a lead with a 'won' outcome; rate = won ÷ decisions.
 * - path / branch: each branch step of the decision's path (nodeType = 'branch' in its trace; stored
 *   as branch_paths at routing), grouped by flow, the branch node's label and the case taken ("Else"
 *   when none).
 * - outcomes are joined from the range start only: an outcome is never before its lead's creation
 *   (the outcome API refuses it), and a lead is created with its decision.
 * - expected share in a pool: weight ÷ total weight for weighted round robin; equal shares for round
 *   robin and least loaded, which ignore weights. Current members only; a rep no longer in the pool
 *   still shows their actual share, with no expectation.
 */
import { type SQL, sql } from "drizzle-orm";
import type { PoolStrategy } from "@/drizzle/schema";
import { type Executor, queryRows } from "@/server/db/client";
import type { AnalyticsFilters } from "@/server/services/analytics-input";

export interface Series {
  key: string;
  label: string;
  /** One count per bucket, aligned with `volume.buckets`. */
  counts: number[];
  total: number;
}

export interface PoolDistribution {
  poolId: string;
  poolName: string;
  strategy: PoolStrategy;
  leads: number;
  members: Array<{
    repId: string | null;
    repName: string;
    /** Current pool weight; null when the rep has left the pool. */
    weight: number | null;
    expectedShare: number | null;
    leads: number;
    actualShare: number;
  }>;
}

export interface AnalyticsDashboard {
  range: { from: Date; to: Date; granularity: "day" | "hour" };
  kpis: {
    leadsRouted: number;
    fallbackLeads: number;
    fallbackShare: number | null;
    assignmentLatencyP50Ms: number | null;
    assignmentLatencyP95Ms: number | null;
    timeToFirstContactP50Seconds: number | null;
    contactedLeads: number;
    wonLeads: number;
    wonValue: number;
    conversionRate: number | null;
  };
  volume: { buckets: string[]; byFlow: Series[]; byArm: Series[] };
  fallback: Array<{ bucket: string; leads: number; fallback: number; share: number | null }>;
  pools: PoolDistribution[];
  reps: Array<{
    repId: string | null;
    repName: string;
    leads: number;
    contacted: number;
    won: number;
    wonValue: number;
    conversionRate: number;
  }>;
  utilisation: Array<{
    repId: string;
    repName: string;
    status: "active" | "away" | "inactive";
    openLeads: number;
    capacity: number | null;
    /** openLeads ÷ capacity; null without a cap. */
    utilisation: number | null;
  }>;
  branches: Array<{
    flowId: string | null;
    flowName: string;
    node: string;
    branch: string;
    leads: number;
    won: number;
    conversionRate: number;
  }>;
}

/** The WHERE clause over `decisions d` for a filter; every dashboard query and the export use it. */
export function decisionFilter(workspaceId: string, filters: AnalyticsFilters): SQL {
  const parts: SQL[] = [
    sql`d.workspace_id = ${workspaceId}`,
    sql`d.created_at >= ${filters.from.toISOString()}::timestamptz`,
    sql`d.created_at < ${filters.to.toISOString()}::timestamptz`,
  ];
  if (filters.flowId) parts.push(sql`d.flow_id = ${filters.flowId}`);
  if (filters.poolId) parts.push(sql`d.pool_id = ${filters.poolId}`);
  return sql.join(parts, sql` and `);
}

/** The workspace's outcomes of one kind, as a subquery to join on lead_id. */
type OutcomesOf = (kind: "contacted" | "won") => SQL;

/**
 * Outcomes of the filter's leads can only have happened from its start on (an outcome may not be
 * before its lead was created, and a lead is created with its decision), so the joins read only the
 * workspace's outcomes since `from`, by index, instead of all of them.
 */
function outcomesSince(workspaceId: string, filters: AnalyticsFilters): OutcomesOf {
  return (kind) => sql`(
    select o.lead_id, o.occurred_at, o.value
    from lead_outcomes o
    where o.workspace_id = ${workspaceId} and o.kind = ${kind}
      and o.occurred_at >= ${filters.from.toISOString()}::timestamptz)`;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export async function getDashboard(
  db: Executor,
  workspaceId: string,
  filters: AnalyticsFilters,
): Promise<AnalyticsDashboard> {
  const where = decisionFilter(workspaceId, filters);
  const outcomes = outcomesSince(workspaceId, filters);
  const [volumeRows, speedRows, poolRows, repRows, utilRows, branchRows] = await Promise.all([
    queryRows<VolumeRow>(db, volumeQuery(where, filters.granularity)),
    queryRows<SpeedRow>(db, speedQuery(where, outcomes)),
    queryRows<PoolRow>(db, poolQuery(workspaceId, where, filters.poolId)),
    queryRows<RepRow>(db, repQuery(where, outcomes)),
    queryRows<UtilRow>(db, utilisationQuery(workspaceId, filters.poolId)),
    queryRows<BranchRow>(db, branchQuery(where, outcomes)),
  ]);

  const buckets = bucketsOf(filters.from, filters.to, filters.granularity);
  const volume = buildVolume(buckets, volumeRows);
  const fallback = buildFallback(buckets, volumeRows);
  const leadsRouted = fallback.reduce((sum, b) => sum + b.leads, 0);
  const fallbackLeads = fallback.reduce((sum, b) => sum + b.fallback, 0);
  const reps = repRows.map((r) => ({
    repId: r.rep_id,
    repName: r.rep_name ?? (r.rep_id ? "Removed rep" : "No rep (queue or rejected)"),
    leads: num(r.leads),
    contacted: num(r.contacted),
    won: num(r.won),
    wonValue: num(r.won_value),
    conversionRate: num(r.won) / Math.max(1, num(r.leads)),
  }));
  const contactedLeads = reps.reduce((sum, r) => sum + r.contacted, 0);
  const wonLeads = reps.reduce((sum, r) => sum + r.won, 0);
  const speed = speedRows[0];

  return {
    range: { from: filters.from, to: filters.to, granularity: filters.granularity },
    kpis: {
      leadsRouted,
      fallbackLeads,
      fallbackShare: ratio(fallbackLeads, leadsRouted),
      assignmentLatencyP50Ms: numOrNull(speed?.latency_p50),
      assignmentLatencyP95Ms: numOrNull(speed?.latency_p95),
      timeToFirstContactP50Seconds: numOrNull(speed?.contact_p50),
      contactedLeads,
      wonLeads,
      wonValue: reps.reduce((sum, r) => sum + r.wonValue, 0),
      conversionRate: ratio(wonLeads, leadsRouted),
    },
    volume,
    fallback,
    pools: buildPools(poolRows, Boolean(filters.flowId)),
    reps,
    utilisation: utilRows.map((r) => {
      const openLeads = num(r.open_leads);
      const capacity = numOrNull(r.capacity);
      return {
        repId: r.id,
        repName: r.name,
        status: r.status,
        openLeads,
        capacity,
        utilisation:
          capacity === null ? null : capacity === 0 ? (openLeads > 0 ? 1 : 0) : openLeads / capacity,
      };
    }),
    branches: branchRows.map((r) => ({
      flowId: r.flow_id,
      flowName: r.flow_name ?? "Deleted flow",
      node: r.node,
      branch: r.branch,
      leads: num(r.leads),
      won: num(r.won),
      conversionRate: num(r.won) / Math.max(1, num(r.leads)),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

interface VolumeRow extends Record<string, unknown> {
  bucket: string;
  flow_id: string | null;
  flow_name: string | null;
  version_id: string | null;
  version_number: number | null;
  deployment_id: string | null;
  experiment_name: string | null;
  leads: number;
  fallback: number;
}

/** Buckets are rendered as ISO strings in SQL so both drivers hand back the same text. */
function volumeQuery(where: SQL, granularity: "day" | "hour"): SQL {
  const unit = granularity === "hour" ? sql.raw("'hour'") : sql.raw("'day'");
  return sql`
    select to_char(v.bucket, 'YYYY-MM-DD"T"HH24:00:00"Z"') as bucket, v.flow_id, f.name as flow_name,
           v.version_id, fv.number as version_number, v.deployment_id, dep.experiment_name,
           v.leads, v.fallback
    from (
      select date_trunc(${unit}, d.created_at at time zone 'UTC') as bucket, d.flow_id, d.version_id,
             d.deployment_id, count(*)::int as leads, (count(*) filter (where d.fallback))::int as fallback
      from decisions d
      where ${where}
      group by 1, 2, 3, 4
    ) v
    left join flows f on f.id = v.flow_id
    left join flow_versions fv on fv.id = v.version_id
    left join deployments dep on dep.id = v.deployment_id`;
}

interface SpeedRow extends Record<string, unknown> {
  latency_p50: number | null;
  latency_p95: number | null;
  contact_p50: number | null;
}

/**
 * Latency percentiles over the decisions (one sort for both), and time to first contact of their
 * leads: a lead and its decision are written in one transaction, so the decision's created_at is the
 * lead's, read from the index instead of joining every lead.
 */
function speedQuery(where: SQL, outcomes: OutcomesOf): SQL {
  return sql`
    select p[1] as latency_p50, p[2] as latency_p95,
      (select percentile_cont(0.5) within group (
                order by greatest(0, extract(epoch from (c.occurred_at - d.created_at))))
         from decisions d
         join ${outcomes("contacted")} c on c.lead_id = d.lead_id
         where ${where}) as contact_p50
    from (select percentile_cont(array[0.5, 0.95]) within group (order by d.latency_ms) as p
          from decisions d where ${where}) latency`;
}

interface PoolRow extends Record<string, unknown> {
  pool_id: string;
  pool_name: string;
  strategy: PoolStrategy;
  rep_id: string | null;
  rep_name: string | null;
  weight: number | null;
  leads: number;
}

/** Current members (with weights) beside the leads each rep got through the pool in the range. */
function poolQuery(workspaceId: string, where: SQL, poolId: string | undefined): SQL {
  const poolFilter = poolId ? sql`and p.id = ${poolId}` : sql``;
  return sql`
    with counts as (
      select d.pool_id, d.rep_id, count(*)::int as leads
      from decisions d
      where ${where} and d.pool_id is not null
      group by 1, 2
    ), members as (
      select pm.pool_id, pm.rep_id, pm.weight
      from pool_members pm
      join pools p on p.id = pm.pool_id
      where p.workspace_id = ${workspaceId} and p.archived_at is null ${poolFilter}
    )
    select p.id as pool_id, p.name as pool_name, p.strategy, coalesce(m.rep_id, c.rep_id) as rep_id,
           r.name as rep_name, m.weight, coalesce(c.leads, 0)::int as leads
    from members m
    full join counts c on c.pool_id = m.pool_id and c.rep_id = m.rep_id
    join pools p on p.id = coalesce(m.pool_id, c.pool_id)
    left join reps r on r.id = coalesce(m.rep_id, c.rep_id)
    order by p.name, r.name nulls last`;
}

interface RepRow extends Record<string, unknown> {
  rep_id: string | null;
  rep_name: string | null;
  leads: number;
  contacted: number;
  won: number;
  won_value: number | null;
}

/** Outcomes are unique per (lead, kind), so the two left joins never multiply rows. */
function repQuery(where: SQL, outcomes: OutcomesOf): SQL {
  return sql`
    select d.rep_id, r.name as rep_name, count(*)::int as leads, count(c.lead_id)::int as contacted,
           count(w.lead_id)::int as won, sum(w.value) as won_value
    from decisions d
    left join ${outcomes("contacted")} c on c.lead_id = d.lead_id
    left join ${outcomes("won")} w on w.lead_id = d.lead_id
    left join reps r on r.id = d.rep_id
    where ${where}
    group by d.rep_id, r.name
    order by leads desc, r.name`;
}

interface UtilRow extends Record<string, unknown> {
  id: string;
  name: string;
  status: "active" | "away" | "inactive";
  open_leads: number;
  capacity: number | null;
}

/** Utilisation is "now", not over the range: active and away reps (of the pool, when filtered). */
function utilisationQuery(workspaceId: string, poolId: string | undefined): SQL {
  const poolFilter = poolId
    ? sql`and exists (select 1 from pool_members pm where pm.rep_id = r.id and pm.pool_id = ${poolId})`
    : sql``;
  return sql`
    select r.id, r.name, r.status, r.open_leads, r.capacity
    from reps r
    where r.workspace_id = ${workspaceId} and r.status <> 'inactive' ${poolFilter}
    order by r.name`;
}

interface BranchRow extends Record<string, unknown> {
  flow_id: string | null;
  flow_name: string | null;
  node: string;
  branch: string;
  leads: number;
  won: number;
}

const MAX_BRANCH_ROWS = 100;

/**
 * Decisions reference their branch steps by branch_path_id (a row of branch_paths, written at
 * routing): leads and wins are counted per path from the index alone, then spread over the path's
 * steps. Decisions written before that column existed have it null; their trace is read instead
 * (found through a partial index, so that part costs nothing once all decisions have a path).
 */
function branchQuery(where: SQL, outcomes: OutcomesOf): SQL {
  return sql`
    select b.flow_id, f.name as flow_name, b.node, b.branch, b.leads, b.won
    from (
      select s.flow_id, s.node, coalesce(s.case_label, 'Else') as branch,
             sum(s.leads)::int as leads, sum(s.won)::int as won
      from (
        select per_path.flow_id, p.node, p.case_label, per_path.leads, per_path.won
        from (
          select d.flow_id, d.branch_path_id, count(*) as leads, count(w.lead_id) as won
          from decisions d
          left join ${outcomes("won")} w on w.lead_id = d.lead_id
          where ${where} and d.branch_path_id is not null
          group by 1, 2
        ) per_path
        join branch_paths bp on bp.id = per_path.branch_path_id
        cross join lateral unnest(bp.nodes, bp.cases) as p(node, case_label)
        union all
        select d.flow_id, t.step->>'label', t.step->'detail'->>'caseLabel', 1, (w.lead_id is not null)::int
        from decisions d
        cross join lateral jsonb_array_elements(
          case when jsonb_typeof(d.trace) = 'array' then d.trace else '[]'::jsonb end) as t(step)
        left join ${outcomes("won")} w on w.lead_id = d.lead_id
        where ${where} and d.branch_path_id is null and t.step->>'nodeType' = 'branch'
      ) s
      group by 1, 2, 3
      order by leads desc
      limit ${MAX_BRANCH_ROWS}
    ) b
    left join flows f on f.id = b.flow_id
    order by b.leads desc, f.name, b.node, b.branch`;
}

// ---------------------------------------------------------------------------------------------
// Shaping

/** Every bucket start in [from, to), UTC, as the same ISO text the volume query produces. */
export function bucketsOf(from: Date, to: Date, granularity: "day" | "hour"): string[] {
  const step = granularity === "hour" ? 3_600_000 : 86_400_000;
  const start = new Date(from);
  if (granularity === "hour") start.setUTCMinutes(0, 0, 0);
  else start.setUTCHours(0, 0, 0, 0);
  const out: string[] = [];
  for (let t = start.getTime(); t < to.getTime(); t += step) {
    out.push(`${new Date(t).toISOString().slice(0, 13)}:00:00Z`);
  }
  return out;
}

function buildVolume(buckets: string[], rows: VolumeRow[]): AnalyticsDashboard["volume"] {
  const index = new Map(buckets.map((b, i) => [b, i]));
  const byFlow = new Map<string, Series>();
  const byArm = new Map<string, Series>();
  const add = (map: Map<string, Series>, key: string, label: string, bucket: string, n: number) => {
    let series = map.get(key);
    if (!series) {
      series = { key, label, counts: buckets.map(() => 0), total: 0 };
      map.set(key, series);
    }
    const i = index.get(bucket);
    if (i !== undefined) series.counts[i] = (series.counts[i] ?? 0) + n;
    series.total += n;
  };
  for (const row of rows) {
    const n = num(row.leads);
    const flowName = row.flow_name ?? "Deleted flow";
    add(byFlow, row.flow_id ?? "none", flowName, row.bucket, n);
    const version = row.version_number === null ? "deleted version" : `v${row.version_number}`;
    const arm = row.experiment_name
      ? `${flowName} ${version} · ${row.experiment_name}`
      : `${flowName} ${version}`;
    add(byArm, `${row.deployment_id ?? "none"}:${row.version_id ?? "none"}`, arm, row.bucket, n);
  }
  const sorted = (map: Map<string, Series>) => [...map.values()].sort((a, b) => b.total - a.total);
  return { buckets, byFlow: sorted(byFlow), byArm: sorted(byArm) };
}

function buildFallback(buckets: string[], rows: VolumeRow[]): AnalyticsDashboard["fallback"] {
  const totals = new Map(buckets.map((b) => [b, { leads: 0, fallback: 0 }]));
  for (const row of rows) {
    const entry = totals.get(row.bucket);
    if (!entry) continue;
    entry.leads += num(row.leads);
    entry.fallback += num(row.fallback);
  }
  return buckets.map((bucket) => {
    const { leads, fallback } = totals.get(bucket) ?? { leads: 0, fallback: 0 };
    return { bucket, leads, fallback, share: ratio(fallback, leads) };
  });
}

function buildPools(rows: PoolRow[], onlyWithLeads: boolean): PoolDistribution[] {
  const byId = new Map<string, PoolDistribution>();
  for (const row of rows) {
    let pool = byId.get(row.pool_id);
    if (!pool) {
      pool = { poolId: row.pool_id, poolName: row.pool_name, strategy: row.strategy, leads: 0, members: [] };
      byId.set(row.pool_id, pool);
    }
    const leads = num(row.leads);
    pool.leads += leads;
    pool.members.push({
      repId: row.rep_id,
      repName: row.rep_name ?? (row.rep_id ? "Removed rep" : "No eligible rep"),
      weight: numOrNull(row.weight),
      expectedShare: null,
      leads,
      actualShare: 0,
    });
  }
  const pools = [...byId.values()].filter((p) => !onlyWithLeads || p.leads > 0);
  for (const pool of pools) {
    const current = pool.members.filter((m) => m.weight !== null);
    const totalWeight = current.reduce((sum, m) => sum + (m.weight ?? 0), 0);
    for (const member of pool.members) {
      member.actualShare = pool.leads > 0 ? member.leads / pool.leads : 0;
      if (member.weight === null) continue;
      member.expectedShare =
        pool.strategy === "weighted_round_robin"
          ? ratio(member.weight, totalWeight)
          : ratio(1, current.length);
    }
  }
  return pools;
}
