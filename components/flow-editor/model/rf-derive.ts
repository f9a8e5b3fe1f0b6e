/**
 * Derives React Flow's nodes and edges from the editor state, reusing the previous object of every
 * node and edge that did not change. React Flow and the memoised node components compare by identity,
 * so a drag or a selection change re-renders only the nodes it touches, even with hundreds of nodes.
 */

import type { MeasuredSize } from "./editor-state";
import type { FlowEdge, FlowGraph, FlowNode, Selection } from "./editor-types";
import { type FlowRfEdge, type FlowRfNode, toRfEdge, toRfNode } from "./rf-convert";

interface NodeEntry {
  node: FlowNode;
  selected: boolean;
  measured: MeasuredSize | undefined;
  rf: FlowRfNode;
}

interface EdgeEntry {
  edge: FlowEdge;
  selected: boolean;
  rf: FlowRfEdge;
}

export interface RfDeriver {
  nodes(
    graph: FlowGraph,
    selection: Selection,
    measured: Readonly<Record<string, MeasuredSize>>,
  ): FlowRfNode[];
  /** Takes the edge list (not the graph), so moving nodes leaves the edge array untouched. */
  edges(edges: readonly FlowEdge[], selection: Selection): FlowRfEdge[];
}

export function createRfDeriver(): RfDeriver {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();
  return {
    nodes(graph, selection, measured) {
      const selected = new Set(selection.nodeIds);
      const next = new Map<string, NodeEntry>();
      const result = graph.nodes.map((node) => {
        const isSelected = selected.has(node.id);
        const size = measured[node.id];
        const cached = nodeCache.get(node.id);
        const entry =
          cached !== undefined &&
          cached.node === node &&
          cached.selected === isSelected &&
          cached.measured === size
            ? cached
            : {
                node,
                selected: isSelected,
                measured: size,
                rf: toRfNode(node, { selected: isSelected, measured: size }),
              };
        next.set(node.id, entry);
        return entry.rf;
      });
      nodeCache = next;
      return result;
    },
    edges(edges, selection) {
      const selected = new Set(selection.edgeIds);
      const next = new Map<string, EdgeEntry>();
      const result = edges.map((edge) => {
        const isSelected = selected.has(edge.id);
        const cached = edgeCache.get(edge.id);
        const entry =
          cached !== undefined && cached.edge === edge && cached.selected === isSelected
            ? cached
            : { edge, selected: isSelected, rf: toRfEdge(edge, { selected: isSelected }) };
        next.set(edge.id, entry);
        return entry.rf;
      });
      edgeCache = next;
      return result;
    },
  };
}
