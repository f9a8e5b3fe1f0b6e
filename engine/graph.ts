/**
 * Graph helpers shared by validation and compilation: expected handles, edge indexing, cycle
 * detection, topological order and depth.
 */
import { type FlowEdge, type FlowGraph, type FlowNode, HANDLES, type NodeType } from "./schema";

/** Human names of node types for messages. */
export const NODE_TYPE_NAMES: Readonly<Record<NodeType, string>> = {
  source: "Source",
  score: "Score",
  branch: "Branch",
  pool: "Pool",
  assign: "Assign",
  fallback: "Fallback",
};

/** Node types that end a path. */
export function isTerminal(type: NodeType): boolean {
  return type === "assign" || type === "fallback";
}

/** The outgoing handles a node must have, in order. Terminal nodes have none. */
export function expectedHandles(node: FlowNode): string[] {
  switch (node.type) {
    case "source":
    case "score":
      return [HANDLES.next];
    case "branch":
      return [...node.data.cases.map((c) => c.id), HANDLES.else];
    case "pool":
      return [HANDLES.noEligible];
    case "assign":
    case "fallback":
      return [];
  }
}

/** `Branch "Region"` or `Branch node "n3"`. */
export function nodeName(node: FlowNode): string {
  const label = node.label?.trim();
  return label
    ? `${NODE_TYPE_NAMES[node.type]} "${label}"`
    : `${NODE_TYPE_NAMES[node.type]} node "${node.id}"`;
}

export interface GraphIndex {
  nodes: Map<string, FlowNode>;
  /** Per node, its outgoing edges keyed by handle (first edge wins when a handle is used twice). */
  outgoing: Map<string, Map<string, FlowEdge>>;
  /** Per node, the nodes its edges lead to (deduplicated, in edge order). */
  successors: Map<string, string[]>;
  /** Per node, the nodes with an edge to it (deduplicated). */
  predecessors: Map<string, string[]>;
}

/**
 * Indexes nodes (first node wins for a duplicated id) and the edges whose endpoints exist and whose
 * handle is one the source node has.
 */
export function indexGraph(flow: FlowGraph): GraphIndex {
  const nodes = new Map<string, FlowNode>();
  for (const node of flow.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, Map<string, FlowEdge>>();
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const id of nodes.keys()) {
    outgoing.set(id, new Map());
    successors.set(id, []);
    predecessors.set(id, []);
  }
  const handleSets = new Map<string, Set<string>>();
  for (const [id, node] of nodes) handleSets.set(id, new Set(expectedHandles(node)));
  for (const edge of flow.edges) {
    const from = outgoing.get(edge.source);
    if (from === undefined || !nodes.has(edge.target)) continue;
    if (!handleSets.get(edge.source)?.has(edge.sourceHandle) || from.has(edge.sourceHandle)) continue;
    from.set(edge.sourceHandle, edge);
    const succ = successors.get(edge.source);
    if (succ !== undefined && !succ.includes(edge.target)) succ.push(edge.target);
    const pred = predecessors.get(edge.target);
    if (pred !== undefined && !pred.includes(edge.source)) pred.push(edge.source);
  }
  return { nodes, outgoing, successors, predecessors };
}

/** Node ids reachable from `start` (including it), in breadth-first order. */
export function reachableFrom(index: GraphIndex, start: string): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i];
    if (id === undefined) break;
    for (const next of index.successors.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return queue;
}

/**
 * Strongly connected components that form cycles (more than one node, or a node with an edge to
 * itself), each listed in discovery order. Iterative Tarjan, so large graphs cannot overflow the stack.
 */
export function findCycles(index: GraphIndex): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of index.nodes.keys()) {
    if (order.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const succ = index.successors.get(frame.id) ?? [];
      const child = succ[frame.next];
      if (child !== undefined) {
        frame.next += 1;
        if (!order.has(child)) {
          order.set(child, counter);
          low.set(child, counter);
          counter += 1;
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, order.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === order.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
          if (member === frame.id) break;
        }
        component.reverse();
        const selfLoop = component.length === 1 && succ.includes(frame.id);
        if (component.length > 1 || selfLoop) cycles.push(component);
      }
    }
  }
  return cycles;
}

/**
 * Topological order of the nodes reachable from `start` (Kahn's algorithm; ties broken by id so the
 * order is deterministic). Returns null when those nodes contain a cycle.
 */
export function topologicalOrder(index: GraphIndex, start: string): string[] | null {
  const reachable = new Set(reachableFrom(index, start));
  const inDegree = new Map<string, number>();
  for (const id of reachable) inDegree.set(id, 0);
  for (const id of reachable) {
    for (const next of index.successors.get(id) ?? []) inDegree.set(next, (inDegree.get(next) ?? 0) + 1);
  }
  const ready = [...reachable].filter((id) => inDegree.get(id) === 0).sort(compareIds);
  const result: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift();
    if (id === undefined) break;
    result.push(id);
    let added = false;
    for (const next of index.successors.get(id) ?? []) {
      const remaining = (inDegree.get(next) ?? 0) - 1;
      inDegree.set(next, remaining);
      if (remaining === 0) {
        ready.push(next);
        added = true;
      }
    }
    if (added) ready.sort(compareIds);
  }
  return result.length === reachable.size ? result : null;
}

/** Longest path (in nodes) from the first node of a topological order to every node. */
export function depths(index: GraphIndex, order: readonly string[]): Map<string, number> {
  const depth = new Map<string, number>();
  const first = order[0];
  if (first !== undefined) depth.set(first, 1);
  for (const id of order) {
    const here = depth.get(id) ?? 1;
    for (const next of index.successors.get(id) ?? [])
      depth.set(next, Math.max(depth.get(next) ?? 0, here + 1));
  }
  return depth;
}

/** Code-unit order, independent of locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
