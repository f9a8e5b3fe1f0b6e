/**
 * Node dimensions shared by the canvas (which renders nodes at exactly this size) and the auto-layout
 * (which must know them to keep nodes apart).
 */
import type { FlowNode } from "@/engine";
import { outputHandles } from "./handles";

/** Width of every node, and the minimum width of branch and pool nodes. */
export const NODE_WIDTH = 240;
/** Header strip, label and one summary line. */
export const NODE_BASE_HEIGHT = 92;
/** The row of labelled output handles at the bottom of branch and pool nodes. */
export const OUTPUT_ROW_HEIGHT = 32;
/** Width given to each labelled output, so labels stay readable side by side. */
export const OUTPUT_SLOT_WIDTH = 112;

export interface NodeSize {
  width: number;
  height: number;
}

/** Nodes whose outputs carry labels (several outputs, or one that is not plain "next"). */
export function hasLabelledOutputs(node: FlowNode): boolean {
  return node.type === "branch" || node.type === "pool";
}

export function nodeSize(node: FlowNode): NodeSize {
  if (!hasLabelledOutputs(node)) return { width: NODE_WIDTH, height: NODE_BASE_HEIGHT };
  const slots = outputHandles(node).length;
  return {
    width: Math.max(NODE_WIDTH, slots * OUTPUT_SLOT_WIDTH),
    height: NODE_BASE_HEIGHT + OUTPUT_ROW_HEIGHT,
  };
}
