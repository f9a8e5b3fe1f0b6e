"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBucket, formatPercent } from "@/components/analytics/format";
import type { RouterOutputs } from "@/components/trpc/types";

type Dashboard = RouterOutputs["analytics"]["dashboard"];
type Granularity = "day" | "hour";

export const SERIES_COLORS = [
  "#3b6cf6",
  "#10b981",
  "#f59e0b",
  "#8b5cf6",
  "#ef4444",
  "#06b6d4",
  "#ec4899",
  "#84cc16",
  "#94a3b8",
];
/** More series than this fold into "Other", so the legend stays readable. */
const MAX_SERIES = SERIES_COLORS.length - 1;

const AXIS = { fontSize: 11, fill: "#64748b" };
const GRID = "#e2e8f0";

type Series = Dashboard["volume"]["byFlow"][number];

/** Series rows for a stacked chart: the biggest series kept, the rest summed into "Other". */
export function stackRows(
  buckets: string[],
  series: Series[],
): { keys: Array<{ key: string; label: string }>; rows: Array<Record<string, number | string>> } {
  const kept = series.slice(0, MAX_SERIES);
  const rest = series.slice(MAX_SERIES);
  const keys = kept.map((s, i) => ({ key: `s${i}`, label: s.label }));
  if (rest.length > 0) keys.push({ key: "other", label: `Other (${rest.length})` });
  const rows = buckets.map((bucket, b) => {
    const row: Record<string, number | string> = { bucket };
    kept.forEach((s, i) => {
      row[`s${i}`] = s.counts[b] ?? 0;
    });
    if (rest.length > 0) row.other = rest.reduce((sum, s) => sum + (s.counts[b] ?? 0), 0);
    return row;
  });
  return { keys, rows };
}

export function VolumeChart({
  buckets,
  series,
  granularity,
}: {
  buckets: string[];
  series: Series[];
  granularity: Granularity;
}) {
  const { keys, rows } = stackRows(buckets, series);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="bucket"
          tick={AXIS}
          tickFormatter={(b: string) => formatBucket(b, granularity)}
          minTickGap={24}
        />
        <YAxis tick={AXIS} allowDecimals={false} />
        <Tooltip labelFormatter={(b) => formatBucket(String(b), granularity)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((k, i) => (
          <Bar
            key={k.key}
            dataKey={k.key}
            name={k.label}
            stackId="volume"
            fill={SERIES_COLORS[i % SERIES_COLORS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function FallbackChart({
  points,
  granularity,
}: {
  points: Dashboard["fallback"];
  granularity: Granularity;
}) {
  const rows = points.map((p) => ({
    bucket: p.bucket,
    share: p.share === null ? null : Math.round(p.share * 1000) / 10,
  }));
  // A line needs two points: a range with leads on a single day (or hour) shows that one as a dot.
  const single = rows.filter((r) => r.share !== null).length === 1;
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="bucket"
          tick={AXIS}
          tickFormatter={(b: string) => formatBucket(b, granularity)}
          minTickGap={24}
        />
        <YAxis tick={AXIS} unit="%" domain={[0, "auto"]} />
        <Tooltip
          labelFormatter={(b) => formatBucket(String(b), granularity)}
          formatter={(value) => [value === null ? "no leads" : `${String(value)}%`, "Fallback share"]}
        />
        <Line
          type="monotone"
          dataKey="share"
          stroke="#ef4444"
          strokeWidth={2}
          dot={single ? { r: 4, fill: "#ef4444", strokeWidth: 0 } : false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

type Pool = Dashboard["pools"][number];

/** Actual share of each member beside the share its weight (or an equal split) leads to expect. */
export function DistributionChart({ pool }: { pool: Pool }) {
  const rows = pool.members.map((m) => ({
    name: m.repName,
    expected: m.expectedShare === null ? null : Math.round(m.expectedShare * 1000) / 10,
    actual: Math.round(m.actualShare * 1000) / 10,
    leads: m.leads,
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 36 * rows.length + 48)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis type="number" tick={AXIS} unit="%" domain={[0, 100]} />
        <YAxis type="category" dataKey="name" tick={AXIS} width={110} />
        <Tooltip formatter={(value, name) => [value === null ? "not a member" : `${String(value)}%`, name]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="expected" name="Expected (weights)" fill="#cbd5e1" isAnimationActive={false} />
        <Bar dataKey="actual" name="Actual" fill="#3b6cf6" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

type Utilisation = Dashboard["utilisation"];

export function UtilisationChart({ reps }: { reps: Utilisation }) {
  const rows = reps.map((r) => ({
    name: r.repName,
    open: r.openLeads,
    capacity: r.capacity,
    label: r.utilisation === null ? "no cap" : formatPercent(r.utilisation, 0),
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 30 * rows.length + 48)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis type="number" tick={AXIS} allowDecimals={false} />
        <YAxis type="category" dataKey="name" tick={AXIS} width={110} />
        <Tooltip
          formatter={(value, name) => [
            value === null || value === undefined ? "no cap" : String(value),
            name,
          ]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="open" name="Open leads" fill="#3b6cf6" isAnimationActive={false} />
        <Bar dataKey="capacity" name="Capacity" fill="#e2e8f0" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
