/**
 * The coalescing key of a node edit: "<node id>:<path of the one value that changed>", e.g.
 * "branch-1:data.cases.0.label". Edits that change several values, or add/remove items, get no key
 * and always form their own undo step.
 */
import type { FlowNode } from "./editor-types";

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Collects up to `limit` paths where `a` and `b` differ (a structural difference counts as one). */
function diffPaths(a: Json, b: Json, path: string, out: string[], limit: number): void {
  if (out.length >= limit || Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path}[]`);
      return;
    }
    for (let i = 0; i < a.length && out.length < limit; i += 1)
      diffPaths(a[i], b[i], `${path}.${i}`, out, limit);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (out.length >= limit) return;
      if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) out.push(`${path}.${key}{}`);
      else diffPaths(a[key], b[key], `${path}.${key}`, out, limit);
    }
    return;
  }
  out.push(path);
}

/** The key, or undefined when the edit is not a change of one scalar value of one node. */
export function nodeEditKey(before: FlowNode, after: FlowNode): string | undefined {
  if (before.id !== after.id) return undefined;
  const paths: string[] = [];
  diffPaths(before, after, "", paths, 2);
  const [only] = paths;
  if (paths.length !== 1 || only === undefined || only.endsWith("[]") || only.endsWith("{}"))
    return undefined;
  return `${after.id}:${only.slice(1)}`;
}
