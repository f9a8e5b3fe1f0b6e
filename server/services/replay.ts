import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { pools, replayRuns, reps } from "@/drizzle/schema";
import type { PreparedFlow, ValidationIssue } from "@/engine";
import { type Db, type Executor, queryRows } from "@/server/db/client";
import { preparedVersion } from "@/server/services/compiled-cache";
import { type CsvMapping, csvToLeads, type MappableField, previewCsv } from "@/server/services/csv-leads";
import { ServiceError } from "@/server/services/errors";
import { prepareDraft } from "@/server/services/flow-test-run";
import { activeArms, type Flow, getFlow, getVersion, validationContext } from "@/server/services/flows";
import {
  MAX_BAD_ROWS_KEPT,
  type Names,
  type ReplayResult,
  ReplayTally,
} from "@/server/services/replay-result";
import type { StartReplayInput } from "@/server/services/replay-schemas";
import {
  type OwnerKey,
  poolIdsOf,
  queueOwner,
  REJECTED_OWNER,
  ReplaySimulator,
  repOwner,
  type SimPool,
} from "@/server/services/replay-sim";
import { selectPoolMembers } from "@/server/services/routing-sql";

// Replay (what-if): a draft or a version runs over past leads of the flow or an uploaded CSV, in the
// background of this process, without touching live state (no lead, decision, open-lead count or pool
// cursor is written; pools are simulated from a fresh state, see replay-sim.ts). Results are kept in
// replay_runs and linkable.
//
// Lifecycle: queued → running → done | failed | cancelled. `start` returns the run id at once and an
// async loop routes the leads in chunks, writing `processed` and a heartbeat between chunks and
// stopping when the row is no longer "running" (cancelled); a timer also beats every HEARTBEAT_MS for
// the runs of this process, so a live run is never silent for long. A run whose process died (server
// restart) stops beating: at startup sweepInterruptedRuns marks such runs failed, and any read (get,
// list) marks runs silent for STALE_AFTER_MS as failed.

export const REPLAY_CHUNK_SIZE = 2_000;
export const STALE_AFTER_MS = 2 * 60 * 1000;
/** How often this process beats for its runs while they are busy (a long page read, say). */
export const HEARTBEAT_MS = 10_000;
/** At startup, a run silent this long belongs to a dead process: a live one beats every HEARTBEAT_MS. */
export const STARTUP_SILENCE_MS = 3 * HEARTBEAT_MS;
const INTERRUPTED = "The replay was interrupted (the server restarted); start it again.";

/** Test hooks: called after each chunk is recorded, before the loop yields. */
export const replayHooks: { afterChunk: ((runId: string, processed: number) => Promise<void>) | null } = {
  afterChunk: null,
};

const jobs = new Map<string, Promise<void>>();
let beating: ReturnType<typeof setInterval> | null = null;

/** Beats for every run of this process while any is in progress; stops when none is left. */
function keepBeating(db: Db): void {
  if (beating) return;
  beating = setInterval(() => {
    const runIds = [...jobs.keys()];
    if (runIds.length === 0) {
      if (beating) clearInterval(beating);
      beating = null;
      return;
    }
    db.update(replayRuns)
      .set({ result: heartbeat() })
      .where(and(inArray(replayRuns.id, runIds), eq(replayRuns.status, "running")))
      .catch((error: unknown) => console.error("Replay heartbeat failed:", error));
  }, HEARTBEAT_MS);
  beating.unref();
}

/**
 * At startup: marks runs left queued or running by a process that died as failed, with a clear
 * message. `silentForMs` is 0 when this process is the only one using the database (PGlite);
 * on PostgreSQL another live process may be running replays, and its runs beat every HEARTBEAT_MS.
 * Returns how many runs it marked.
 */
export async function sweepInterruptedRuns(
  db: Executor,
  { silentForMs = STARTUP_SILENCE_MS }: { silentForMs?: number } = {},
): Promise<number> {
  const cutoff = new Date(Date.now() - silentForMs).toISOString();
  const swept = await db
    .update(replayRuns)
    .set({ status: "failed", error: INTERRUPTED, finishedAt: new Date() })
    .where(
      and(
        inArray(replayRuns.status, ["queued", "running"]),
        sql`coalesce((${replayRuns.result}->>'heartbeatAt')::timestamptz, ${replayRuns.createdAt}) <= ${cutoff}::timestamptz`,
      ),
    )
    .returning({ id: replayRuns.id });
  return swept.length;
}

/** Resolves when the run's background job (in this process) has finished; at once if none is running. */
export async function waitForReplay(runId: string): Promise<void> {
  await jobs.get(runId);
}

type HistorySource = { kind: "history"; days: number; from: string; until: string };
type CsvSource = {
  kind: "csv";
  fileName: string;
  rows: number;
  badRows: Array<{ line: number; reason: string }>;
  badRowCount: number;
};
export type StoredLeadSource = HistorySource | CsvSource;

interface Candidate {
  prepared: PreparedFlow;
  graph: unknown;
  versionId: string | null;
}

interface Plan {
  runId: string;
  workspaceId: string;
  flowId: string;
  candidate: PreparedFlow;
  /** The live version, to replay CSV leads beside the candidate (history compares recorded decisions). */
  live: { prepared: PreparedFlow; id: string; number: number } | null;
  source: HistorySource | { kind: "csv"; leads: Record<string, unknown>[]; badRows: CsvSource["badRows"] };
}

function describeIssues(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : i.message));
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
  return `candidate: the draft has ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}`;
}

async function resolveCandidate(
  db: Executor,
  workspaceId: string,
  flow: Flow,
  candidate: StartReplayInput["candidate"],
): Promise<Candidate> {
  if (candidate.kind === "version") {
    const version = await getVersion(db, workspaceId, candidate.versionId);
    if (version.flowId !== flow.id)
      throw new ServiceError("BAD_REQUEST", "candidate.versionId: the version belongs to another flow");
    return { prepared: await preparedVersion(db, version.id), graph: version.graph, versionId: version.id };
  }
  const graph = candidate.graph ?? flow.draft;
  const draft = prepareDraft(graph, await validationContext(db, workspaceId));
  if (!draft.ok) throw new ServiceError("BAD_REQUEST", describeIssues(draft.issues));
  return { prepared: draft.prepared, graph, versionId: null };
}

/** The lead fields a CSV column can fill: `source` and the candidate's declared fields. */
export function mappableFields(flow: PreparedFlow): MappableField[] {
  return [
    { name: "source", type: "string", label: "Source channel" },
    ...flow.compiled.fields.map((f) => ({ name: f.name, type: f.type })),
  ];
}

/** The live version (the heaviest arm of an A/B split), or null when the flow is not deployed. */
async function liveVersion(db: Executor, flowId: string) {
  const arms = await activeArms(db, flowId);
  const heaviest = [...arms].sort((a, b) => b.weight - a.weight)[0];
  if (!heaviest) return null;
  const [version, prepared] = await Promise.all([
    getVersionNumber(db, heaviest.versionId),
    preparedVersion(db, heaviest.versionId),
  ]);
  return { id: heaviest.versionId, number: version, prepared };
}

async function getVersionNumber(db: Executor, versionId: string): Promise<number> {
  const [row] = await queryRows<{ number: number }>(
    db,
    sql`select number from flow_versions where id = ${versionId}`,
  );
  return row?.number ?? 0;
}

/** Header, sample rows and a suggested mapping for the upload's mapping step. */
export async function previewReplayCsv(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; csvText: string; candidate: StartReplayInput["candidate"] },
) {
  const flow = await getFlow(db, workspaceId, input.flowId);
  const candidate = await resolveCandidate(db, workspaceId, flow, input.candidate);
  const fields = mappableFields(candidate.prepared);
  return { ...previewCsv(input.csvText, fields), fields };
}

function historyWindow(days: number, now: Date): HistorySource {
  return {
    kind: "history",
    days,
    from: new Date(now.getTime() - days * 86_400_000).toISOString(),
    until: now.toISOString(),
  };
}

async function countHistory(db: Executor, workspaceId: string, flowId: string, window: HistorySource) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from leads
        where workspace_id = ${workspaceId} and flow_id = ${flowId}
          and created_at >= ${window.from}::timestamptz and created_at < ${window.until}::timestamptz`,
  );
  return row?.n ?? 0;
}

/**
 * Validates the candidate, reads the leads (counts history, maps CSV), records a queued run and
 * starts it in the background. Returns the run id at once.
 */
export async function startReplay(
  db: Db,
  workspaceId: string,
  userId: string | null,
  input: StartReplayInput,
): Promise<{ runId: string }> {
  const flow = await getFlow(db, workspaceId, input.flowId);
  const candidate = await resolveCandidate(db, workspaceId, flow, input.candidate);
  const live = await liveVersion(db, flow.id);
  let source: Plan["source"];
  let stored: StoredLeadSource;
  let total: number;
  let csvLeads: Record<string, unknown>[] | null = null;
  if (input.leads.kind === "history") {
    const window = historyWindow(input.leads.days, new Date());
    total = await countHistory(db, workspaceId, flow.id, window);
    source = window;
    stored = window;
  } else {
    let mapped: ReturnType<typeof csvToLeads>;
    try {
      mapped = csvToLeads(input.leads.csvText, mappableFields(candidate.prepared), input.leads.mapping);
    } catch (error) {
      throw new ServiceError("BAD_REQUEST", error instanceof Error ? error.message : String(error));
    }
    const badRows = mapped.badRows.slice(0, MAX_BAD_ROWS_KEPT);
    csvLeads = mapped.leads;
    total = mapped.leads.length;
    source = { kind: "csv", leads: mapped.leads, badRows: mapped.badRows };
    stored = {
      kind: "csv",
      fileName: input.leads.fileName,
      rows: mapped.leads.length,
      badRows,
      badRowCount: mapped.badRows.length,
    };
  }
  const [run] = await db
    .insert(replayRuns)
    .values({
      workspaceId,
      flowId: flow.id,
      versionId: candidate.versionId,
      graph: candidate.graph ?? {},
      leadSource: stored,
      input: csvLeads,
      total,
      createdBy: userId,
    })
    .returning({ id: replayRuns.id });
  if (!run) throw new Error("insert returned no row");
  const plan: Plan = {
    runId: run.id,
    workspaceId,
    flowId: flow.id,
    candidate: candidate.prepared,
    live,
    source,
  };
  const job = execute(db, plan)
    .catch((error: unknown) => failRun(db, run.id, error))
    .finally(() => jobs.delete(run.id));
  jobs.set(run.id, job);
  keepBeating(db);
  return { runId: run.id };
}

async function failRun(db: Db, runId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    await db
      .update(replayRuns)
      .set({ status: "failed", error: message.slice(0, 2000), finishedAt: new Date() })
      .where(and(eq(replayRuns.id, runId), inArray(replayRuns.status, ["queued", "running"])));
  } catch (writeError) {
    console.error(`Replay ${runId} failed (${message}) and could not be marked failed:`, writeError);
  }
}

async function loadSimPools(db: Executor, workspaceId: string, poolIds: string[]) {
  const loaded = new Map<string, SimPool>();
  await Promise.all(
    poolIds.map(async (poolId) => {
      // The dry run's unlocked read: current non-deactivated members, pool weights, capacities.
      const rows = await selectPoolMembers(db, workspaceId, poolId);
      const pool = rows[0];
      if (!pool) return;
      loaded.set(poolId, {
        poolId,
        strategy: pool.strategy,
        members: rows.flatMap((r) =>
          r.repId === null || r.weight === null
            ? []
            : [
                {
                  repId: r.repId,
                  weight: r.weight,
                  capacity: r.capacity,
                  skills: r.skills ?? [],
                  territories: r.territories ?? [],
                },
              ],
        ),
      });
    }),
  );
  return loaded;
}

async function loadNames(db: Executor, workspaceId: string): Promise<Names> {
  const [repRows, poolRows] = await Promise.all([
    db.select({ id: reps.id, name: reps.name }).from(reps).where(eq(reps.workspaceId, workspaceId)),
    db.select({ id: pools.id, name: pools.name }).from(pools).where(eq(pools.workspaceId, workspaceId)),
  ]);
  return {
    reps: new Map(repRows.map((r) => [r.id, r.name])),
    pools: new Map(poolRows.map((p) => [p.id, p.name])),
  };
}

interface HistoryRow extends Record<string, unknown> {
  id: string;
  payload: unknown;
  repId: string | null;
  kind: string | null;
  queue: string | null;
}

/** Who the recorded decision gave the lead to; null when the lead has no decision. */
function recordedOwner(row: HistoryRow): OwnerKey | null {
  if (row.kind === null) return null;
  if (row.repId !== null) return repOwner(row.repId);
  if (row.kind === "queue" && row.queue !== null) return queueOwner(row.queue);
  if (row.kind === "rejected") return REJECTED_OWNER;
  // A rep outcome whose rep was deleted since.
  return "deleted";
}

/** One page of history leads in arrival order (keyset on created_at, id at full precision). */
function historyPage(db: Executor, plan: Plan, window: HistorySource, after: string | null) {
  const cursor =
    after === null
      ? sql``
      : sql`and (l.created_at, l.id) > (select c.created_at, c.id from leads c where c.id = ${after})`;
  return queryRows<HistoryRow>(
    db,
    sql`select l.id, l.payload, d.rep_id as "repId", d.outcome->>'kind' as kind, d.outcome->>'queue' as queue
        from leads l
        left join lateral (
          select rep_id, outcome from decisions
          where lead_id = l.id order by created_at desc limit 1
        ) d on true
        where l.workspace_id = ${plan.workspaceId} and l.flow_id = ${plan.flowId}
          and l.created_at >= ${window.from}::timestamptz and l.created_at < ${window.until}::timestamptz
          ${cursor}
        order by l.created_at, l.id
        limit ${REPLAY_CHUNK_SIZE}`,
  );
}

function parsePayload(payload: unknown): unknown {
  // Drivers hand jsonb back parsed; a string here is a JSON text stored as such.
  if (typeof payload !== "string") return payload;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

function heartbeat() {
  return { heartbeatAt: new Date().toISOString() };
}

/** The replay loop. Returns quietly when the run was cancelled. */
async function execute(db: Db, plan: Plan): Promise<void> {
  const started = performance.now();
  const [claimed] = await db
    .update(replayRuns)
    .set({ status: "running", result: heartbeat() })
    .where(and(eq(replayRuns.id, plan.runId), eq(replayRuns.status, "queued")))
    .returning({ id: replayRuns.id });
  if (!claimed) return;
  const poolIds = [
    ...new Set([...poolIdsOf(plan.candidate), ...(plan.live ? poolIdsOf(plan.live.prepared) : [])]),
  ];
  const [simPools, names] = await Promise.all([
    loadSimPools(db, plan.workspaceId, poolIds),
    loadNames(db, plan.workspaceId),
  ]);
  const now = new Date();
  const simulator = new ReplaySimulator(plan.candidate, simPools, now);
  const tally = new ReplayTally();
  let processed = 0;

  const recordChunk = async (size: number): Promise<boolean> => {
    processed += size;
    const [still] = await db
      .update(replayRuns)
      .set({ processed, result: heartbeat() })
      .where(and(eq(replayRuns.id, plan.runId), eq(replayRuns.status, "running")))
      .returning({ id: replayRuns.id });
    if (!still) return false;
    await replayHooks.afterChunk?.(plan.runId, processed);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return true;
  };

  const source = plan.source;
  let diff: Parameters<ReplayTally["result"]>[0]["diff"] = null;
  if (source.kind === "history") {
    diff = { baseline: "recorded", baselineVersion: null };
    // The next page is read while this one is routed: the read, not the routing, dominates.
    let pending: Promise<HistoryRow[]> = historyPage(db, plan, source, null);
    for (;;) {
      const rows = await pending;
      if (rows.length === 0) break;
      const last = rows.at(-1)?.id;
      const more = rows.length === REPLAY_CHUNK_SIZE && last !== undefined;
      pending = more ? historyPage(db, plan, source, last) : Promise.resolve([]);
      // Handled now so a failure while this page is routed is not an unhandled rejection; awaiting it
      // below still throws.
      pending.catch(() => undefined);
      for (const row of rows) tally.add(simulator.route(parsePayload(row.payload)), recordedOwner(row));
      if (!(await recordChunk(rows.length))) return;
      if (!more) break;
    }
  } else {
    const live = plan.live ? new ReplaySimulator(plan.live.prepared, simPools, now) : null;
    if (plan.live)
      diff = { baseline: "live_version", baselineVersion: { id: plan.live.id, number: plan.live.number } };
    for (let start = 0; start < source.leads.length; start += REPLAY_CHUNK_SIZE) {
      const chunk = source.leads.slice(start, start + REPLAY_CHUNK_SIZE);
      for (const lead of chunk) tally.add(simulator.route(lead), live ? live.route(lead).owner : null);
      if (!(await recordChunk(chunk.length))) return;
    }
  }
  const result = tally.result({
    names,
    diff,
    badRows: source.kind === "csv" ? source.badRows : [],
    durationMs: performance.now() - started,
  });
  await db
    .update(replayRuns)
    .set({ status: "done", processed, total: processed, result, finishedAt: new Date() })
    .where(and(eq(replayRuns.id, plan.runId), eq(replayRuns.status, "running")));
}

/** Marks runs whose process stopped beating (a restart) as failed. */
async function markStaleRuns(db: Executor, workspaceId: string): Promise<void> {
  const cutoff = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  await db.execute(
    sql`update replay_runs set status = 'failed', error = ${INTERRUPTED}, finished_at = now()
        where workspace_id = ${workspaceId} and status in ('queued', 'running')
          and coalesce((result->>'heartbeatAt')::timestamptz, created_at) < ${cutoff}::timestamptz`,
  );
}

const runColumns = {
  id: replayRuns.id,
  flowId: replayRuns.flowId,
  versionId: replayRuns.versionId,
  versionNumber: sql<
    number | null
  >`(select v.number from flow_versions v where v.id = ${replayRuns.versionId})`,
  leadSource: replayRuns.leadSource,
  status: replayRuns.status,
  processed: replayRuns.processed,
  total: replayRuns.total,
  result: replayRuns.result,
  error: replayRuns.error,
  createdBy: replayRuns.createdBy,
  createdByName: sql<string | null>`(select u.name from users u where u.id = ${replayRuns.createdBy})`,
  createdAt: replayRuns.createdAt,
  finishedAt: replayRuns.finishedAt,
};

function selectRuns(db: Executor) {
  return db.select(runColumns).from(replayRuns);
}

type RunRow = Awaited<ReturnType<typeof selectRuns>>[number];

export interface ReplayRunView {
  id: string;
  flowId: string;
  candidate: { kind: "version"; versionId: string; number: number | null } | { kind: "draft" };
  leadSource: StoredLeadSource;
  status: RunRow["status"];
  processed: number;
  total: number;
  /** Set once the run is done. */
  result: ReplayResult | null;
  error: string | null;
  createdByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function toView(row: RunRow): ReplayRunView {
  return {
    id: row.id,
    flowId: row.flowId,
    candidate:
      row.versionId === null
        ? { kind: "draft" }
        : { kind: "version", versionId: row.versionId, number: row.versionNumber },
    leadSource: row.leadSource as StoredLeadSource,
    status: row.status,
    processed: row.processed,
    total: row.total,
    // While running, `result` only holds the heartbeat.
    result: row.status === "done" ? (row.result as ReplayResult) : null,
    error: row.error,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export async function getReplay(db: Executor, workspaceId: string, runId: string): Promise<ReplayRunView> {
  await markStaleRuns(db, workspaceId);
  const [row] = await selectRuns(db).where(
    and(eq(replayRuns.workspaceId, workspaceId), eq(replayRuns.id, runId)),
  );
  if (!row) throw new ServiceError("NOT_FOUND", "runId: no replay with this id in your workspace");
  return toView(row);
}

/** The flow's replays, newest first (results left out: open one to see it). */
export async function listReplays(db: Executor, workspaceId: string, flowId: string) {
  await getFlow(db, workspaceId, flowId);
  await markStaleRuns(db, workspaceId);
  const rows = await selectRuns(db)
    .where(and(eq(replayRuns.workspaceId, workspaceId), eq(replayRuns.flowId, flowId)))
    .orderBy(desc(replayRuns.createdAt))
    .limit(50);
  return rows.map((row) => {
    const view = toView(row);
    const result = view.result;
    return {
      ...view,
      result: null,
      summary: result
        ? { leads: result.leads, changed: result.diff?.changed ?? null, fallbackShare: result.fallbackShare }
        : null,
    };
  });
}

/** Stops a queued or running replay; cancelling a finished one changes nothing. */
export async function cancelReplay(db: Executor, workspaceId: string, runId: string): Promise<ReplayRunView> {
  await db
    .update(replayRuns)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(
      and(
        eq(replayRuns.workspaceId, workspaceId),
        eq(replayRuns.id, runId),
        inArray(replayRuns.status, ["queued", "running"]),
      ),
    );
  return getReplay(db, workspaceId, runId);
}

export type { CsvMapping };
