/** What the palette offers: one item per node type, the branch once per preset. */
import type { BranchPreset, NodeType } from "@/engine";

export interface PaletteItem {
  type: NodeType;
  preset?: BranchPreset;
  title: string;
  /** One plain-language sentence: what the node does for the lead. */
  description: string;
  /** data-testid: palette-<type> or palette-branch-<preset>. */
  testId: string;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  {
    type: "source",
    title: "Source",
    description: "Where leads enter. A flow has exactly one.",
    testId: "palette-source",
  },
  {
    type: "score",
    title: "Score",
    description: "Adds points for what a lead is or did, and rates it hot, warm or cold.",
    testId: "palette-score",
  },
  {
    type: "branch",
    preset: "territory",
    title: "Branch: Territory",
    description: "Sends leads down a path by country or state.",
    testId: "palette-branch-territory",
  },
  {
    type: "branch",
    preset: "skill",
    title: "Branch: Skill",
    description: "Picks a path by industry, product, language or company size.",
    testId: "palette-branch-skill",
  },
  {
    type: "branch",
    preset: "intent",
    title: "Branch: Intent",
    description: "Separates hot leads and buying signals from the rest.",
    testId: "palette-branch-intent",
  },
  {
    type: "branch",
    preset: "custom",
    title: "Branch: Custom",
    description: "Your own conditions on any lead field.",
    testId: "palette-branch-custom",
  },
  {
    type: "pool",
    title: "Round-robin pool",
    description: "Shares leads fairly among the reps of a team.",
    testId: "palette-pool",
  },
  {
    type: "assign",
    title: "Assign owner",
    description: "Gives the lead to one rep or a queue.",
    testId: "palette-assign",
  },
  {
    type: "fallback",
    title: "Fallback",
    description: "Catch-all: where leads go when nothing else fits.",
    testId: "palette-fallback",
  },
];

/** MIME type of a palette item being dragged onto the canvas. */
export const PALETTE_DRAG_TYPE = "application/x-switchyard-node";
