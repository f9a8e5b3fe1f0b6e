/**
 * Conversion between the engine's FlowGraph and React Flow's nodes and edges. Each React Flow node
 * carries its FlowNode in `data.node`, so graph → React Flow → graph is lossless; only the position
 * is read back from React Flow (it moves while dragging).
 */
import type { Edge, Node } from "@xyflow/react";
import type { ValidationIssue } from "@/engine";
import type { NodeRunMark } from "../types";
import type { FlowEdge, FlowGraph, FlowNode, NodeType } from "./editor-types";
import { TARGET_HANDLE_ID } from "./handles";
import { nodeSize } from "./node-size";

/** How the canvas decorates a node: validation issues and the test-run mark. */
export interface NodeView {
  issues: readonly ValidationIssue[];
  mark: NodeRunMark | null;
  /** A test run is shown and did not pass this node. */
  dimmed: boolean;
}

export type FlowRfNodeData = {
  node: FlowNode;
  /** Set by the canvas (see canvas/decorate.ts); absent in the editor state. */
  view?: NodeView;
};

export type FlowRfNode = Node<FlowRfNodeData, NodeType>;

export type FlowRfEdgeData = {
  edge: FlowEdge;
};

export type FlowRfEdge = Edge<FlowRfEdgeData>;

export interface ToRfNodeOptions {
  selected?: boolean;
  /** Size React Flow measured last; kept so React Flow does not re-measure every node on each update. */
  measured?: { width?: number; height?: number } | undefined;
}

export function toRfNode(node: FlowNode, options: ToRfNodeOptions = {}): FlowRfNode {
  const size = nodeSize(node);
  const rfNode: FlowRfNode = {
    id: node.id,
    type: node.type,
    position: node.position,
    data: { node },
    width: size.width,
    height: size.height,
    selected: options.selected ?? false,
    // There is exactly one source; it stays.
    deletable: node.type !== "source",
  };
  if (options.measured !== undefined) rfNode.measured = options.measured;
  return rfNode;
}

export function fromRfNode(rfNode: FlowRfNode): FlowNode {
  const node = rfNode.data.node;
  const { x, y } = rfNode.position;
  return node.position.x === x && node.position.y === y ? node : { ...node, position: { x, y } };
}

export function toRfEdge(edge: FlowEdge, options: { selected?: boolean } = {}): FlowRfEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    targetHandle: TARGET_HANDLE_ID,
    data: { edge },
    selected: options.selected ?? false,
  };
}

export function fromRfEdge(rfEdge: FlowRfEdge): FlowEdge {
  const edge = rfEdge.data?.edge;
  if (edge !== undefined) return edge;
  return {
    id: rfEdge.id,
    source: rfEdge.source,
    sourceHandle: rfEdge.sourceHandle ?? "next",
    target: rfEdge.target,
  };
}

export function graphToRf(graph: FlowGraph): { nodes: FlowRfNode[]; edges: FlowRfEdge[] } {
  return {
    nodes: graph.nodes.map((node) => toRfNode(node)),
    edges: graph.edges.map((edge) => toRfEdge(edge)),
  };
}

export function rfToGraph(nodes: readonly FlowRfNode[], edges: readonly FlowRfEdge[]): FlowGraph {
  return { version: 1, nodes: nodes.map(fromRfNode), edges: edges.map(fromRfEdge) };
}
