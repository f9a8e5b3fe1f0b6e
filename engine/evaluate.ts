/**
 * The evaluator: runs a lead through a prepared (or compiled) flow and returns the outcome, the score
 * and band, the path, and a trace of every node visited with the reasons for each decision.
 */
import type { CompiledFlow } from "./compile";
import { truthy } from "./compiled-evaluator";
import { asLeadRecord, type Band } from "./fields";
import type { EvaluationOutcome, PoolOutcome } from "./outcome";
import {
  EvaluationState,
  type EvaluatorKind,
  type PreparedFlow,
  type PreparedNode,
  prepareFlow,
} from "./prepare";
import {
  branchStep,
  poolStep,
  type RuleCheck,
  ruleChecks,
  type ScoreStep,
  scoreStep,
  sourceStep,
  type TraceStep,
  terminalStep,
} from "./trace";

export type { EvaluationOutcome, PoolOutcome } from "./outcome";

// Module-local bindings for what the evaluation loop calls on every lead: loaders that turn ES
// modules into CommonJS (tsx, vitest) make each use of an imported binding a getter call.
const isTruthy = truthy;
const leadRecord = asLeadRecord;
const State = EvaluationState;

export interface EvaluationResult {
  /** Where the lead goes. Outcome objects are frozen and shared between evaluations. */
  outcome: EvaluationOutcome;
  /** True when the lead ended at a fallback node. */
  fallback: boolean;
  /** Set by the last score node visited; null when none was. */
  score: number | null;
  band: Band | null;
  /** Ids of the nodes visited, in order. */
  path: string[];
  /** Empty when evaluated with `trace: false`. */
  trace: TraceStep[];
}

export interface EvaluateOptions {
  /** Build the trace (default true). Turn it off on hot paths that only need the outcome. */
  trace?: boolean;
  /**
   * Pool nodes (by node id) known to have no eligible rep: evaluation continues along their
   * "no eligible rep" edge instead of returning the pool.
   */
  ineligiblePoolNodes?: Iterable<string>;
  /**
   * Condition back-end when a CompiledFlow is passed (default "compiled"); a PreparedFlow keeps the
   * back-end it was prepared with.
   */
  evaluator?: EvaluatorKind;
}

const preparedCache = new WeakMap<CompiledFlow, Map<EvaluatorKind, PreparedFlow>>();

function isPrepared(flow: CompiledFlow | PreparedFlow): flow is PreparedFlow {
  return "evaluator" in flow && "compiled" in flow;
}

/** The prepared form of a flow: itself, or prepared once per CompiledFlow object and cached. */
export function preparedFlowOf(
  flow: CompiledFlow | PreparedFlow,
  evaluator: EvaluatorKind = "compiled",
): PreparedFlow {
  if (isPrepared(flow)) return flow;
  let byKind = preparedCache.get(flow);
  if (byKind === undefined) {
    byKind = new Map();
    preparedCache.set(flow, byKind);
  }
  let result = byKind.get(evaluator);
  if (result === undefined) {
    result = prepareFlow(flow, evaluator);
    byKind.set(evaluator, result);
  }
  return result;
}

function matchCase(current: PreparedNode, state: EvaluationState): number {
  const index = current.index;
  if (index !== null) {
    const candidates = index.table.get(index.read(state)) ?? index.others;
    const tests = index.tests;
    for (let i = 0; i < candidates.length; i += 1) {
      const position = candidates[i] as number;
      const test = tests[position];
      if (test === null || test === undefined || isTruthy(test(state))) return position;
    }
    return -1;
  }
  const cases = current.cases;
  for (let i = 0; i < cases.length; i += 1) {
    if (isTruthy(cases[i]?.when(state))) return i;
  }
  return -1;
}

/**
 * Evaluates a lead against a flow. The lead may be any value: only the declared fields (and
 * `source`) are read, as own properties, normalised to their declared types (engine/README.md).
 * Deterministic: the same flow, lead and options always give the same result.
 */
export function evaluateFlow(
  flow: CompiledFlow | PreparedFlow,
  lead: unknown,
  options: EvaluateOptions = {},
): EvaluationResult {
  const ready = preparedFlowOf(flow, options.evaluator);
  const nodes = ready.nodes;
  const state = new State(leadRecord(lead), ready.fields);
  const tracing = options.trace !== false;
  const trace: TraceStep[] = [];
  const path: string[] = [];
  const ineligible = options.ineligiblePoolNodes === undefined ? null : new Set(options.ineligiblePoolNodes);
  let index = 0;
  // parseCompiledFlow guarantees every continuation points to a later node, so this loop ends.
  for (;;) {
    const current = nodes[index];
    if (current === undefined) throw new Error("evaluateFlow: the flow does not end in a terminal node");
    path.push(current.id);
    switch (current.type) {
      case "source": {
        const accepted = current.accept !== null && isTruthy(current.accept(state));
        if (tracing && current.node.type === "source")
          trace.push(sourceStep(current.node, accepted, state.context()));
        if (!accepted) return result(current, false, state, path, trace);
        index = current.next;
        break;
      }
      case "score":
        score(current, state, tracing ? trace : null);
        index = current.next;
        break;
      case "branch": {
        const matchedIndex = matchCase(current, state);
        // (No array read at -1: out-of-range reads take a slow path in V8.)
        const matched = matchedIndex < 0 ? undefined : current.cases[matchedIndex];
        if (tracing && current.node.type === "branch") {
          const context = state.context();
          const checks: RuleCheck[] = matched === undefined ? [] : ruleChecks(matched.leaves, state, context);
          trace.push(branchStep(current.node, matchedIndex, checks, current.fields, context));
        }
        index = matched === undefined ? current.next : matched.next;
        break;
      }
      case "pool": {
        const skip = ineligible?.has(current.id) === true;
        if (tracing && current.node.type === "pool") trace.push(poolStep(current.node, skip));
        if (!skip) return result(current, false, state, path, trace);
        index = current.next;
        break;
      }
      case "assign":
      case "fallback":
        if (tracing && (current.node.type === "assign" || current.node.type === "fallback")) {
          trace.push(terminalStep(current.node));
        }
        return result(current, current.type === "fallback", state, path, trace);
    }
  }
}

function score(current: PreparedNode, state: EvaluationState, trace: TraceStep[] | null): void {
  const scoring = current.scoring;
  if (scoring === null) return;
  const rules = current.scoreRules;
  let raw = 0;
  const matched: number[] = [];
  for (let i = 0; i < rules.length; i += 1) {
    const rule = rules[i];
    if (rule === undefined || !isTruthy(rule.when(state))) continue;
    raw += rule.points;
    if (trace !== null) matched.push(i);
  }
  let value = raw;
  if (scoring.max !== null && value > scoring.max) value = scoring.max;
  if (scoring.min !== null && value < scoring.min) value = scoring.min;
  const band: Band = value >= scoring.hot ? "hot" : value >= scoring.warm ? "warm" : "cold";
  if (trace !== null && current.node.type === "score") {
    // Checks are explained with the score and band in force before this node ran.
    const node = current.node;
    const context = state.context();
    const details: ScoreStep["detail"]["matched"] = matched.map((i) => {
      const source = node.rules[i];
      const rule = rules[i];
      return {
        ruleId: source?.id ?? "",
        label: source?.label ?? "",
        points: rule?.points ?? 0,
        checks: rule === undefined ? [] : ruleChecks(rule.leaves, state, context),
      };
    });
    trace.push(scoreStep(node, details, raw, value, band));
  }
  state.score = value;
  state.band = band;
}

function result(
  current: PreparedNode,
  fallback: boolean,
  state: EvaluationState,
  path: string[],
  trace: TraceStep[],
): EvaluationResult {
  const outcome = current.outcome;
  if (outcome === null) throw new Error(`evaluateFlow: node "${current.id}" has no outcome`);
  return { outcome, fallback, score: state.score, band: state.band, path, trace };
}

/** What `routeLead` returns: the final evaluation plus the rep picked from a pool, if any. */
export interface RoutingDecision extends EvaluationResult {
  /** The rep who gets the lead: picked from a pool, or named by an assign/fallback node. */
  repId: string | null;
  /** Pools tried, in order, with the rep picked (null = no eligible rep). */
  poolAttempts: Array<{ nodeId: string; poolId: string; repId: string | null }>;
}

/**
 * Evaluates a lead and resolves pool outcomes with `pickRep` (e.g. a database transaction running a
 * selection strategy atomically). When `pickRep` returns null the pool has no eligible rep, and
 * evaluation continues along that pool's "no eligible rep" edge, until a rep, a queue or a rejection.
 */
export async function routeLead(
  flow: CompiledFlow | PreparedFlow,
  lead: unknown,
  pickRep: (pool: PoolOutcome) => Promise<string | null> | string | null,
  options: Omit<EvaluateOptions, "ineligiblePoolNodes"> = {},
): Promise<RoutingDecision> {
  const ready = preparedFlowOf(flow, options.evaluator);
  const ineligible = new Set<string>();
  const poolAttempts: RoutingDecision["poolAttempts"] = [];
  for (;;) {
    const evaluation = evaluateFlow(ready, lead, { ...options, ineligiblePoolNodes: ineligible });
    const { outcome } = evaluation;
    if (outcome.kind !== "pool") {
      return { ...evaluation, repId: outcome.kind === "rep" ? outcome.repId : null, poolAttempts };
    }
    const repId = await pickRep(outcome);
    poolAttempts.push({ nodeId: outcome.nodeId, poolId: outcome.poolId, repId });
    if (repId !== null) return { ...evaluation, repId, poolAttempts };
    // Pool nodes only lead forward, so each is tried at most once.
    ineligible.add(outcome.nodeId);
  }
}
