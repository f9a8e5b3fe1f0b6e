/** Where a lead goes: the outcome types and their construction from compiled nodes. */
import type { CompiledNode } from "./compile";

export interface PoolOutcome {
  kind: "pool";
  /** The pool node reached (pass it in `ineligiblePoolNodes` when no rep can take the lead). */
  nodeId: string;
  poolId: string;
  /** Members must have every one of these skills. */
  requiredSkills: readonly string[];
  /** When not empty, members must cover at least one of these territories. */
  requiredTerritories: readonly string[];
}

export type EvaluationOutcome =
  | PoolOutcome
  | { kind: "rep"; nodeId: string; repId: string }
  | { kind: "queue"; nodeId: string; queue: string }
  | { kind: "rejected"; nodeId: string; reason: string };

const REJECTED_REASON = "The flow does not accept leads from this channel.";

/**
 * The outcome of ending at a node (a source means rejection; branch and score nodes have none).
 * Outcomes are the same for every lead, so they are built once per prepared flow and frozen.
 */
export function outcomeOf(node: CompiledNode): EvaluationOutcome | null {
  switch (node.type) {
    case "source":
      return Object.freeze({ kind: "rejected", nodeId: node.id, reason: REJECTED_REASON });
    case "pool":
      return Object.freeze({
        kind: "pool",
        nodeId: node.id,
        poolId: node.poolId,
        requiredSkills: Object.freeze([...node.requiredSkills]),
        requiredTerritories: Object.freeze([...node.requiredTerritories]),
      });
    case "assign":
    case "fallback":
      return Object.freeze(
        node.target.kind === "rep"
          ? { kind: "rep", nodeId: node.id, repId: node.target.repId }
          : { kind: "queue", nodeId: node.id, queue: node.target.queue },
      );
    case "score":
    case "branch":
      return null;
  }
}
