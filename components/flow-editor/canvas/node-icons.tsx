/** Small line icons for the node types (24×24 grid, drawn with the current text colour). */
import type { NodeType } from "@/engine";

const PATHS: Readonly<Record<NodeType, string>> = {
  // An arrow into a tray: leads come in.
  source: "M12 3v11m0 0-4-4m4 4 4-4M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4",
  // A gauge.
  score: "M4 16a8 8 0 1 1 16 0M12 16l4-5M7 16h.01M17 16h.01",
  // One path splitting in two.
  branch: "M12 3v6m0 0-6 6v6m6-12 6 6v6",
  // Two people.
  pool: "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 9a6 6 0 0 1 12 0m1-9a2.5 2.5 0 1 0 0-5m2 14a5 5 0 0 0-3-4.6",
  // A person with a tick.
  assign: "M10 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10a7 7 0 0 1 11-5.7M16 19l2 2 4-4",
  // A life buoy.
  fallback:
    "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-5a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM5.6 5.6l3.6 3.6m5.6 5.6 3.6 3.6m0-12.8-3.6 3.6m-5.6 5.6-3.6 3.6",
};

export function NodeIcon({ type, className = "h-3.5 w-3.5" }: { type: NodeType; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
    >
      <path d={PATHS[type]} />
    </svg>
  );
}
