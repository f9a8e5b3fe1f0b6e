/** Small formatting helpers shared by the replay views. */

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatShare(part: number, whole: number): string {
  if (whole === 0) return "0%";
  const share = (part / whole) * 100;
  return `${share < 10 && share > 0 ? share.toFixed(1) : Math.round(share)}%`;
}

export function describeSource(
  source: { kind: "history"; days: number } | { kind: "csv"; fileName: string; rows: number },
): string {
  return source.kind === "history"
    ? `Last ${source.days} day${source.days === 1 ? "" : "s"} of leads`
    : `${source.fileName} (${formatCount(source.rows)} rows)`;
}

export function describeCandidate(
  candidate: { kind: "draft" } | { kind: "version"; number: number | null },
): string {
  return candidate.kind === "draft" ? "Draft" : `Version ${candidate.number ?? "?"}`;
}
