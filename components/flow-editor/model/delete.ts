/** Deleting nodes and edges. A node's edges go with it; the source node never goes (a flow has one). */
import type { FlowGraph } from "./editor-types";

export interface DeleteRequest {
  nodeIds: Iterable<string>;
  edgeIds: Iterable<string>;
}

/** Node ids of `request` that may be deleted (every existing node except the source). */
export function deletableNodeIds(graph: FlowGraph, nodeIds: Iterable<string>): Set<string> {
  const wanted = new Set(nodeIds);
  return new Set(graph.nodes.filter((n) => wanted.has(n.id) && n.type !== "source").map((n) => n.id));
}

/** The graph without the requested nodes (source excepted), their edges and the requested edges. */
export function deleteElements(graph: FlowGraph, request: DeleteRequest): FlowGraph {
  const nodeIds = deletableNodeIds(graph, request.nodeIds);
  const edgeIds = new Set(request.edgeIds);
  const nodes = nodeIds.size === 0 ? graph.nodes : graph.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = graph.edges.filter(
    (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
  );
  if (nodes === graph.nodes && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}
