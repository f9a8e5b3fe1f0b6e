/** Display helpers for experiment numbers; "–" where there is nothing to show yet. */

export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? "–" : `${(rate * 100).toFixed(digits)}%`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "–";
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes.toFixed(minutes < 10 ? 1 : 0)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

export function money(value: number): string {
  return new Intl.NumberFormat("en", { maximumFractionDigits: 0 }).format(value);
}

/** "80% / 20%" from integer weights. */
export function splitPreview(weights: number[]): string {
  const total = weights.reduce((sum, w) => sum + (Number.isFinite(w) && w > 0 ? w : 0), 0);
  if (total === 0) return "–";
  return weights
    .map((w) => `${Math.round(((Number.isFinite(w) && w > 0 ? w : 0) / total) * 1000) / 10}%`)
    .join(" / ");
}
