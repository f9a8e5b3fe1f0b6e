import type { RoutingDecision } from "@/engine";
import type { PoolPick } from "@/server/services/pool-picker";

const STRATEGY_TEXT = {
  round_robin: "round-robin",
  weighted_round_robin: "weighted round-robin",
  least_loaded: "least-loaded",
} as const;

/** Why a rep was skipped, in words (keys: the engine's IneligibleReason). */
export const SKIP_TEXT: Record<string, string> = {
  away: "away",
  at_capacity: "at capacity",
  paused: "paused",
  missing_skill: "missing a required skill",
  outside_territory: "outside the territory",
};

function describePick(pick: PoolPick): string {
  const skipped = pick.skipped.length
    ? ` (skipped ${pick.skipped.map((s) => `${s.name}: ${SKIP_TEXT[s.reason] ?? s.reason}`).join(", ")})`
    : "";
  if (!pick.rep) return `${pick.poolName}: no eligible rep${skipped}`;
  const weight = pick.strategy === "weighted_round_robin" ? ` (weight ${pick.rep.weight})` : "";
  return `${STRATEGY_TEXT[pick.strategy]} in ${pick.poolName} picked ${pick.rep.name}${weight}${skipped}`;
}

/**
 * The decision as sentences a sales manager can read: each step's summary from the engine's trace,
 * with each pool step followed by who the pool picked and whom it skipped.
 */
export function explainDecision(
  decision: RoutingDecision,
  picks: PoolPick[],
  repNames: Map<string, string>,
): string[] {
  const lines: string[] = [];
  let pickIndex = 0;
  for (const step of decision.trace) {
    if (step.nodeType === "pool") {
      const pick = picks[pickIndex++];
      lines.push(pick ? describePick(pick) : step.summary);
    } else if (
      (step.nodeType === "assign" || step.nodeType === "fallback") &&
      step.detail.target.kind === "rep"
    ) {
      const name = repNames.get(step.detail.target.repId) ?? step.detail.target.repId;
      lines.push(`${step.nodeType === "fallback" ? "Fallback" : "Assigned"} to ${name}`);
    } else {
      lines.push(step.summary);
    }
  }
  return lines;
}
