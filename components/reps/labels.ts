import type { BadgeTone } from "@/components/ui/badge";

export const STRATEGY_LABELS = {
  round_robin: "Round robin",
  weighted_round_robin: "Weighted round robin",
  least_loaded: "Least loaded",
} as const;

export const STRATEGY_HINTS = {
  round_robin: "Takes turns in order; everyone gets the same share.",
  weighted_round_robin: "Takes turns in proportion to weights: weight 2 gets twice the leads, interleaved.",
  least_loaded: "Picks the rep with the lowest open leads relative to capacity.",
} as const;

export type RepStatus = "active" | "away" | "inactive";

export function statusTone(status: RepStatus): BadgeTone {
  return status === "active" ? "green" : status === "away" ? "amber" : "slate";
}

export function statusLabel(status: RepStatus, awayUntil: Date | null): string {
  if (status === "away") return awayUntil ? `Away until ${awayUntil.toLocaleDateString()}` : "Away";
  return status === "active" ? "Active" : "Deactivated";
}
