"use client";

/**
 * The visual flow editor's canvas: palette, React Flow pane with the custom nodes, toolbar, minimap
 * and zoom controls, keyboard shortcuts and clipboard. State lives in `useFlowEditor`; this component
 * only draws it and turns gestures into editor calls. Give the parent a height: the canvas fills it.
 */
import "@xyflow/react/dist/style.css";
import "./flow-canvas.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import type { ValidationIssue } from "@/engine";
import { createNode } from "../model/node-factory";
import { nodeSize } from "../model/node-size";
import { belowNode, centredAt, freeSpot } from "../model/placement";
import type { FlowRfEdge, FlowRfNode } from "../model/rf-convert";
import type { SummaryNames } from "../model/summary";
import type { RunHighlight } from "../types";
import type { FlowEditor } from "../use-flow-editor";
import { CanvasSettingsContext } from "./canvas-settings";
import { CanvasToolbar } from "./canvas-toolbar";
import { createDecorator, indexIssues } from "./decorate";
import { NODE_THEME } from "./node-theme";
import { NODE_COMPONENTS } from "./nodes/node-types";
import { isPaletteDrag, Palette, readPaletteDrag } from "./palette";
import type { PaletteItem } from "./palette-items";
import { useCanvasKeyboard } from "./use-canvas-keyboard";
import { useShallowStable } from "./use-shallow-stable";

export interface FlowCanvasProps {
  /** The editor state from `useFlowEditor`. */
  editor: FlowEditor;
  /** Validation issues of the current graph (`validateFlow(editor.graph).issues`). */
  issues?: readonly ValidationIssue[];
  /** A test run to light up (its path green, the rest dimmed), or null. */
  highlight?: RunHighlight | null;
  /** View only (a published version): no palette, no moving, connecting or deleting. */
  readOnly?: boolean;
  /** Pool id → display name for node summaries ("Pool: EMEA (weighted)"). */
  poolNames?: Readonly<Record<string, string>>;
  /** Rep id → display name for node summaries ("Rep: Ana Schmidt"). */
  repNames?: Readonly<Record<string, string>>;
  className?: string;
}

const NO_ISSUES: readonly ValidationIssue[] = [];
const NO_NAMES: Readonly<Record<string, string>> = {};
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.25 } as const;
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];

function minimapColor(node: FlowRfNode): string {
  return NODE_THEME[node.type].minimap;
}

/**
 * The canvas with its own React Flow provider (so `useReactFlow` works inside). The provider also
 * gets the first nodes, so the server renders them and the page does not flash an empty canvas.
 */
export function FlowCanvas({
  editor,
  issues = NO_ISSUES,
  highlight = null,
  readOnly = false,
  poolNames = NO_NAMES,
  repNames = NO_NAMES,
  className = "",
}: FlowCanvasProps) {
  const [decorator] = useState(createDecorator);
  const pools = useShallowStable(poolNames);
  const reps = useShallowStable(repNames);
  const settings = useMemo(
    () => ({ names: { pools, reps } satisfies SummaryNames, readOnly }),
    [pools, reps, readOnly],
  );
  const issueIndex = useMemo(() => indexIssues(issues), [issues]);
  const nodes = useMemo(
    () => decorator.nodes(editor.rfNodes, { ...issueIndex, highlight }),
    [decorator, editor.rfNodes, issueIndex, highlight],
  );
  const edges = useMemo(
    () => decorator.edges(editor.rfEdges, { ...issueIndex, highlight }),
    [decorator, editor.rfEdges, issueIndex, highlight],
  );
  return (
    <ReactFlowProvider initialNodes={nodes} initialEdges={edges}>
      <CanvasSettingsContext.Provider value={settings}>
        <CanvasPane editor={editor} nodes={nodes} edges={edges} readOnly={readOnly} className={className} />
      </CanvasSettingsContext.Provider>
    </ReactFlowProvider>
  );
}

interface CanvasPaneProps {
  editor: FlowEditor;
  nodes: FlowRfNode[];
  edges: FlowRfEdge[];
  readOnly: boolean;
  className: string;
}

function CanvasPane({ editor, nodes, edges, readOnly, className }: CanvasPaneProps) {
  const { screenToFlowPosition, fitView, getViewport, setCenter } = useReactFlow<FlowRfNode, FlowRfEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);

  const fitToView = useCallback(() => {
    void fitView({ ...FIT_VIEW_OPTIONS, duration: 250 });
  }, [fitView]);

  // A new document (replaceGraph) is shown whole; the first one is fitted by React Flow itself.
  const firstGeneration = useRef(editor.generation);
  useEffect(() => {
    if (editor.generation === firstGeneration.current) return;
    const frame = requestAnimationFrame(() => fitToView());
    return () => cancelAnimationFrame(frame);
  }, [editor.generation, fitToView]);

  // A node selected from outside (e.g. the issues list) is brought into view when it is off screen.
  const revealNode = useEffectEvent((nodeId: string) => {
    const node = editor.graph.nodes.find((n) => n.id === nodeId);
    const pane = paneRef.current?.getBoundingClientRect();
    if (node === undefined || pane === undefined) return;
    const size = nodeSize(node);
    const { x, y, zoom } = getViewport();
    const centerX = node.position.x + size.width / 2;
    const centerY = node.position.y + size.height / 2;
    const screenX = centerX * zoom + x;
    const screenY = centerY * zoom + y;
    // Only when its middle is off screen: clicking a node at the edge must not move the view.
    const visible = screenX >= 0 && screenY >= 0 && screenX <= pane.width && screenY <= pane.height;
    if (visible) return;
    void setCenter(centerX, centerY, { zoom, duration: 300 });
  });
  const selectedId = editor.selectedNode?.id ?? null;
  useEffect(() => {
    if (selectedId !== null) revealNode(selectedId);
  }, [selectedId]);

  const { autoLayout } = editor;
  const layoutAndFit = useCallback(() => {
    autoLayout();
    // Fit once React Flow has the new positions.
    requestAnimationFrame(() => requestAnimationFrame(() => fitToView()));
  }, [autoLayout, fitToView]);

  const { addNode, graph, selection } = editor;
  const addFromPalette = useCallback(
    (item: PaletteItem) => {
      const size = nodeSize(createNode(item.type, { preset: item.preset }));
      const [selectedId] = selection.nodeIds;
      const anchor =
        selection.nodeIds.length === 1 ? graph.nodes.find((node) => node.id === selectedId) : undefined;
      let position = anchor === undefined ? null : belowNode(graph, anchor, size);
      if (position === null) {
        const rect = paneRef.current?.getBoundingClientRect();
        const center = rect
          ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
          : { x: 0, y: 0 };
        position = freeSpot(graph, centredAt(center, size), size);
      }
      addNode(item.type, item.preset, position);
    },
    [addNode, graph, selection, screenToFlowPosition],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || !isPaletteDrag(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    },
    [readOnly],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      if (readOnly) return;
      const drop = readPaletteDrag(event);
      if (drop === null) return;
      event.preventDefault();
      const size = nodeSize(createNode(drop.type, { preset: drop.preset }));
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(drop.type, drop.preset, centredAt(at, size));
    },
    [readOnly, addNode, screenToFlowPosition],
  );

  const { deleteSelection, undo, redo, copy, paste, setSelection } = editor;
  const selectAll = useCallback(
    () => setSelection({ nodeIds: graph.nodes.map((node) => node.id), edgeIds: [] }),
    [setSelection, graph],
  );
  useCanvasKeyboard(wrapperRef, { readOnly, copy, paste, deleteSelection, undo, redo, selectAll });

  const hasSource = useMemo(() => graph.nodes.some((node) => node.type === "source"), [graph]);

  return (
    <div
      ref={wrapperRef}
      tabIndex={-1}
      className={`sy-canvas flex h-full min-h-[480px] w-full overflow-hidden rounded-lg border border-slate-200 bg-white outline-none ${className}`}
      data-testid="flow-canvas"
      data-readonly={readOnly ? "true" : undefined}
    >
      {readOnly ? null : <Palette onAdd={addFromPalette} hasSource={hasSource} />}
      <div ref={paneRef} className="relative min-w-0 flex-1">
        <ReactFlow<FlowRfNode, FlowRfEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_COMPONENTS}
          onNodesChange={editor.onNodesChange}
          onEdgesChange={editor.onEdgesChange}
          onConnect={editor.onConnect}
          isValidConnection={editor.isValidConnection}
          onDragOver={onDragOver}
          onDrop={onDrop}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          edgesReconnectable={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={0.1}
          maxZoom={2}
          attributionPosition="bottom-center"
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
          <Controls showInteractive={false} position="bottom-left" />
          <MiniMap<FlowRfNode>
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            nodeBorderRadius={6}
            pannable
            zoomable
            position="bottom-right"
            ariaLabel="Overview of the flow"
          />
          <Panel position="top-right">
            <CanvasToolbar
              readOnly={readOnly}
              canUndo={editor.canUndo}
              canRedo={editor.canRedo}
              onUndo={undo}
              onRedo={redo}
              onLayout={layoutAndFit}
              onFit={fitToView}
            />
          </Panel>
        </ReactFlow>
      </div>
    </div>
  );
}
