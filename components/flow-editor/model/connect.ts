/**
 * Drawing a connection. Each output handle holds at most one edge, so connecting from a handle that is
 * already connected replaces its edge. Refused: self loops, edges into the source, outputs the node
 * does not have, and connections that would close a loop (a flow always moves forward).
 */
import { expectedHandles } from "@/engine";
import type { FlowEdge, FlowGraph } from "./editor-types";
import { freshIdPreferring } from "./flow-graph";

export interface ConnectionRequest {
  source: string;
  /** The output handle; may be omitted when the node has exactly one output. */
  sourceHandle?: string | null;
  target: string;
}

export type ConnectRefusal =
  | "self_loop"
  | "unknown_node"
  | "into_source"
  | "no_such_output"
  | "cycle"
  | "unchanged";

export type ConnectResult =
  | { ok: true; graph: FlowGraph; edge: FlowEdge; replaced: FlowEdge | null }
  | { ok: false; reason: ConnectRefusal };

/** Whether `to` can reach `from` along edges, ignoring `skip` (the edge being replaced). */
function reaches(graph: FlowGraph, from: string, to: string, skip: FlowEdge | null): boolean {
  const successors = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge === skip) continue;
    const list = successors.get(edge.source);
    if (list === undefined) successors.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined) break;
    if (id === to) return true;
    for (const next of successors.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

export function connect(graph: FlowGraph, request: ConnectionRequest): ConnectResult {
  const { source, target } = request;
  if (source === target) return { ok: false, reason: "self_loop" };
  const from = graph.nodes.find((node) => node.id === source);
  const to = graph.nodes.find((node) => node.id === target);
  if (from === undefined || to === undefined) return { ok: false, reason: "unknown_node" };
  if (to.type === "source") return { ok: false, reason: "into_source" };
  const handles = expectedHandles(from);
  const handle = request.sourceHandle ?? (handles.length === 1 ? handles[0] : undefined);
  if (handle === undefined || !handles.includes(handle)) return { ok: false, reason: "no_such_output" };
  const existing = graph.edges.find((edge) => edge.source === source && edge.sourceHandle === handle) ?? null;
  if (existing !== null && existing.target === target) return { ok: false, reason: "unchanged" };
  if (reaches(graph, target, source, existing)) return { ok: false, reason: "cycle" };
  const taken = new Set(graph.edges.filter((e) => e !== existing).map((e) => e.id));
  const edge: FlowEdge = {
    id: existing?.id ?? freshIdPreferring(`${source}-${handle}`, taken),
    source,
    sourceHandle: handle,
    target,
  };
  // The new edge takes the first replaced edge's place, so edge order (and diffs) stay stable; any
  // further edges from the same handle (invalid input) go too.
  const edges: FlowEdge[] = [];
  let placed = false;
  for (const e of graph.edges) {
    if (e.source !== source || e.sourceHandle !== handle) edges.push(e);
    else if (!placed) {
      edges.push(edge);
      placed = true;
    }
  }
  if (!placed) edges.push(edge);
  return { ok: true, graph: { ...graph, edges }, edge, replaced: existing };
}

/** Whether `connect` would accept the request (for live feedback while dragging a connection). */
export function canConnect(graph: FlowGraph, request: ConnectionRequest): boolean {
  const result = connect(graph, request);
  return result.ok || result.reason === "unchanged";
}
