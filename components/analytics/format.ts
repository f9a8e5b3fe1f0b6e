// Number formatting shared by the tiles, charts and tables.

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatPercent(share: number | null, digits = 1): string {
  return share === null ? "—" : `${(share * 100).toFixed(digits)}%`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** Axis label of a bucket: "Jan 5" for days, "Jan 5 14:00" for hours (UTC). */
export function formatBucket(bucket: string, granularity: "day" | "hour"): string {
  const date = new Date(bucket);
  const day = date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  return granularity === "hour" ? `${day} ${bucket.slice(11, 16)}` : day;
}
