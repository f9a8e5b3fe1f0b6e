import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "@/engine";

export interface WeightedArm {
  weight: number;
}

/**
 * The value that keeps a lead on one arm: the flow's sticky field, normalised (strings trimmed and
 * lower-cased), or the lead's canonical JSON when the field is missing or blank.
 */
export function stickyKey(lead: Record<string, unknown>, field: string): string {
  const value = Object.hasOwn(lead, field) ? lead[field] : undefined;
  if (typeof value === "string" && value.trim() !== "") return value.trim().toLowerCase();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && value !== null) return canonicalJson(value as JsonValue);
  return canonicalJson(lead as JsonValue);
}

/**
 * Deterministic weighted choice: sha256("<seed>:<key>") → a bucket in [0, total weight). The seed is
 * the deployment id, so each experiment splits independently and every process agrees on the arm.
 */
export function chooseArm<A extends WeightedArm>(arms: readonly A[], seed: string, key: string): A {
  const first = arms[0];
  if (!first) throw new Error("chooseArm: no arms");
  if (arms.length === 1) return first;
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  // 48 bits of the hash: the modulo bias for totals up to a few thousand is far below 1e-9.
  let bucket = createHash("sha256").update(`${seed}:${key}`).digest().readUIntBE(0, 6) % total;
  for (const arm of arms) {
    if (bucket < arm.weight) return arm;
    bucket -= arm.weight;
  }
  return first;
}
