/**
 * The flow editor's state as a React hook: the graph with undo/redo, the selection, and everything
 * React Flow needs to draw and edit it. The logic lives in model/editor-state.ts (a pure reducer);
 * this hook only wires it to React and to the in-tab clipboard.
 */
import type {
  Connection,
  EdgeChange,
  NodeChange,
  OnConnect,
  OnEdgesChange,
  OnNodesChange,
} from "@xyflow/react";
import { useCallback, useMemo, useReducer, useState } from "react";
import type { FlowGraphInput } from "@/engine";
import { copyNodes, parseClipboard, serializeClipboard } from "./model/clipboard";
import { canConnect } from "./model/connect";
import { createEditorState, editorReducer } from "./model/editor-state";
import type { BranchPreset, FlowGraph, FlowNode, NodeType, Selection, XY } from "./model/editor-types";
import { loadGraph } from "./model/flow-graph";
import { canRedo, canUndo } from "./model/history";
import type { FlowRfEdge, FlowRfNode } from "./model/rf-convert";
import { createRfDeriver } from "./model/rf-derive";

/**
 * The last copy made in this tab. The system clipboard gets the same text when the browser allows
 * it; this copy makes paste work without clipboard permissions, also into another flow's editor.
 */
let lastCopied: string | null = null;

export interface ReplaceGraphOptions {
  /**
   * Whether the replacement counts as an unsaved change (revision increases). Default true, e.g.
   * when restoring an old version into the draft; pass false when loading what is already saved.
   */
  dirty?: boolean;
}

export interface FlowEditor {
  /** The current graph (positions included). */
  graph: FlowGraph;
  /** React Flow nodes and edges; unchanged items keep their identity between renders. */
  rfNodes: FlowRfNode[];
  rfEdges: FlowRfEdge[];
  selection: Selection;
  /** The selected node when exactly one node (and no edge) is selected: what the inspector edits. */
  selectedNode: FlowNode | null;
  /** Increases on every finished graph change (a drag counts once, at its end): autosave/dirty. */
  revision: number;
  /** Increases on every replaceGraph: a new document (the canvas fits the view again). */
  generation: number;
  /** Nodes and edges of the loaded graph that did not match the schema and were left out. */
  dropped: number;
  canUndo: boolean;
  canRedo: boolean;
  onNodesChange: OnNodesChange<FlowRfNode>;
  onEdgesChange: OnEdgesChange<FlowRfEdge>;
  onConnect: OnConnect;
  /** React Flow's isValidConnection: the same rules as onConnect, for feedback while dragging. */
  isValidConnection: (connection: Connection | FlowRfEdge) => boolean;
  /** Adds a node (selected afterwards). A second source is refused. Position: top-left corner. */
  addNode: (type: NodeType, preset?: BranchPreset, position?: XY) => void;
  /** Replaces the node with the same id (the inspector's onChange); typing coalesces into one undo step. */
  updateNode: (node: FlowNode) => void;
  deleteElements: (request: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }) => void;
  /** Deletes the selected nodes (never the source), their edges and the selected edges. */
  deleteSelection: () => void;
  setSelection: (selection: Selection) => void;
  /** Copies the selected nodes and the edges between them; returns the clipboard text (null: nothing selected). */
  copy: () => string | null;
  /** Pastes clipboard text (default: this tab's last copy). Returns whether anything was pasted. */
  paste: (text?: string) => boolean;
  undo: () => void;
  redo: () => void;
  autoLayout: () => void;
  /** Loads another graph (e.g. a version): history and selection start over. */
  replaceGraph: (graph: FlowGraphInput, options?: ReplaceGraphOptions) => void;
}

function initialState(input: FlowGraphInput) {
  const loaded = loadGraph(input);
  return createEditorState(loaded.graph, loaded.dropped);
}

/** Editor state for one flow. `initial` is read once (like useState); use replaceGraph to load another. */
export function useFlowEditor(initial: FlowGraphInput): FlowEditor {
  const [state, dispatch] = useReducer(editorReducer, initial, initialState);
  const [deriver] = useState(createRfDeriver);
  const graph = state.history.present;
  const { selection, measured } = state;

  const rfNodes = useMemo(
    () => deriver.nodes(graph, selection, measured),
    [deriver, graph, selection, measured],
  );
  const rfEdges = useMemo(() => deriver.edges(graph.edges, selection), [deriver, graph.edges, selection]);

  const onNodesChange = useCallback((changes: NodeChange<FlowRfNode>[]) => {
    dispatch({ type: "nodesChange", changes, at: Date.now() });
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowRfEdge>[]) => {
    dispatch({ type: "edgesChange", changes, at: Date.now() });
  }, []);
  const onConnect = useCallback((connection: Connection) => {
    dispatch({
      type: "connect",
      connection: {
        source: connection.source,
        sourceHandle: connection.sourceHandle,
        target: connection.target,
      },
      at: Date.now(),
    });
  }, []);
  const isValidConnection = useCallback(
    (connection: Connection | FlowRfEdge) =>
      canConnect(graph, {
        source: connection.source,
        sourceHandle: connection.sourceHandle ?? null,
        target: connection.target,
      }),
    [graph],
  );
  const addNode = useCallback((type: NodeType, preset?: BranchPreset, position?: XY) => {
    dispatch({ type: "addNode", nodeType: type, preset, position, at: Date.now() });
  }, []);
  const updateNode = useCallback((node: FlowNode) => {
    dispatch({ type: "updateNode", node, at: Date.now() });
  }, []);
  const deleteElements = useCallback(
    (request: { nodeIds?: readonly string[]; edgeIds?: readonly string[] }) => {
      dispatch({
        type: "deleteElements",
        nodeIds: request.nodeIds ?? [],
        edgeIds: request.edgeIds ?? [],
        at: Date.now(),
      });
    },
    [],
  );
  const deleteSelection = useCallback(() => dispatch({ type: "deleteSelection", at: Date.now() }), []);
  const setSelection = useCallback(
    (next: Selection) => dispatch({ type: "setSelection", selection: next }),
    [],
  );
  const copy = useCallback((): string | null => {
    const payload = copyNodes(graph, selection.nodeIds);
    if (payload === null) return null;
    const text = serializeClipboard(payload);
    lastCopied = text;
    dispatch({ type: "copied" });
    return text;
  }, [graph, selection]);
  const paste = useCallback((text?: string): boolean => {
    const payload = parseClipboard(text ?? lastCopied ?? "");
    if (payload === null) return false;
    dispatch({ type: "paste", payload, at: Date.now() });
    return true;
  }, []);
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  const autoLayout = useCallback(() => dispatch({ type: "autoLayout", at: Date.now() }), []);
  const replaceGraph = useCallback((input: FlowGraphInput, options: ReplaceGraphOptions = {}) => {
    const loaded = loadGraph(input);
    dispatch({
      type: "replaceGraph",
      graph: loaded.graph,
      dirty: options.dirty ?? true,
      dropped: loaded.dropped,
    });
  }, []);

  const selectedNode = useMemo(() => {
    if (selection.nodeIds.length !== 1 || selection.edgeIds.length > 0) return null;
    const [id] = selection.nodeIds;
    return graph.nodes.find((node) => node.id === id) ?? null;
  }, [graph, selection]);

  const { history, revision, generation, dropped } = state;
  return useMemo(
    () => ({
      graph,
      rfNodes,
      rfEdges,
      selection,
      selectedNode,
      revision,
      generation,
      dropped,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      onNodesChange,
      onEdgesChange,
      onConnect,
      isValidConnection,
      addNode,
      updateNode,
      deleteElements,
      deleteSelection,
      setSelection,
      copy,
      paste,
      undo,
      redo,
      autoLayout,
      replaceGraph,
    }),
    [
      graph,
      rfNodes,
      rfEdges,
      selection,
      selectedNode,
      revision,
      generation,
      dropped,
      history,
      onNodesChange,
      onEdgesChange,
      onConnect,
      isValidConnection,
      addNode,
      updateNode,
      deleteElements,
      deleteSelection,
      setSelection,
      copy,
      paste,
      undo,
      redo,
      autoLayout,
      replaceGraph,
    ],
  );
}
