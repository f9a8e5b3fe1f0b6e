/** React Flow's nodeTypes, created once at module level (a new object per render would remount nodes). */
import type { NodeTypes } from "@xyflow/react";
import type { NodeType } from "@/engine";
import { AssignNodeView } from "./assign-node";
import { BranchNodeView } from "./branch-node";
import { FallbackNodeView } from "./fallback-node";
import { PoolNodeView } from "./pool-node";
import { ScoreNodeView } from "./score-node";
import { SourceNodeView } from "./source-node";

export const NODE_COMPONENTS = {
  source: SourceNodeView,
  score: ScoreNodeView,
  branch: BranchNodeView,
  pool: PoolNodeView,
  assign: AssignNodeView,
  fallback: FallbackNodeView,
} satisfies Record<NodeType, NodeTypes[string]>;
