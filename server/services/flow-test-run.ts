import { and, eq } from "drizzle-orm";
import { reps } from "@/drizzle/schema";
import {
  type Band,
  type CompileResult,
  compileFlow,
  type FlowGraph,
  HANDLES,
  type NodeType,
  type PoolOutcome,
  type PreparedFlow,
  parseFlowGraph,
  prepareFlow,
  type RoutingDecision,
  routeLead,
  type TraceStep,
  type ValidationContext,
  type ValidationIssue,
} from "@/engine";
import type { Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import { explainDecision, SKIP_TEXT } from "@/server/services/explain";
import { type PoolPick, previewPoolPick } from "@/server/services/pool-picker";

// The test run ("dry run"): a lead goes through an unpublished graph exactly as live routing would
// take it (server/services/routing.ts routeOne), except that pools are read without locks and nothing
// is written — no lead, no decision, no claimed capacity, no moved cursor.

/** A draft graph that validated and compiled, ready to evaluate. */
export interface ReadyDraft {
  ok: true;
  graph: FlowGraph;
  compiled: Extract<CompileResult, { ok: true }>;
  prepared: PreparedFlow;
}

export type DraftCheck = ReadyDraft | { ok: false; issues: ValidationIssue[] };

const PREPARED_CACHE_SIZE = 64;
// Keyed by the compiled hash: an editor re-running the same graph skips preparing it again.
const preparedByHash = new Map<string, PreparedFlow>();

function preparedFor(compiled: ReadyDraft["compiled"]): PreparedFlow {
  const hit = preparedByHash.get(compiled.hash);
  if (hit) {
    // Re-inserting keeps the map in least-recently-used order.
    preparedByHash.delete(compiled.hash);
    preparedByHash.set(compiled.hash, hit);
    return hit;
  }
  const prepared = prepareFlow(compiled.compiled);
  if (preparedByHash.size >= PREPARED_CACHE_SIZE) {
    const oldest = preparedByHash.keys().next().value;
    if (oldest !== undefined) preparedByHash.delete(oldest);
  }
  preparedByHash.set(compiled.hash, prepared);
  return prepared;
}

/** Validates a (possibly unsaved) graph with the workspace's pools and reps and prepares it to run. */
export function prepareDraft(graph: unknown, context: ValidationContext): DraftCheck {
  const compiled = compileFlow(graph, context);
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  const parsed = parseFlowGraph(graph);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, graph: parsed.flow, compiled, prepared: preparedFor(compiled) };
}

export interface TestRunRep {
  id: string;
  name: string;
  email: string;
}

/** Where the lead would go. A pool outcome always names the rep the pool would pick now. */
export type TestRunOutcome =
  | { kind: "pool"; pool: { id: string; name: string }; rep: TestRunRep }
  | { kind: "rep"; rep: TestRunRep }
  | { kind: "queue"; queue: string }
  | { kind: "rejected"; reason: string };

export interface TestRunStep {
  nodeId: string;
  nodeType: NodeType;
  label: string;
  result: TraceStep["result"];
  /** The step as a sentence, with rep and pool names ("weighted round-robin in EMEA picked Ana"). */
  summary: string;
}

export interface PoolPreview {
  nodeId: string;
  poolId: string;
  poolName: string;
  strategy: PoolPick["strategy"] | null;
  /** Who the pool would pick now; null = nobody eligible (the lead continued along "no eligible rep"). */
  rep: TestRunRep | null;
  skipped: Array<{ repId: string; name: string; reason: string; reasonText: string }>;
}

/** Same shape as RunHighlight in components/flow-editor/types.ts: what the canvas lights up. */
export interface TestRunHighlight {
  nodes: Record<string, { status: "visited" | "rejected"; note: string }>;
  edgeIds: string[];
}

export interface TestRunSuccess {
  ok: true;
  outcome: TestRunOutcome;
  score: number | null;
  band: Band | null;
  fallback: boolean;
  /** Ids of the nodes visited, in order. */
  path: string[];
  /** Ids of the edges travelled, in order. */
  edgeIds: string[];
  steps: TestRunStep[];
  /** Every pool tried, in order. */
  pools: PoolPreview[];
  /** The decision as sentences, as the decision log would record it. */
  explanation: string[];
  highlight: TestRunHighlight;
}

export type TestRunResult = TestRunSuccess | { ok: false; issues: ValidationIssue[] };

function toPreview(nodeId: string, poolId: string, pick: PoolPick | null): PoolPreview {
  return {
    nodeId,
    poolId,
    poolName: pick?.poolName ?? "a pool that no longer exists",
    strategy: pick?.strategy ?? null,
    rep: pick?.rep ? { id: pick.rep.id, name: pick.rep.name, email: pick.rep.email } : null,
    skipped: (pick?.skipped ?? []).map((s) => ({
      ...s,
      reasonText: SKIP_TEXT[s.reason] ?? s.reason,
    })),
  };
}

async function findRep(db: Executor, workspaceId: string, repId: string): Promise<TestRunRep | null> {
  const [rep] = await db
    .select({ id: reps.id, name: reps.name, email: reps.email })
    .from(reps)
    .where(and(eq(reps.id, repId), eq(reps.workspaceId, workspaceId)));
  return rep ?? null;
}

/** The handle a visited node left by, read from its trace step; null for terminal nodes and rejections. */
function exitHandle(step: TraceStep): string | null {
  switch (step.nodeType) {
    case "source":
      return step.result === "accepted" ? HANDLES.next : null;
    case "score":
      return HANDLES.next;
    case "branch":
      return step.detail.caseId ?? HANDLES.else;
    case "pool":
      return step.result === "no_eligible" ? HANDLES.noEligible : null;
    case "assign":
    case "fallback":
      return null;
  }
}

/** The edges travelled: each visited node's exit handle, matched to the graph edge to the next node. */
export function travelledEdges(graph: FlowGraph, path: readonly string[], trace: readonly TraceStep[]) {
  const ids: string[] = [];
  trace.forEach((step, i) => {
    const next = path[i + 1];
    const handle = exitHandle(step);
    if (next === undefined || handle === null) return;
    const travelled = graph.edges.find(
      (e) => e.source === step.nodeId && e.sourceHandle === handle && e.target === next,
    );
    if (travelled) ids.push(travelled.id);
  });
  return ids;
}

function stepNote(step: TraceStep, preview: PoolPreview | undefined, repNames: Map<string, string>): string {
  switch (step.nodeType) {
    case "source":
      return step.summary;
    case "score":
      return `score ${step.detail.score} (${step.detail.band})`;
    case "branch":
      return step.summary;
    case "pool":
      return preview?.rep ? `would pick ${preview.rep.name}` : "no eligible rep";
    case "assign":
    case "fallback": {
      const target = step.detail.target;
      return target.kind === "rep"
        ? `to ${repNames.get(target.repId) ?? target.repId}`
        : `to queue "${target.queue}"`;
    }
  }
}

/**
 * Runs a lead through a ready draft as routeOne would: pools are resolved by the engine's `routeLead`
 * with a read-only pick, so a pool with nobody eligible continues along its "no eligible rep" edge.
 * Writes nothing; `db` may be a transaction (publishing checks test cases inside its own).
 */
export async function dryRun(
  db: Executor,
  workspaceId: string,
  draft: ReadyDraft,
  lead: Record<string, unknown>,
  now: Date = new Date(),
): Promise<TestRunSuccess> {
  const picks: PoolPick[] = [];
  const previews: PoolPreview[] = [];
  const decision: RoutingDecision = await routeLead(draft.prepared, lead, async (pool: PoolOutcome) => {
    const pick = await previewPoolPick(db, workspaceId, pool, now);
    if (pick) picks.push(pick);
    previews.push(toPreview(pool.nodeId, pool.poolId, pick));
    return pick?.rep?.id ?? null;
  });
  const { outcome: evaluated } = decision;
  const repNames = new Map<string, string>();
  let outcome: TestRunOutcome;
  if (evaluated.kind === "rep") {
    const rep = await findRep(db, workspaceId, evaluated.repId);
    if (!rep)
      throw new ServiceError(
        "CONFLICT",
        `graph: the flow assigns to rep ${evaluated.repId}, who no longer exists`,
      );
    repNames.set(rep.id, rep.name);
    outcome = { kind: "rep", rep };
  } else if (evaluated.kind === "pool") {
    const kept = previews.at(-1);
    if (!kept?.rep) throw new Error("dryRun: a pool outcome without a picked rep");
    outcome = { kind: "pool", pool: { id: kept.poolId, name: kept.poolName }, rep: kept.rep };
  } else if (evaluated.kind === "queue") {
    outcome = { kind: "queue", queue: evaluated.queue };
  } else {
    outcome = { kind: "rejected", reason: evaluated.reason };
  }
  const explanation = explainDecision(decision, picks, repNames);
  const edgeIds = travelledEdges(draft.graph, decision.path, decision.trace);
  const previewByNode = new Map(previews.map((p) => [p.nodeId, p]));
  const nodes: TestRunHighlight["nodes"] = {};
  const steps = decision.trace.map((step, i): TestRunStep => {
    nodes[step.nodeId] = {
      status: step.nodeType === "source" && step.result === "rejected" ? "rejected" : "visited",
      note: stepNote(step, previewByNode.get(step.nodeId), repNames),
    };
    return {
      nodeId: step.nodeId,
      nodeType: step.nodeType,
      label: step.label,
      result: step.result,
      summary: explanation[i] ?? step.summary,
    };
  });
  return {
    ok: true,
    outcome,
    score: decision.score,
    band: decision.band,
    fallback: decision.fallback,
    path: decision.path,
    edgeIds,
    steps,
    pools: previews,
    explanation,
    highlight: { nodes, edgeIds },
  };
}
