/**
 * The one place that gives each node type its colour. Class names are written out in full so
 * Tailwind finds them. Used by the node components, the palette and the minimap.
 *
 * | type     | colour  | why                                  |
 * | -------- | ------- | ------------------------------------ |
 * | source   | slate   | the neutral entry point              |
 * | score    | amber   | a rating, "how hot"                  |
 * | branch   | violet  | decisions (every preset)             |
 * | pool     | emerald | a team sharing leads                 |
 * | assign   | sky     | one owner                            |
 * | fallback | orange  | the catch-all (red is kept for problems) |
 *
 * Validation problems are red, test-run paths green, selection the brand blue.
 */
import type { NodeType } from "@/engine";

export interface NodeTheme {
  /** Short caption in the node header, e.g. "Branch". */
  caption: string;
  /** Header strip and palette swatch. */
  strip: string;
  /** Icon tile: background and icon colour. */
  icon: string;
  /** Palette item hover/focus border. */
  paletteHover: string;
  /** Minimap fill (hex: the minimap draws SVG). */
  minimap: string;
}

export const NODE_THEME: Readonly<Record<NodeType, NodeTheme>> = {
  source: {
    caption: "Source",
    strip: "bg-slate-600",
    icon: "bg-slate-100 text-slate-700",
    paletteHover: "hover:border-slate-400 focus-visible:border-slate-400",
    minimap: "#475569",
  },
  score: {
    caption: "Score",
    strip: "bg-amber-500",
    icon: "bg-amber-50 text-amber-700",
    paletteHover: "hover:border-amber-400 focus-visible:border-amber-400",
    minimap: "#f59e0b",
  },
  branch: {
    caption: "Branch",
    strip: "bg-violet-500",
    icon: "bg-violet-50 text-violet-700",
    paletteHover: "hover:border-violet-400 focus-visible:border-violet-400",
    minimap: "#8b5cf6",
  },
  pool: {
    caption: "Round-robin pool",
    strip: "bg-emerald-500",
    icon: "bg-emerald-50 text-emerald-700",
    paletteHover: "hover:border-emerald-400 focus-visible:border-emerald-400",
    minimap: "#10b981",
  },
  assign: {
    caption: "Assign owner",
    strip: "bg-sky-500",
    icon: "bg-sky-50 text-sky-700",
    paletteHover: "hover:border-sky-400 focus-visible:border-sky-400",
    minimap: "#0ea5e9",
  },
  fallback: {
    caption: "Fallback",
    strip: "bg-orange-500",
    icon: "bg-orange-50 text-orange-700",
    paletteHover: "hover:border-orange-400 focus-visible:border-orange-400",
    minimap: "#f97316",
  },
};

/** Edge colours (hex, for the arrow markers too). */
export const EDGE_COLORS = {
  normal: "#94a3b8",
  issue: "#ef4444",
  travelled: "#10b981",
} as const;
