/**
 * Trace types and builders: what the evaluator records at every node, rich enough for an editor to
 * render "country = DE → EMEA; industry = healthcare → Healthcare pool".
 */
import type {
  CompiledAssignNode,
  CompiledBranchNode,
  CompiledFallbackNode,
  CompiledPoolNode,
  CompiledScoreNode,
  CompiledSourceNode,
} from "./compile";
import { truthy } from "./compiled-evaluator";
import { describeRule, OPERATOR_SPECS } from "./conditions";
import { type Band, displayValue, type EvaluationContext, type FieldValue } from "./fields";
import type { BranchPreset, ConditionRule, Operator, RuleValue, Target } from "./schema";

/** One rule of a condition checked against the lead: "country = DE", value seen "DE", true. */
export interface RuleCheck {
  field: string;
  operator: Operator;
  expected: RuleValue | null;
  /** The normalised value seen (long values shortened); null = missing. */
  actual: FieldValue;
  result: boolean;
  /** "country = DE" */
  text: string;
}

interface StepBase {
  nodeId: string;
  label: string;
  /** One line for people, e.g. "country = DE → EMEA". */
  summary: string;
}

export interface SourceStep extends StepBase {
  nodeType: "source";
  result: "accepted" | "rejected";
  detail: { channel: FieldValue; channels: string[] };
}

export interface ScoreStep extends StepBase {
  nodeType: "score";
  result: "scored";
  detail: {
    score: number;
    band: Band;
    /** Sum of matched points before the min/max caps. */
    rawScore: number;
    matched: Array<{ ruleId: string; label: string; points: number; checks: RuleCheck[] }>;
  };
}

export interface BranchStep extends StepBase {
  nodeType: "branch";
  result: "matched" | "else";
  detail: {
    preset: BranchPreset;
    caseId: string | null;
    caseLabel: string | null;
    /** Cases considered, the matched one included (all of them for else). */
    casesEvaluated: number;
    /** Every rule of the matched case with the value seen and its result (empty for else). */
    checks: RuleCheck[];
    /** The values of every field the branch's cases read. */
    seen: Array<{ field: string; value: FieldValue }>;
  };
}

export interface PoolStep extends StepBase {
  nodeType: "pool";
  result: "pool" | "no_eligible";
  detail: { poolId: string; requiredSkills: string[]; requiredTerritories: string[] };
}

export interface AssignStep extends StepBase {
  nodeType: "assign";
  result: "assigned";
  detail: { target: Target };
}

export interface FallbackStep extends StepBase {
  nodeType: "fallback";
  result: "fallback";
  detail: { target: Target };
}

export type TraceStep = SourceStep | ScoreStep | BranchStep | PoolStep | AssignStep | FallbackStep;

export function ruleChecks<S>(
  leaves: ReadonlyArray<{ rule: ConditionRule; test: (state: S) => unknown }>,
  state: S,
  context: EvaluationContext,
): RuleCheck[] {
  return leaves.map(({ rule, test }) => ({
    field: rule.field,
    operator: rule.operator,
    expected: rule.value ?? null,
    actual: displayValue(context[rule.field] ?? null),
    result: truthy(test(state)),
    text: describeRule(rule),
  }));
}

function formatSeen(value: FieldValue): string {
  return value === null ? "missing" : JSON.stringify(value);
}

/** "country in DE, AT (was "AT") and employees ≥ 100 (was 250)": the rules that held (or all). */
function explain(checks: readonly RuleCheck[]): string {
  const passing = checks.filter((check) => check.result);
  return (passing.length > 0 ? passing : checks)
    .map((check) =>
      check.operator === "equals" || OPERATOR_SPECS[check.operator].value === "none"
        ? check.text
        : `${check.text} (was ${formatSeen(check.actual)})`,
    )
    .join(" and ");
}

function targetText(target: Target): string {
  return target.kind === "rep" ? `rep ${target.repId}` : `queue "${target.queue}"`;
}

export function sourceStep(
  node: CompiledSourceNode,
  accepted: boolean,
  context: EvaluationContext,
): SourceStep {
  const channel = displayValue(context.source ?? null);
  return {
    nodeId: node.id,
    label: node.label,
    nodeType: "source",
    result: accepted ? "accepted" : "rejected",
    detail: { channel, channels: [...node.channels] },
    summary: accepted
      ? channel === null
        ? "No channel given; every channel is accepted"
        : `Channel ${formatSeen(channel)} accepted`
      : `Channel ${formatSeen(channel)} is not one of ${node.channels.join(", ")}`,
  };
}

export function scoreStep(
  node: CompiledScoreNode,
  matched: ScoreStep["detail"]["matched"],
  rawScore: number,
  score: number,
  band: Band,
): ScoreStep {
  const parts = matched.map((m) => `${m.points >= 0 ? "+" : ""}${m.points} ${m.label}`);
  return {
    nodeId: node.id,
    label: node.label,
    nodeType: "score",
    result: "scored",
    detail: { score, band, rawScore, matched },
    summary: `Score ${score} (${band})${parts.length > 0 ? `: ${parts.join(", ")}` : ": no rule matched"}`,
  };
}

export function branchStep(
  node: CompiledBranchNode,
  matchedIndex: number,
  checks: RuleCheck[],
  fields: readonly string[],
  context: EvaluationContext,
): BranchStep {
  const matched = matchedIndex < 0 ? undefined : node.cases[matchedIndex];
  const seen = fields.map((field) => ({ field, value: displayValue(context[field] ?? null) }));
  const seenText = seen.map((s) => `${s.field} ${formatSeen(s.value)}`).join(", ") || "no fields";
  return {
    nodeId: node.id,
    label: node.label,
    nodeType: "branch",
    result: matched === undefined ? "else" : "matched",
    detail: {
      preset: node.preset,
      caseId: matched?.id ?? null,
      caseLabel: matched?.label ?? null,
      casesEvaluated: matched === undefined ? node.cases.length : matchedIndex + 1,
      checks,
      seen,
    },
    summary:
      matched === undefined
        ? `No case matched (${seenText}) → else`
        : `${explain(checks)} → ${matched.label}`,
  };
}

export function poolStep(pool: CompiledPoolNode, noEligible: boolean): PoolStep {
  return {
    nodeId: pool.id,
    label: pool.label,
    nodeType: "pool",
    result: noEligible ? "no_eligible" : "pool",
    detail: {
      poolId: pool.poolId,
      requiredSkills: [...pool.requiredSkills],
      requiredTerritories: [...pool.requiredTerritories],
    },
    summary: noEligible ? `${pool.label}: no eligible rep, continuing` : `Routed to ${pool.label}`,
  };
}

export function terminalStep(node: CompiledAssignNode | CompiledFallbackNode): AssignStep | FallbackStep {
  const target = { ...node.target };
  const base = { nodeId: node.id, label: node.label, detail: { target } };
  return node.type === "fallback"
    ? { ...base, nodeType: "fallback", result: "fallback", summary: `Fallback: ${targetText(target)}` }
    : { ...base, nodeType: "assign", result: "assigned", summary: `Assigned to ${targetText(target)}` };
}
