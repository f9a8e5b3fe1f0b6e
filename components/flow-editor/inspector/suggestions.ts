/** Values the inspector suggests while typing a rule value, so people pick rather than spell. */
import { KNOWN_CHANNELS } from "@/engine";
import type { InspectorContext } from "../types";
import { COUNTRIES } from "./data/countries";
import { REGIONS } from "./data/regions";

export const BAND_VALUES = ["hot", "warm", "cold"] as const;

/** Typical values of an "intent" field (the lead's last action), as the flow templates write them. */
export const INTENT_SUGGESTIONS = [
  "demo_request",
  "pricing",
  "contact_sales",
  "support",
  "content_download",
  "webinar",
] as const;

export function valueSuggestions(
  field: string,
  context: Pick<InspectorContext, "skills" | "territories">,
): string[] {
  const name = field.toLowerCase();
  if (name === "band") return [...BAND_VALUES];
  if (name === "source") return [...KNOWN_CHANNELS];
  if (name.includes("country")) return COUNTRIES.map((c) => c.code);
  if (name === "state" || name === "province") return REGIONS.map((r) => r.code);
  if (name.includes("intent")) return [...INTENT_SUGGESTIONS];
  if (name.includes("skill") || name === "industry" || name === "language" || name === "product")
    return context.skills;
  if (name.includes("territor") || name === "region") return context.territories;
  return [];
}
