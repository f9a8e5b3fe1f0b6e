/**
 * Copy and paste of nodes. A copy holds the chosen nodes and the edges between them, as a JSON string
 * that can be pasted into any flow (the same or another one). Pasting gives every node a fresh id,
 * moves it by an offset and reconnects the copied edges to the new ids.
 */
import { z } from "zod";
import { checkJsonDepth, flowEdgeSchema, flowNodeSchema, LIMITS } from "@/engine";
import type { FlowEdge, FlowGraph, FlowNode } from "./editor-types";
import { freshIdPreferring } from "./flow-graph";
import { newNodeId } from "./node-factory";

export const CLIPBOARD_FORMAT = "switchyard.flow-clipboard/1";

/** Distance pasted nodes are moved from the copied ones, per paste. */
export const PASTE_OFFSET = 40;

const clipboardSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(flowNodeSchema).max(LIMITS.maxNodes),
  edges: z.array(flowEdgeSchema).max(LIMITS.maxEdges),
});

export type ClipboardPayload = z.infer<typeof clipboardSchema>;

/** The nodes with the given ids and the edges between them, or null when none of the ids exist. */
export function copyNodes(graph: FlowGraph, nodeIds: Iterable<string>): ClipboardPayload | null {
  const wanted = new Set(nodeIds);
  const nodes = graph.nodes.filter((node) => wanted.has(node.id));
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return { format: CLIPBOARD_FORMAT, nodes, edges };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

/** Parses clipboard text; null when it is not a copy of flow nodes (e.g. plain text). */
export function parseClipboard(text: string): ClipboardPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // Guard the depth before zod recurses into conditions (the text may come from anywhere).
  if (checkJsonDepth(value, LIMITS.maxJsonDepth) !== null) return null;
  const parsed = clipboardSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface PasteResult {
  graph: FlowGraph;
  /** Ids of the pasted nodes (the new selection). */
  nodeIds: string[];
  edgeIds: string[];
}

/**
 * Adds the payload's nodes and edges to `graph` with fresh ids, moved by `offset` (default one
 * PASTE_OFFSET right and down). A copied source node is left out when the graph already has one:
 * a flow has exactly one source.
 */
export function pasteNodes(
  graph: FlowGraph,
  payload: ClipboardPayload,
  offset: { x: number; y: number } = { x: PASTE_OFFSET, y: PASTE_OFFSET },
): PasteResult {
  const hasSource = graph.nodes.some((node) => node.type === "source");
  const takenNodeIds = new Set(graph.nodes.map((node) => node.id));
  const idMap = new Map<string, string>();
  const nodes: FlowNode[] = [];
  let sourcePasted = hasSource;
  for (const node of payload.nodes) {
    if (node.type === "source") {
      if (sourcePasted) continue;
      sourcePasted = true;
    }
    if (idMap.has(node.id)) continue;
    const id = newNodeId(node.type, takenNodeIds);
    takenNodeIds.add(id);
    idMap.set(node.id, id);
    nodes.push({
      ...node,
      id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    });
  }
  const takenEdgeIds = new Set(graph.edges.map((edge) => edge.id));
  const usedHandles = new Set<string>();
  const edges: FlowEdge[] = [];
  for (const edge of payload.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    const handleKey = `${source}\u0000${edge.sourceHandle}`;
    if (source === undefined || target === undefined || usedHandles.has(handleKey)) continue;
    usedHandles.add(handleKey);
    const id = freshIdPreferring(`${source}-${edge.sourceHandle}`, takenEdgeIds);
    takenEdgeIds.add(id);
    edges.push({ id, source, sourceHandle: edge.sourceHandle, target });
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
    edgeIds: edges.map((edge) => edge.id),
  };
}
