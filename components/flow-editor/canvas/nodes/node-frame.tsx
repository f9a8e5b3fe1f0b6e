"use client";

/**
 * The frame every node type shares: coloured header strip and icon, label, one-line summary, the
 * input handle, validation and test-run decoration. Node components add their outputs as children.
 */
import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { FlowNode, ValidationIssue } from "@/engine";
import { hasInput, TARGET_HANDLE_ID } from "../../model/handles";
import { nodeSize } from "../../model/node-size";
import type { NodeView } from "../../model/rf-convert";
import { nodeSummary } from "../../model/summary";
import { useCanvasSettings } from "../canvas-settings";
import { NodeIcon } from "../node-icons";
import { NODE_THEME } from "../node-theme";

const PRESET_CAPTIONS: Readonly<Record<string, string>> = {
  territory: "Branch · Territory",
  skill: "Branch · Skill",
  intent: "Branch · Intent",
  custom: "Branch · Custom",
};

function caption(node: FlowNode): string {
  if (node.type === "branch") return PRESET_CAPTIONS[node.data.preset] ?? NODE_THEME.branch.caption;
  return NODE_THEME[node.type].caption;
}

function issuesTitle(issues: readonly ValidationIssue[]): string {
  const head = issues.length === 1 ? "1 problem:" : `${issues.length} problems:`;
  return [head, ...issues.map((issue) => `• ${issue.message}`)].join("\n");
}

function ringClass(view: NodeView | undefined): string {
  if (view === undefined) return "";
  if (view.issues.length > 0) return "ring-2 ring-red-500";
  if (view.mark?.status === "visited") return "ring-2 ring-emerald-500";
  if (view.mark?.status === "rejected") return "ring-2 ring-amber-500";
  return "";
}

export interface NodeFrameProps {
  node: FlowNode;
  view: NodeView | undefined;
  selected: boolean;
  children?: ReactNode;
}

export function NodeFrame({ node, view, selected, children }: NodeFrameProps) {
  const { names } = useCanvasSettings();
  const theme = NODE_THEME[node.type];
  const size = nodeSize(node);
  const issues = view?.issues ?? [];
  const mark = view?.mark ?? null;
  const label = node.label?.trim() || node.id;
  const summary = nodeSummary(node, names);
  const classes = [
    "sy-node relative flex flex-col rounded-lg border border-slate-200 bg-white text-left shadow-sm",
    ringClass(view),
    selected ? "outline-2 outline-offset-2 outline-brand-500" : "",
    // Dim the content, not the card: edges behind a dimmed node stay hidden.
    view?.dimmed ? "sy-node--dimmed *:opacity-40" : "",
  ]
    .filter((part) => part !== "")
    .join(" ");
  return (
    <div
      data-testid={`node-${node.id}`}
      data-node-type={node.type}
      data-issue-count={issues.length}
      data-run={mark?.status}
      className={classes}
      style={{ width: size.width, height: size.height }}
    >
      {hasInput(node) ? (
        <Handle
          type="target"
          position={Position.Top}
          id={TARGET_HANDLE_ID}
          className="sy-handle sy-handle-target"
          data-testid={`handle-${node.id}-${TARGET_HANDLE_ID}`}
        />
      ) : null}
      <div className={`h-1.5 shrink-0 rounded-t-[7px] ${theme.strip}`} />
      <div className="flex min-h-0 flex-1 flex-col justify-center gap-0.5 px-3 pb-2 pt-1.5">
        <div className="flex items-center gap-1.5">
          <span className={`flex h-5 w-5 shrink-0 items-center justify-center rounded ${theme.icon}`}>
            <NodeIcon type={node.type} />
          </span>
          <span className="truncate text-[10px] font-semibold uppercase tracking-wide text-slate-500">
            {caption(node)}
          </span>
          {issues.length > 0 ? (
            <span
              className="ml-auto shrink-0 cursor-help rounded-full bg-red-500 px-1.5 text-[10px] font-bold leading-4 text-white"
              role="img"
              title={issuesTitle(issues)}
              aria-label={issuesTitle(issues)}
              data-testid={`node-issues-${node.id}`}
            >
              {issues.length}
            </span>
          ) : null}
        </div>
        <div className="truncate text-sm font-semibold text-slate-900" title={label}>
          {label}
        </div>
        <div
          className="truncate text-xs text-slate-500"
          title={summary}
          data-testid={`node-summary-${node.id}`}
        >
          {summary}
        </div>
      </div>
      {children}
      {mark !== null ? (
        <div
          className={`absolute -top-7 left-0 max-w-full truncate rounded-full px-2 py-0.5 text-[11px] font-medium text-white shadow ${
            mark.status === "visited" ? "bg-emerald-600" : "bg-amber-600"
          }`}
          title={mark.note}
          data-testid={`node-note-${node.id}`}
        >
          {mark.note}
        </div>
      ) : null}
    </div>
  );
}

/** The plain "next" output at the bottom centre (source and score). */
export function NextHandle({ nodeId }: { nodeId: string }) {
  return (
    <Handle
      type="source"
      position={Position.Bottom}
      id="next"
      className="sy-handle sy-handle-source"
      data-testid={`handle-${nodeId}-next`}
    />
  );
}

export interface LabelledOutput {
  id: string;
  label: string;
  /** Tooltip, e.g. the case's condition in words. */
  title?: string;
  /** The else/no-eligible output: styled as the "otherwise" path. */
  otherwise?: boolean;
}

/**
 * A row of labelled outputs along the bottom edge, each label above its own handle, left to right
 * in evaluation order (the auto-layout keeps the targets in the same order).
 */
export function OutputRow({ nodeId, outputs }: { nodeId: string; outputs: readonly LabelledOutput[] }) {
  // Case ids are unique in a valid flow; while editing a duplicate must not break rendering.
  const seen = new Map<string, number>();
  const keyed = outputs.map((output) => {
    const count = (seen.get(output.id) ?? 0) + 1;
    seen.set(output.id, count);
    return { output, key: count === 1 ? output.id : `${output.id}#${count}` };
  });
  return (
    <div className="flex h-8 shrink-0 divide-x divide-slate-100 border-t border-slate-100">
      {keyed.map(({ output, key }) => (
        <div
          key={key}
          className="relative flex min-w-0 flex-1 items-start justify-center px-1 pt-1"
          title={output.title ?? output.label}
        >
          <span
            className={`truncate text-[11px] leading-4 ${
              output.otherwise ? "italic text-slate-400" : "font-medium text-slate-600"
            }`}
          >
            {output.label}
          </span>
          <Handle
            type="source"
            position={Position.Bottom}
            id={output.id}
            className={`sy-handle sy-handle-source ${output.otherwise ? "sy-handle-otherwise" : ""}`}
            data-testid={`handle-${nodeId}-${output.id}`}
          />
        </div>
      ))}
    </div>
  );
}
