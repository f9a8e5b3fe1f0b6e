/**
 * The branch steps of a decision's path, stored once per distinct path in branch_paths and referenced
 * by decisions.branch_path_id, so "conversion by branch" groups decisions by a small id (index-only)
 * instead of expanding every trace. Same definition as reading the trace: every step with nodeType
 * "branch", its label and the case taken (null for else), in path order.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { canonicalJson, type TraceStep } from "@/engine";
import type { Executor } from "@/server/db/client";

export interface BranchPath {
  /** Derived from the workspace and the content: the same path always gets the same id. */
  id: string;
  nodes: string[];
  /** The case label taken at each node; null when no case matched (else). */
  cases: Array<string | null>;
}

/** A UUID-shaped id from SHA-256 (version nibble 8: custom), so it fits the uuid column. */
function contentId(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function branchPathOf(workspaceId: string, trace: readonly TraceStep[]): BranchPath {
  const nodes: string[] = [];
  const cases: Array<string | null> = [];
  for (const step of trace) {
    if (step.nodeType !== "branch") continue;
    nodes.push(step.label);
    cases.push(step.detail.caseLabel);
  }
  return { id: contentId(canonicalJson([workspaceId, nodes, cases])), nodes, cases };
}

/** A JSON array of strings (nulls kept) as a text[] in order. */
export const textArray = (values: ReadonlyArray<string | null>) =>
  sql`array(select e from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) with ordinality as t(e, i) order by i)`;

/** Records the path unless it is known; safe under concurrency (a racing insert waits, then does nothing). */
export function insertBranchPath(db: Executor, workspaceId: string, path: BranchPath) {
  return db.execute(
    sql`insert into branch_paths (id, workspace_id, nodes, cases)
        values (${path.id}, ${workspaceId}, ${textArray(path.nodes)}, ${textArray(path.cases)})
        on conflict (id) do nothing`,
  );
}
