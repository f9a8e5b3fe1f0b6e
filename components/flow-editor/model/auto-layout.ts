/**
 * Top-to-bottom layered layout with dagre. Node sizes come from node-size.ts (the sizes the canvas
 * draws), so laid-out nodes never overlap. Outputs sit left to right in handle order (branch cases,
 * then else), so the layout asks dagre to keep the nodes they lead to in that order too: fewer
 * crossing edges.
 */
import { Graph, layout } from "@dagrejs/dagre";
import { expectedHandles } from "@/engine";
import type { FlowEdge, FlowGraph } from "./editor-types";
import { nodeSize } from "./node-size";

/** Horizontal gap between nodes of one layer, and vertical gap between layers. */
export const LAYOUT_NODE_GAP = 48;
export const LAYOUT_LAYER_GAP = 72;

interface NodeLabel {
  width: number;
  height: number;
  x?: number;
  y?: number;
  rank?: number;
}

interface OrderConstraint {
  left: string;
  right: string;
}

/** Each node's edges in the order of its outputs (unknown handles last, in input order). */
function edgesInHandleOrder(graph: FlowGraph, nodeIds: ReadonlySet<string>): Map<string, FlowEdge[]> {
  const bySource = new Map<string, FlowEdge[]>();
  for (const edge of graph.edges) {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target) || edge.source === edge.target) continue;
    const list = bySource.get(edge.source);
    if (list === undefined) bySource.set(edge.source, [edge]);
    else list.push(edge);
  }
  for (const node of graph.nodes) {
    const list = bySource.get(node.id);
    if (list === undefined || list.length < 2) continue;
    const rank = new Map(expectedHandles(node).map((handle, i) => [handle, i]));
    // Array.prototype.sort is stable, so unknown handles keep their input order.
    list.sort(
      (a, b) =>
        (rank.get(a.sourceHandle) ?? Number.MAX_SAFE_INTEGER) -
        (rank.get(b.sourceHandle) ?? Number.MAX_SAFE_INTEGER),
    );
  }
  return bySource;
}

function buildDagreGraph(
  graph: FlowGraph,
  bySource: Map<string, FlowEdge[]>,
): Graph<object, NodeLabel, object> {
  const g = new Graph<object, NodeLabel, object>({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: LAYOUT_NODE_GAP, ranksep: LAYOUT_LAYER_GAP, marginx: 0, marginy: 0 });
  for (const node of graph.nodes) {
    if (!g.hasNode(node.id)) g.setNode(node.id, { ...nodeSize(node) });
  }
  for (const node of graph.nodes) {
    for (const edge of bySource.get(node.id) ?? []) g.setEdge(edge.source, edge.target, {}, edge.id);
  }
  return g;
}

/** Whether `to` is reachable from `from` in the constraint graph. */
function constrained(after: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined) break;
    if (id === to) return true;
    for (const next of after.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/**
 * Left-to-right constraints between the targets of each node's outputs that share a layer. A
 * constraint that contradicts earlier ones (two branches wanting opposite orders) is skipped: dagre
 * needs them acyclic.
 */
function handleOrderConstraints(
  graph: FlowGraph,
  bySource: Map<string, FlowEdge[]>,
  rankOf: (id: string) => number | undefined,
): OrderConstraint[] {
  const constraints: OrderConstraint[] = [];
  const after = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const targets: string[] = [];
    for (const edge of bySource.get(node.id) ?? []) {
      if (!targets.includes(edge.target)) targets.push(edge.target);
    }
    if (targets.length < 2) continue;
    const byRank = new Map<number, string[]>();
    for (const target of targets) {
      const rank = rankOf(target);
      if (rank === undefined) continue;
      const list = byRank.get(rank);
      if (list === undefined) byRank.set(rank, [target]);
      else list.push(target);
    }
    for (const layer of byRank.values()) {
      for (let i = 1; i < layer.length; i += 1) {
        const left = layer[i - 1];
        const right = layer[i];
        if (left === undefined || right === undefined || constrained(after, right, left)) continue;
        constraints.push({ left, right });
        const list = after.get(left);
        if (list === undefined) after.set(left, [right]);
        else list.push(right);
      }
    }
  }
  return constraints;
}

/**
 * The graph with every node moved to its place in a top-to-bottom layout. The source keeps its
 * position (the rest moves around it), so the view does not jump.
 */
export function autoLayout(graph: FlowGraph): FlowGraph {
  if (graph.nodes.length === 0) return graph;
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const bySource = edgesInHandleOrder(graph, nodeIds);
  // First pass: layers only. Second pass: the same layers, ordered with the handle constraints.
  const ranked = buildDagreGraph(graph, bySource);
  layout(ranked);
  const constraints = handleOrderConstraints(graph, bySource, (id) => ranked.node(id)?.rank);
  const laidOut = buildDagreGraph(graph, bySource);
  layout(laidOut, { constraints });

  const topLeft = (id: string): { x: number; y: number } => {
    const label = laidOut.node(id);
    return {
      x: Math.round((label?.x ?? 0) - (label?.width ?? 0) / 2),
      y: Math.round((label?.y ?? 0) - (label?.height ?? 0) / 2),
    };
  };
  const anchor = graph.nodes.find((node) => node.type === "source") ?? graph.nodes[0];
  const anchorAt = anchor === undefined ? { x: 0, y: 0 } : topLeft(anchor.id);
  const shift =
    anchor === undefined
      ? { x: 0, y: 0 }
      : { x: anchor.position.x - anchorAt.x, y: anchor.position.y - anchorAt.y };
  const placed = new Set<string>();
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      // A duplicated id (invalid input) is laid out once; the copies keep their position.
      if (placed.has(node.id)) return node;
      placed.add(node.id);
      const at = topLeft(node.id);
      const position = { x: at.x + shift.x, y: at.y + shift.y };
      return position.x === node.position.x && position.y === node.position.y ? node : { ...node, position };
    }),
  };
}
