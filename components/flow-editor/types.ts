/**
 * Contracts shared by the flow editor's parts: the canvas (nodes, palette, history), the inspector
 * (one form per node type) and the test-run panel. Client-safe: engine types only.
 */
import type { FieldDecl, FlowNode, ValidationIssue } from "@/engine";

/** What the inspector needs to offer pickers instead of free text. Loaded once per editor. */
export interface InspectorContext {
  /** Fields declared by the flow's source node (the condition builder's field list). */
  fields: FieldDecl[];
  /** Every skill any rep of the workspace has, sorted. */
  skills: string[];
  /** Every territory any rep of the workspace covers, sorted. */
  territories: string[];
  pools: InspectorPool[];
  reps: Array<{ id: string; name: string; status: "active" | "away" | "inactive" }>;
  /** Queue names already used in the workspace's flows, for suggestions. */
  queues: string[];
}

export interface InspectorPool {
  id: string;
  name: string;
  strategy: "round_robin" | "weighted_round_robin" | "least_loaded";
  members: Array<{
    repId: string;
    name: string;
    weight: number;
    status: "active" | "away" | "inactive";
    awayUntil: Date | null;
    openLeads: number;
    capacity: number | null;
  }>;
}

/** Props of every per-type inspector form: a controlled editor of one node. */
export interface NodeInspectorProps<N extends FlowNode = FlowNode> {
  node: N;
  onChange: (node: N) => void;
  context: InspectorContext;
  /** Validation issues whose nodeId is this node (the form marks the fields at issue.path). */
  issues: ValidationIssue[];
  readOnly: boolean;
}

/** How the canvas shows one node after a test run. */
export interface NodeRunMark {
  /** visited = on the path; skipped = not reached; rejected = the lead stopped here (source filter). */
  status: "visited" | "rejected";
  /** One line: "country = DE → EMEA", "score 45 (warm)", "would pick Ana Schmidt". */
  note: string;
}

/** The canvas lights up the path of a test run. */
export interface RunHighlight {
  nodes: Record<string, NodeRunMark>;
  /** Ids of the edges the lead travelled along. */
  edgeIds: string[];
}
