/**
 * The whole editor state as one pure reducer: graph history, selection, the sizes React Flow
 * measured, a revision counter and paste bookkeeping. `useFlowEditor` is a thin React wrapper, so
 * everything here is testable without a browser.
 */
import type { EdgeChange, NodeChange } from "@xyflow/react";
import { autoLayout } from "./auto-layout";
import { type ClipboardPayload, PASTE_OFFSET, pasteNodes } from "./clipboard";
import { type ConnectionRequest, connect } from "./connect";
import { deleteElements } from "./delete";
import { nodeEditKey } from "./edit-key";
import {
  type BranchPreset,
  EMPTY_SELECTION,
  type FlowGraph,
  type FlowNode,
  type NodeType,
  type Selection,
  type XY,
} from "./editor-types";
import { findNode, replaceNode } from "./flow-graph";
import { createHistory, type History, type HistoryAction, historyReducer } from "./history";
import { createNode } from "./node-factory";
import type { FlowRfEdge, FlowRfNode } from "./rf-convert";

export interface MeasuredSize {
  width?: number;
  height?: number;
}

export interface EditorState {
  history: History;
  selection: Selection;
  /** Sizes React Flow measured, per node id; handed back to it on every render (see rf-derive.ts). */
  measured: Readonly<Record<string, MeasuredSize>>;
  /** Increases on every finished change of the graph (a drag counts once, when it ends). */
  revision: number;
  /** Increases when the document is replaced (replaceGraph): the canvas fits the view again. */
  generation: number;
  /** Pastes since the last copy: each one lands a little further away. */
  pastes: number;
  /** Nodes and edges of the loaded document that could not be read (see loadGraph). */
  dropped: number;
}

export type EditorAction =
  | { type: "nodesChange"; changes: NodeChange<FlowRfNode>[]; at: number }
  | { type: "edgesChange"; changes: EdgeChange<FlowRfEdge>[]; at: number }
  | { type: "connect"; connection: ConnectionRequest; at: number }
  | {
      type: "addNode";
      nodeType: NodeType;
      preset?: BranchPreset | undefined;
      position?: XY | undefined;
      at: number;
    }
  | { type: "updateNode"; node: FlowNode; at: number }
  | { type: "deleteElements"; nodeIds: readonly string[]; edgeIds: readonly string[]; at: number }
  | { type: "deleteSelection"; at: number }
  | { type: "copied" }
  | { type: "paste"; payload: ClipboardPayload; at: number }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "autoLayout"; at: number }
  | { type: "replaceGraph"; graph: FlowGraph; dirty: boolean; dropped?: number }
  | { type: "setSelection"; selection: Selection };

export function createEditorState(graph: FlowGraph, dropped = 0): EditorState {
  return {
    dropped,
    history: createHistory(graph),
    selection: EMPTY_SELECTION,
    measured: {},
    revision: 0,
    generation: 0,
    pastes: 0,
  };
}

/** Whether the history step from `before` to `after` finished a change of the graph. */
function graphChanged(before: History, after: History): boolean {
  if (after.transientBase !== null) return false;
  if (before.present !== after.present) return true;
  return before.transientBase !== null && before.transientBase !== after.present;
}

/** Drops selected ids that no longer exist. */
function pruneSelection(selection: Selection, graph: FlowGraph): Selection {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const nodes = selection.nodeIds.filter((id) => nodeIds.has(id));
  const edges = selection.edgeIds.filter((id) => edgeIds.has(id));
  if (nodes.length === selection.nodeIds.length && edges.length === selection.edgeIds.length)
    return selection;
  return { nodeIds: nodes, edgeIds: edges };
}

function withHistory(state: EditorState, action: HistoryAction, selection?: Selection): EditorState {
  const history = historyReducer(state.history, action);
  const changed = graphChanged(state.history, history);
  const nextSelection = pruneSelection(selection ?? state.selection, history.present);
  if (!changed && history === state.history && nextSelection === state.selection) return state;
  return {
    ...state,
    history,
    selection: nextSelection,
    revision: changed ? state.revision + 1 : state.revision,
  };
}

function setSelected(ids: string[], id: string, selected: boolean): string[] {
  if (selected === ids.includes(id)) return ids;
  return selected ? [...ids, id] : ids.filter((other) => other !== id);
}

function applyNodeChanges(state: EditorState, changes: NodeChange<FlowRfNode>[], at: number): EditorState {
  const graph = state.history.present;
  const positions = new Map<string, XY>();
  const removed: string[] = [];
  let measured = state.measured;
  let nodeIds = state.selection.nodeIds;
  let dragging = false;
  let moved = false;
  for (const change of changes) {
    switch (change.type) {
      case "position":
        if (change.position !== undefined) positions.set(change.id, change.position);
        if (change.dragging === true) dragging = true;
        else moved = true;
        break;
      case "dimensions":
        if (change.dimensions !== undefined) {
          const known = measured[change.id];
          if (known?.width !== change.dimensions.width || known?.height !== change.dimensions.height) {
            measured = { ...measured, [change.id]: { ...change.dimensions } };
          }
        }
        break;
      case "select":
        nodeIds = setSelected(nodeIds, change.id, change.selected);
        break;
      case "remove":
        removed.push(change.id);
        break;
      // Nodes are only added through the editor's own actions.
      case "add":
      case "replace":
        break;
    }
  }
  let next: EditorState = state;
  if (measured !== state.measured) next = { ...next, measured };
  if (nodeIds !== state.selection.nodeIds) {
    next = { ...next, selection: { ...next.selection, nodeIds } };
  }
  if (positions.size > 0 || moved) {
    const moveGraph = positions.size === 0 ? graph : movedGraph(graph, positions);
    if (dragging) {
      next = withHistory(next, { type: "transient", graph: moveGraph });
    } else if (state.history.transientBase !== null) {
      next = withHistory(next, { type: "transient", graph: moveGraph });
      next = withHistory(next, { type: "endTransient" });
    } else {
      // Moves without a drag (arrow keys) coalesce per set of nodes.
      const key = `move:${[...positions.keys()].sort().join(",")}`;
      next = withHistory(next, { type: "commit", graph: moveGraph, key, at });
    }
  }
  if (removed.length > 0) {
    const present = next.history.present;
    next = withHistory(next, {
      type: "commit",
      graph: deleteElements(present, { nodeIds: removed, edgeIds: [] }),
      at,
    });
  }
  return next;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function movedGraph(graph: FlowGraph, positions: ReadonlyMap<string, XY>): FlowGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const position = positions.get(node.id);
    if (position === undefined || (position.x === node.position.x && position.y === node.position.y))
      return node;
    changed = true;
    return { ...node, position: { x: position.x, y: position.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

function applyEdgeChanges(state: EditorState, changes: EdgeChange<FlowRfEdge>[], at: number): EditorState {
  let edgeIds = state.selection.edgeIds;
  const removed: string[] = [];
  for (const change of changes) {
    if (change.type === "select") edgeIds = setSelected(edgeIds, change.id, change.selected);
    else if (change.type === "remove") removed.push(change.id);
  }
  let next = state;
  if (edgeIds !== state.selection.edgeIds) next = { ...next, selection: { ...next.selection, edgeIds } };
  if (removed.length > 0) {
    const present = next.history.present;
    next = withHistory(next, {
      type: "commit",
      graph: deleteElements(present, { nodeIds: [], edgeIds: removed }),
      at,
    });
  }
  return next;
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const graph = state.history.present;
  switch (action.type) {
    case "nodesChange":
      return applyNodeChanges(state, action.changes, action.at);
    case "edgesChange":
      return applyEdgeChanges(state, action.changes, action.at);
    case "connect": {
      const result = connect(graph, action.connection);
      if (!result.ok) return state;
      return withHistory(state, { type: "commit", graph: result.graph, at: action.at });
    }
    case "addNode": {
      if (action.nodeType === "source" && graph.nodes.some((n) => n.type === "source")) return state;
      const node = createNode(
        action.nodeType,
        { preset: action.preset, position: action.position },
        graph.nodes.map((n) => n.id),
      );
      return withHistory(
        state,
        { type: "commit", graph: { ...graph, nodes: [...graph.nodes, node] }, at: action.at },
        { nodeIds: [node.id], edgeIds: [] },
      );
    }
    case "updateNode": {
      const before = findNode(graph, action.node.id);
      if (before === undefined || before.type !== action.node.type) return state;
      const key = nodeEditKey(before, action.node);
      return withHistory(state, {
        type: "commit",
        graph: replaceNode(graph, action.node),
        key,
        at: action.at,
      });
    }
    case "deleteElements":
      return withHistory(state, {
        type: "commit",
        graph: deleteElements(graph, { nodeIds: action.nodeIds, edgeIds: action.edgeIds }),
        at: action.at,
      });
    case "deleteSelection":
      return withHistory(state, {
        type: "commit",
        graph: deleteElements(graph, state.selection),
        at: action.at,
      });
    case "copied":
      return state.pastes === 0 ? state : { ...state, pastes: 0 };
    case "paste": {
      const step = PASTE_OFFSET * (state.pastes + 1);
      const result = pasteNodes(graph, action.payload, { x: step, y: step });
      if (result.nodeIds.length === 0) return state;
      const next = withHistory(
        state,
        { type: "commit", graph: result.graph, at: action.at },
        { nodeIds: result.nodeIds, edgeIds: result.edgeIds },
      );
      return { ...next, pastes: state.pastes + 1 };
    }
    case "undo":
      return withHistory(state, { type: "undo" });
    case "redo":
      return withHistory(state, { type: "redo" });
    case "autoLayout":
      return withHistory(state, { type: "commit", graph: autoLayout(graph), at: action.at });
    case "replaceGraph":
      return {
        history: createHistory(action.graph),
        selection: EMPTY_SELECTION,
        measured: state.measured,
        revision: action.dirty ? state.revision + 1 : state.revision,
        generation: state.generation + 1,
        pastes: 0,
        dropped: action.dropped ?? 0,
      };
    case "setSelection": {
      const selection = pruneSelection(action.selection, graph);
      return sameIds(selection.nodeIds, state.selection.nodeIds) &&
        sameIds(selection.edgeIds, state.selection.edgeIds)
        ? state
        : { ...state, selection };
    }
  }
}
