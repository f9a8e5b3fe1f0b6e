/**
 * Adds what the canvas shows on top of the editor state: validation issues (red nodes and edges) and
 * a test run (green path, the rest dimmed). Objects are reused while a node's or edge's decoration
 * is unchanged, so a new issues list or run re-renders only what it changes.
 */
import { MarkerType } from "@xyflow/react";
import type { ValidationIssue } from "@/engine";
import type { FlowRfEdge, FlowRfNode, NodeView } from "../model/rf-convert";
import type { NodeRunMark, RunHighlight } from "../types";
import { EDGE_COLORS } from "./node-theme";

export interface Decorations {
  issuesByNode: ReadonlyMap<string, readonly ValidationIssue[]>;
  issueEdgeIds: ReadonlySet<string>;
  highlight: RunHighlight | null;
}

const NO_ISSUES: readonly ValidationIssue[] = [];

export function indexIssues(issues: readonly ValidationIssue[]): Omit<Decorations, "highlight"> {
  const issuesByNode = new Map<string, ValidationIssue[]>();
  const issueEdgeIds = new Set<string>();
  for (const issue of issues) {
    if (issue.nodeId !== undefined) {
      const list = issuesByNode.get(issue.nodeId);
      if (list === undefined) issuesByNode.set(issue.nodeId, [issue]);
      else list.push(issue);
    }
    if (issue.edgeId !== undefined) issueEdgeIds.add(issue.edgeId);
  }
  return { issuesByNode, issueEdgeIds };
}

type EdgeState = "normal" | "issue" | "travelled" | "dimmed";

const EDGE_MARKERS: Readonly<Record<EdgeState, FlowRfEdge["markerEnd"]>> = {
  normal: { type: MarkerType.ArrowClosed, color: EDGE_COLORS.normal, width: 18, height: 18 },
  dimmed: { type: MarkerType.ArrowClosed, color: EDGE_COLORS.normal, width: 18, height: 18 },
  issue: { type: MarkerType.ArrowClosed, color: EDGE_COLORS.issue, width: 18, height: 18 },
  travelled: { type: MarkerType.ArrowClosed, color: EDGE_COLORS.travelled, width: 18, height: 18 },
};

interface NodeEntry {
  base: FlowRfNode;
  issuesKey: string;
  mark: NodeRunMark | null;
  dimmed: boolean;
  result: FlowRfNode;
}

interface EdgeEntry {
  base: FlowRfEdge;
  state: EdgeState;
  result: FlowRfEdge;
}

export interface Decorator {
  nodes(nodes: readonly FlowRfNode[], decorations: Decorations): FlowRfNode[];
  edges(edges: readonly FlowRfEdge[], decorations: Decorations): FlowRfEdge[];
}

function issuesKey(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.code}\u0000${issue.message}`).join("\u0001");
}

export function createDecorator(): Decorator {
  let nodeCache = new Map<string, NodeEntry>();
  let edgeCache = new Map<string, EdgeEntry>();
  return {
    nodes(nodes, { issuesByNode, highlight }) {
      const next = new Map<string, NodeEntry>();
      const result = nodes.map((base) => {
        const issues = issuesByNode.get(base.id) ?? NO_ISSUES;
        const key = issuesKey(issues);
        const mark = highlight?.nodes[base.id] ?? null;
        const dimmed = highlight !== null && mark === null;
        const cached = nodeCache.get(base.id);
        const same =
          cached !== undefined &&
          cached.base === base &&
          cached.issuesKey === key &&
          cached.dimmed === dimmed &&
          (cached.mark === mark ||
            (cached.mark !== null &&
              mark !== null &&
              cached.mark.status === mark.status &&
              cached.mark.note === mark.note));
        const view: NodeView = { issues, mark, dimmed };
        const entry: NodeEntry =
          same && cached !== undefined
            ? cached
            : { base, issuesKey: key, mark, dimmed, result: { ...base, data: { ...base.data, view } } };
        next.set(base.id, entry);
        return entry.result;
      });
      nodeCache = next;
      return result;
    },
    edges(edges, { issueEdgeIds, highlight }) {
      const travelled = new Set(highlight?.edgeIds ?? []);
      const next = new Map<string, EdgeEntry>();
      const result = edges.map((base) => {
        const state: EdgeState = travelled.has(base.id)
          ? "travelled"
          : issueEdgeIds.has(base.id)
            ? "issue"
            : highlight !== null
              ? "dimmed"
              : "normal";
        const cached = edgeCache.get(base.id);
        const entry: EdgeEntry =
          cached !== undefined && cached.base === base && cached.state === state
            ? cached
            : {
                base,
                state,
                result: {
                  ...base,
                  animated: state === "travelled",
                  className: `sy-edge sy-edge--${state}`,
                  markerEnd: EDGE_MARKERS[state],
                  zIndex: state === "travelled" ? 1 : 0,
                },
              };
        next.set(base.id, entry);
        return entry.result;
      });
      edgeCache = next;
      return result;
    },
  };
}
