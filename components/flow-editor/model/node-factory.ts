/**
 * New nodes with defaults a sales manager can fill in: what the palette adds. Defaults may still be
 * incomplete (an empty country list, no pool chosen); validation points at what is missing.
 */
import type { BranchCase, BranchPreset, FlowNode, NodeType, XY } from "./editor-types";
import { freshId } from "./flow-graph";

export interface CreateNodeOptions {
  /** Branch preset (territory, skill, intent or custom); ignored for other types. Default custom. */
  preset?: BranchPreset;
  /** Top-left corner on the canvas. Default 0, 0. */
  position?: XY;
}

/** Default labels, also used by the palette. */
export const DEFAULT_LABELS: Readonly<Record<Exclude<NodeType, "branch">, string>> = {
  source: "Incoming leads",
  score: "Lead score",
  pool: "Round-robin pool",
  assign: "Assign owner",
  fallback: "Fallback",
};

export const BRANCH_PRESET_LABELS: Readonly<Record<BranchPreset, string>> = {
  territory: "Territory",
  skill: "Skill",
  intent: "Intent",
  custom: "Decision",
};

/** The first case of a new branch, per preset: the rule a manager most likely writes first. */
function firstCase(preset: BranchPreset): BranchCase {
  switch (preset) {
    case "territory":
      return {
        id: "case-1",
        label: "Case 1",
        condition: { kind: "rule", field: "country", operator: "in_list", value: [] },
      };
    case "skill":
      return {
        id: "case-1",
        label: "Case 1",
        condition: { kind: "rule", field: "industry", operator: "in_list", value: [] },
      };
    case "intent":
      return {
        id: "case-1",
        label: "Hot leads",
        condition: { kind: "rule", field: "band", operator: "equals", value: "hot" },
      };
    case "custom":
      return {
        id: "case-1",
        label: "Case 1",
        condition: { kind: "rule", field: "", operator: "equals", value: "" },
      };
  }
}

/** Id prefix per type: "branch-2", "pool-1"… (the source is just "source" when free). */
const ID_PREFIX: Readonly<Record<NodeType, string>> = {
  source: "source",
  score: "score",
  branch: "branch",
  pool: "pool",
  assign: "assign",
  fallback: "fallback",
};

/** A fresh, readable node id for a type that is not in `existingIds`. */
export function newNodeId(type: NodeType, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  if (type === "source" && !taken.has("source")) return "source";
  return freshId(ID_PREFIX[type], taken);
}

/** A new node of `type` with sensible defaults and an id not in `existingIds`. */
export function createNode(
  type: NodeType,
  options: CreateNodeOptions = {},
  existingIds: Iterable<string> = [],
): FlowNode {
  const id = newNodeId(type, existingIds);
  const position = { x: options.position?.x ?? 0, y: options.position?.y ?? 0 };
  switch (type) {
    case "source":
      return { id, type, position, label: DEFAULT_LABELS.source, data: { channels: [], fields: [] } };
    case "score":
      return {
        id,
        type,
        position,
        label: DEFAULT_LABELS.score,
        data: { rules: [], bands: { hot: 60, warm: 30 } },
      };
    case "branch": {
      const preset = options.preset ?? "custom";
      return {
        id,
        type,
        position,
        label: BRANCH_PRESET_LABELS[preset],
        data: { preset, cases: [firstCase(preset)] },
      };
    }
    case "pool":
      return { id, type, position, label: DEFAULT_LABELS.pool, data: { poolId: "" } };
    case "assign":
      return {
        id,
        type,
        position,
        label: DEFAULT_LABELS.assign,
        data: { target: { kind: "rep", repId: "" } },
      };
    case "fallback":
      return {
        id,
        type,
        position,
        label: DEFAULT_LABELS.fallback,
        data: { target: { kind: "queue", queue: "Unassigned" } },
      };
  }
}
