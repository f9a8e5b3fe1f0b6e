/** The connection points of a node as the canvas draws them. */
import { expectedHandles, type FlowNode, HANDLES } from "@/engine";

/** Every node except the source has one input handle with this id. */
export const TARGET_HANDLE_ID = "in";

export interface OutputHandle {
  /** The edge's sourceHandle: "next", "else", "no_eligible" or a branch case id. */
  id: string;
  /** Plain-language label shown next to the handle. */
  label: string;
}

const FIXED_LABELS: Readonly<Record<string, string>> = {
  [HANDLES.next]: "Next",
  [HANDLES.else]: "Else",
  [HANDLES.noEligible]: "No eligible rep",
};

/**
 * The outgoing handles of a node, in the engine's order (`expectedHandles`): source and score have
 * "next", a branch one per case (labelled with the case label) then "else", a pool "no_eligible",
 * assign and fallback none.
 */
export function outputHandles(node: FlowNode): OutputHandle[] {
  const caseLabels = new Map<string, string>();
  if (node.type === "branch") {
    node.data.cases.forEach((branchCase, i) => {
      caseLabels.set(branchCase.id, branchCase.label.trim() || `Case ${i + 1}`);
    });
  }
  return expectedHandles(node).map((id) => ({
    id,
    label: caseLabels.get(id) ?? FIXED_LABELS[id] ?? id,
  }));
}

/** Whether the node has an input (everything but the source). */
export function hasInput(node: FlowNode): boolean {
  return node.type !== "source";
}
