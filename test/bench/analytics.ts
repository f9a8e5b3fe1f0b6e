/**
 * Analytics benchmark: the dashboard's query set (getDashboard: six statements sent together) on a
 * workspace of 1M decisions spread over the last 365 days, for 30- and 365-day ranges, with and
 * without flow / pool filters. Printed beside two baselines measured in the same run: a bare
 * `select count(*)` over the same range, and the same dashboard on a 10k-decision workspace.
 * Medians of a few runs after a warm-up; printed, never asserted.
 *
 * Self-contained: creates a fresh database on 127.0.0.1:5432 (trust auth, user postgres), seeds it
 * with one set-based statement per workspace (generate_series, secondary indexes built after the
 * load), runs VACUUM ANALYZE, measures, and drops the database.
 */
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/server/db/client";
import { signUp } from "@/server/services/accounts";
import { getDashboard } from "@/server/services/analytics";
import { type AnalyticsFilters, analyticsFiltersInput } from "@/server/services/analytics-input";
import { createFlow, publishFlow } from "@/server/services/flows";
import type { BenchmarkModule } from "./index";
import { printTable } from "./table";

const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
const BIG = 1_000_000;
const SMALL = 10_000;
const FLOWS = 5;
const REPS = 40;
const POOLS = 4;
const RUNS = 3;
const DAY_MS = 86_400_000;

interface SeededWorkspace {
  workspaceId: string;
  flowIds: string[];
  poolIds: string[];
}

/** Flows and versions through the services (real graphs); reps, pools, leads and outcomes in SQL. */
export async function seedWorkspace(
  sql: postgres.Sql,
  databaseUrl: string,
  label: string,
  decisionCount: number,
): Promise<SeededWorkspace> {
  const database = await openDatabase({ url: databaseUrl, maxConnections: 2 });
  const account = await signUp(database.db, {
    name: `${label} admin`,
    email: `${label}-${Date.now()}@bench.example`,
    password: "bench-password",
    workspaceName: label,
  });
  const workspaceId = account.workspaceId;
  const flowIds: string[] = [];
  const versionIds: string[] = [];
  for (let i = 0; i < FLOWS; i++) {
    const flow = await createFlow(database.db, workspaceId, { name: `${label} flow ${i + 1}` });
    const version = await publishFlow(database.db, workspaceId, account.userId, {
      id: flow.id,
      message: "v1",
    });
    flowIds.push(flow.id);
    versionIds.push(version.id);
  }
  await database.close();

  await sql`
    insert into reps (workspace_id, name, email, weight, capacity, open_leads)
    select ${workspaceId}, 'Rep ' || i, 'rep' || i || '@bench.example', 1 + i % 3,
           case when i % 4 = 0 then null else 20 + i end, i % 25
    from generate_series(1, ${REPS}) i`;
  await sql`
    insert into pools (workspace_id, name, strategy)
    select ${workspaceId}, 'Pool ' || i,
           (array['round_robin', 'weighted_round_robin', 'least_loaded', 'weighted_round_robin'])[i]::pool_strategy
    from generate_series(1, ${POOLS}) i`;
  const poolIds = (
    await sql<{ id: string }[]>`select id from pools where workspace_id = ${workspaceId} order by name`
  ).map((r) => r.id);
  // Rep n belongs to pool n mod POOLS.
  await sql`
    insert into pool_members (pool_id, rep_id, weight, position)
    select p.ids[1 + (r.n % ${POOLS})], r.id, r.weight, r.n
    from (select id, weight, row_number() over (order by name) as n from reps where workspace_id = ${workspaceId}) r,
         (select ${poolIds}::uuid[] as ids) p`;

  // One statement writes the leads, their decisions and outcomes: leads over the last 365 days in time
  // order, as routing writes them (a range is then a run of neighbouring pages); ~5% to the Unassigned
  // queue (fallback), the rest to a rep of a pool; 30% contacted within two days, 5% won 20 days later.
  await sql`
    with reps_of as (
      select array_agg(r.id order by r.name) as rep_ids, array_agg(pm.pool_id order by r.name) as pool_ids
      from reps r join pool_members pm on pm.rep_id = r.id
      where r.workspace_id = ${workspaceId}::uuid
    ), src as materialized (
      select gen_random_uuid() as lead_id, i, (${flowIds}::uuid[])[1 + i % ${FLOWS}] as flow_id,
             (${versionIds}::uuid[])[1 + i % ${FLOWS}] as version_id,
             (array['US','DE','GB','JP','BR'])[1 + i % 5] as country,
             case when i % 20 = 0 then null else 1 + ((i::bigint * 7919) % ${REPS})::int end as rep_n,
             now() - interval '365 days' + (i::double precision / ${decisionCount}) * interval '365 days'
               as created_at
      from generate_series(1, ${decisionCount}) i
    ), paths as (
      insert into branch_paths (id, workspace_id, nodes, cases)
      select gen_random_uuid(), ${workspaceId}::uuid, array['Region'], array[c]
      from unnest(array['US','DE','GB','JP','BR', null]::text[]) c
      returning id, coalesce(cases[1], '') as case_key
    ), new_leads as (
      insert into leads (id, workspace_id, flow_id, payload, status, assigned_rep_id, queue, created_at)
      select s.lead_id, ${workspaceId}::uuid, s.flow_id,
             jsonb_build_object('email', 'lead' || s.i || '@prospect.example', 'country', s.country),
             case when s.i % 7 = 0 then 'closed'::lead_status else 'open'::lead_status end,
             o.rep_ids[s.rep_n], case when s.rep_n is null then 'Unassigned' end, s.created_at
      from src s, reps_of o
    ), new_outcomes as (
      insert into lead_outcomes (workspace_id, lead_id, kind, occurred_at, value)
      select ${workspaceId}::uuid, s.lead_id, 'contacted'::lead_outcome_kind, s.created_at + random() * interval '2 days', null::double precision
      from src s where random() < 0.3
      union all
      select ${workspaceId}::uuid, s.lead_id, 'won'::lead_outcome_kind, s.created_at + interval '20 days',
             round((random() * 10000)::numeric, 2)::double precision
      from src s where random() < 0.05
    )
    insert into decisions (workspace_id, lead_id, flow_id, version_id, outcome, rep_id, pool_id, score, band,
                           trace, explanation, fallback, latency_ms, branch_path_id, created_at)
    select ${workspaceId}::uuid, s.lead_id, s.flow_id, s.version_id,
           case when s.rep_n is null then '{"kind":"queue","queue":"Unassigned"}'::jsonb
                else jsonb_build_object('kind', 'pool', 'poolId', o.pool_ids[s.rep_n]) end,
           o.rep_ids[s.rep_n], o.pool_ids[s.rep_n], 50, 'warm',
           jsonb_build_array(
             jsonb_build_object('nodeId', 'source', 'nodeType', 'source', 'label', 'Source', 'result', 'accepted',
                                'summary', 'web_form accepted'),
             jsonb_build_object('nodeId', 'region', 'nodeType', 'branch', 'label', 'Region',
                                'result', case when s.rep_n is null then 'else' else 'matched' end,
                                'summary', 'country = ' || s.country,
                                'detail', jsonb_build_object('caseLabel',
                                  case when s.rep_n is null then null else s.country end,
                                  'seen', jsonb_build_array(jsonb_build_object('field', 'email',
                                    'value', 'lead' || s.i || '@prospect.example')))),
             jsonb_build_object('nodeId', 'pool', 'nodeType', 'pool', 'label', 'Round robin',
                                'result', 'pool', 'summary', 'round robin picked rep ' || s.rep_n)),
           array['country = ' || s.country], s.rep_n is null, 2 + random() * 20, p.id, s.created_at
    from src s
    cross join reps_of o
    join paths p on p.case_key = case when s.rep_n is null then '' else s.country end
    order by s.i`;
  return { workspaceId, flowIds, poolIds };
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function runAnalyticsBenchmark(): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, "..", "..");
  if (path.resolve(process.cwd()) !== repoRoot) {
    // openDatabase finds the migrations relative to the working directory.
    throw new Error(`run the analytics benchmark from the repository root (${repoRoot})`);
  }
  const databaseName = `switchyard_bench_analytics_${Date.now()}`;
  const databaseUrl = `postgres://${PG.user}@${PG.host}:${PG.port}/${databaseName}`;
  const admin = postgres({ ...PG, database: "postgres", max: 1, onnotice: () => {} });
  let created = false;
  let sql: postgres.Sql | null = null;
  let database: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    await admin`create database ${admin(databaseName)}`;
    created = true;
    console.log(`Database ${databaseName} on ${PG.host}:${PG.port}.`);
    await openDatabase({ url: databaseUrl, maxConnections: 1 }).then((d) => d.close()); // migrate
    // One connection, so the session setting below holds for every seed statement.
    sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const client = sql;
    const seedStarted = performance.now();
    // Bulk load: drop the secondary indexes of the three big tables, load, build them once (far faster
    // than maintaining them row by row), then VACUUM ANALYZE as autovacuum would after a bulk insert
    // (statistics and the visibility map that index-only scans need).
    const secondary = await client<{ name: string; definition: string }[]>`
      select i.indexname as name, i.indexdef as definition
      from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ('leads', 'decisions', 'lead_outcomes')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
    for (const index of secondary) {
      await client.unsafe(`drop index "${index.name.replaceAll('"', '""')}"`);
    }
    // The seed's foreign keys hold by construction: skip their per-row trigger checks while seeding.
    await client`set session_replication_role = replica`;
    const big = await seedWorkspace(client, databaseUrl, "Big", BIG);
    const small = await seedWorkspace(client, databaseUrl, "Small", SMALL);
    await client`set session_replication_role = default`;
    const loadedAt = performance.now();
    for (const index of secondary) await client.unsafe(index.definition);
    const indexedAt = performance.now();
    await client`vacuum analyze`;
    const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
    console.log(
      `Seeded ${BIG.toLocaleString("en-US")} + ${SMALL.toLocaleString("en-US")} decisions (leads, outcomes): load ${seconds(seedStarted, loadedAt)}, indexes ${seconds(loadedAt, indexedAt)}, vacuum analyze ${seconds(indexedAt, performance.now())}.\n`,
    );

    database = await openDatabase({ url: databaseUrl, maxConnections: 10 });
    const { db } = database;
    const now = Date.now();
    const range = (days: number) => ({ from: new Date(now - days * DAY_MS), to: new Date(now + 60_000) });
    const filtersOf = (days: number, extra: { flowId?: string; poolId?: string }): AnalyticsFilters =>
      analyticsFiltersInput.parse({ ...range(days), ...extra });
    const countInRange = (workspaceId: string, f: AnalyticsFilters) => async () =>
      client`select count(*) from decisions where workspace_id = ${workspaceId}
             and created_at >= ${f.from} and created_at < ${f.to}`;

    // The pool that got most of the first flow's leads, so "flow + pool" selects some decisions.
    const busiestPoolOf = async (seeded: SeededWorkspace) => {
      const [row] = await client<{ pool_id: string }[]>`
        select pool_id from decisions
        where workspace_id = ${seeded.workspaceId} and flow_id = ${seeded.flowIds[0] ?? null}
          and pool_id is not null
        group by pool_id order by count(*) desc limit 1`;
      return row?.pool_id;
    };
    const bigPool = await busiestPoolOf(big);
    const smallPool = await busiestPoolOf(small);
    const rows: string[][] = [];
    for (const days of [30, 365]) {
      const cases: Array<
        [string, { flowId?: string; poolId?: string }, { flowId?: string; poolId?: string }]
      > = [
        ["no filter", {}, {}],
        ["flow", { flowId: big.flowIds[0] }, { flowId: small.flowIds[0] }],
        ["pool", { poolId: big.poolIds[1] }, { poolId: small.poolIds[1] }],
        [
          "flow + pool",
          { flowId: big.flowIds[0], poolId: bigPool },
          { flowId: small.flowIds[0], poolId: smallPool },
        ],
      ];
      for (const [name, bigExtra, smallExtra] of cases) {
        const bigFilters = filtersOf(days, bigExtra);
        const smallFilters = filtersOf(days, smallExtra);
        const routed = (await getDashboard(db, big.workspaceId, bigFilters)).kpis.leadsRouted;
        const dashboardMs = await median(() => getDashboard(db, big.workspaceId, bigFilters));
        const countMs = await median(countInRange(big.workspaceId, bigFilters));
        const smallMs = await median(() => getDashboard(db, small.workspaceId, smallFilters));
        console.log(`  measured ${days} d, ${name}: dashboard ${dashboardMs.toFixed(1)} ms`);
        rows.push([
          `${days} d`,
          name,
          routed.toLocaleString("en-US"),
          dashboardMs.toFixed(1),
          countMs.toFixed(1),
          `${(dashboardMs / countMs).toFixed(1)}×`,
          smallMs.toFixed(1),
        ]);
      }
    }
    console.log(`\nMedian of ${RUNS} runs after a warm-up (PostgreSQL, 1M-decision workspace):\n`);
    printTable(
      [
        "range",
        "filter",
        "decisions in filter",
        "dashboard ms",
        "count(*) ms",
        "dashboard ÷ count(*)",
        "10k-ws dashboard ms",
      ],
      rows,
    );
    console.log(
      "\ncount(*): a bare count over the same workspace and range (index-only scan), the floor for touching those rows.",
    );
  } finally {
    if (database) await database.close();
    if (sql) await sql.end({ timeout: 5 });
    if (created) {
      try {
        await admin`drop database if exists ${admin(databaseName)} with (force)`;
      } catch (error) {
        console.error(`Could not drop ${databaseName}:`, error);
      }
    }
    await admin.end({ timeout: 5 });
  }
}

export const analyticsBenchmark: BenchmarkModule = {
  name: "analytics",
  description:
    "analytics dashboard queries on 1M decisions (30/365-day ranges, with/without filters) on PostgreSQL, beside count(*) over the same range and a 10k-decision workspace",
  run: runAnalyticsBenchmark,
};
