/** Engine types the editor model uses, re-exported in one place, plus small editor-only shapes. */
export type {
  BranchCase,
  BranchPreset,
  FlowEdge,
  FlowGraph,
  FlowGraphInput,
  FlowNode,
  NodeType,
} from "@/engine";

export interface XY {
  x: number;
  y: number;
}

/** Selected nodes and edges on the canvas (not part of undo history). */
export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
}

export const EMPTY_SELECTION: Selection = { nodeIds: [], edgeIds: [] };
