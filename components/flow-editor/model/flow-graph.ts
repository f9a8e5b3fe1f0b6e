/** The graph the editor works on: the engine's FlowGraph with its version fixed, plus small lookups. */
import {
  checkJsonDepth,
  expectedHandles,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  flowEdgeSchema,
  flowNodeSchema,
  LIMITS,
  parseFlowGraph,
} from "@/engine";

export interface LoadedGraph {
  graph: FlowGraph;
  /** Nodes and edges that did not match the schema and were left out (0 for a well-formed graph). */
  dropped: number;
}

/**
 * Reads a stored graph (drafts may be half-built) into a FlowGraph the canvas can draw. A well-formed
 * graph is taken as it is; otherwise every node and edge that parses is kept and the rest counted.
 */
export function loadGraph(input: unknown): LoadedGraph {
  const parsed = parseFlowGraph(input);
  if (parsed.ok) return { graph: parsed.flow, dropped: 0 };
  const record = input !== null && typeof input === "object" ? input : {};
  const list = (key: "nodes" | "edges"): unknown[] => {
    const value: unknown = Reflect.get(record, key);
    return Array.isArray(value) ? value : [];
  };
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  let dropped = 0;
  for (const item of list("nodes")) {
    const node = checkJsonDepth(item, LIMITS.maxJsonDepth) === null ? flowNodeSchema.safeParse(item) : null;
    if (node?.success) nodes.push(node.data);
    else dropped += 1;
  }
  for (const item of list("edges")) {
    const edge = flowEdgeSchema.safeParse(item);
    if (edge.success) edges.push(edge.data);
    else dropped += 1;
  }
  return { graph: { version: 1, nodes, edges }, dropped };
}

export function findNode(graph: FlowGraph, id: string): FlowNode | undefined {
  return graph.nodes.find((node) => node.id === id);
}

/** The graph with one node replaced (matched by id); unchanged graph when no node has that id. */
export function replaceNode(graph: FlowGraph, node: FlowNode): FlowGraph {
  const index = graph.nodes.findIndex((n) => n.id === node.id);
  if (index === -1 || graph.nodes[index] === node) return graph;
  const nodes = [...graph.nodes];
  nodes[index] = node;
  return { ...graph, nodes, edges: pruneEdgesOfNode(graph.edges, node) };
}

/**
 * Edges whose handle no longer exists on the updated node (e.g. a removed branch case) are dropped,
 * so the graph never holds connections from outputs the canvas cannot draw.
 */
function pruneEdgesOfNode(edges: FlowEdge[], node: FlowNode): FlowEdge[] {
  const handles = new Set(expectedHandles(node));
  const kept = edges.filter((edge) => edge.source !== node.id || handles.has(edge.sourceHandle));
  return kept.length === edges.length ? edges : kept;
}

/** A fresh id "<prefix>-<n>" (smallest n ≥ 1) that is not in `taken`; the caller adds it to `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A fresh id that is `preferred` itself when free, else "<preferred>-2", "-3"… */
export function freshIdPreferring(preferred: string, taken: ReadonlySet<string>): string {
  if (!taken.has(preferred)) return preferred;
  for (let n = 2; ; n += 1) {
    const id = `${preferred}-${n}`;
    if (!taken.has(id)) return id;
  }
}
