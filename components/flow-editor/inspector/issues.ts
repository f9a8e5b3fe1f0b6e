/** Finds the validation issues that concern one input of the inspector, by their `path` inside the node. */
import type { ValidationIssue } from "@/engine";

export type IssuePath = ReadonlyArray<string | number>;

function startsWith(path: IssuePath, prefix: IssuePath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** Issues located exactly at `path`. */
export function issuesAt(issues: readonly ValidationIssue[], path: IssuePath): ValidationIssue[] {
  return issues.filter(
    (issue) => issue.path !== undefined && issue.path.length === path.length && startsWith(issue.path, path),
  );
}

/** Issues located at `prefix` or anywhere inside it. */
export function issuesUnder(issues: readonly ValidationIssue[], prefix: IssuePath): ValidationIssue[] {
  return issues.filter((issue) => issue.path !== undefined && startsWith(issue.path, prefix));
}

/** The messages joined into one line (for a tooltip), or undefined when there are none. */
export function issueText(issues: readonly ValidationIssue[]): string | undefined {
  return issues.length === 0 ? undefined : issues.map((issue) => issue.message).join(" ");
}
