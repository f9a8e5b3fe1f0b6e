// Date ranges of the analytics filter bar: whole UTC days, the end exclusive (matches the server).

export const PRESET_DAYS = [7, 30, 90] as const;
export type Preset = (typeof PRESET_DAYS)[number] | "custom";

const DAY_MS = 86_400_000;

export interface DateRange {
  from: Date;
  to: Date;
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The last `days` UTC days, today included. */
export function presetRange(days: number, now: Date = new Date()): DateRange {
  const to = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** `YYYY-MM-DD` of a UTC day, for date inputs. */
export function dayInputValue(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A custom range from two date inputs, both days included; null while either is incomplete. */
export function customRange(fromDay: string, toDay: string): DateRange | null {
  const from = new Date(`${fromDay}T00:00:00Z`);
  const last = new Date(`${toDay}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(last.getTime())) return null;
  return { from, to: new Date(last.getTime() + DAY_MS) };
}

export function rangeDays(range: DateRange): number {
  return Math.round((range.to.getTime() - range.from.getTime()) / DAY_MS);
}

/** Query string of the CSV export for the current filter. */
export function exportHref(range: DateRange, flowId: string, poolId: string): string {
  const params = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  if (flowId) params.set("flowId", flowId);
  if (poolId) params.set("poolId", poolId);
  return `/api/v1/analytics/export?${params.toString()}`;
}
