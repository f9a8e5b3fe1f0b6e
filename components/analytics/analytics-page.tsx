"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo, useState } from "react";
import {
  DistributionChart,
  FallbackChart,
  UtilisationChart,
  VolumeChart,
} from "@/components/analytics/charts";
import { formatCount, formatDuration, formatMs, formatPercent } from "@/components/analytics/format";
import {
  customRange,
  type DateRange,
  dayInputValue,
  exportHref,
  PRESET_DAYS,
  type Preset,
  presetRange,
  rangeDays,
} from "@/components/analytics/range";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Select, TextInput } from "@/components/ui/field";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";
import { EXPORT_ROW_CAP, MAX_HOURLY_RANGE_DAYS, MAX_RANGE_DAYS } from "@/server/services/analytics-input";

type Dashboard = RouterOutputs["analytics"]["dashboard"];
type StackBy = "flow" | "arm";

export function AnalyticsPage() {
  const trpc = useTRPC();
  const [preset, setPreset] = useState<Preset>(30);
  const initial = useMemo(() => presetRange(30), []);
  const [customFrom, setCustomFrom] = useState(dayInputValue(initial.from));
  const [customTo, setCustomTo] = useState(dayInputValue(new Date(initial.to.getTime() - 86_400_000)));
  const [flowId, setFlowId] = useState("");
  const [poolId, setPoolId] = useState("");
  const [hourly, setHourly] = useState(false);
  const [stackBy, setStackBy] = useState<StackBy>("flow");
  const flows = useQuery(trpc.flows.list.queryOptions());
  const pools = useQuery(trpc.pools.list.queryOptions());

  const range: DateRange | null = useMemo(
    () => (preset === "custom" ? customRange(customFrom, customTo) : presetRange(preset)),
    [preset, customFrom, customTo],
  );
  const days = range ? rangeDays(range) : 0;
  const rangeProblem = !range
    ? "Pick both dates."
    : days <= 0
      ? "The start date must be on or before the end date."
      : days > MAX_RANGE_DAYS
        ? `Pick at most ${MAX_RANGE_DAYS} days.`
        : null;
  const granularity = hourly && days <= MAX_HOURLY_RANGE_DAYS ? "hour" : "day";
  const dashboard = useQuery({
    ...trpc.analytics.dashboard.queryOptions({
      from: range?.from ?? new Date(0),
      to: range?.to ?? new Date(0),
      flowId: flowId || undefined,
      poolId: poolId || undefined,
      granularity,
    }),
    enabled: range !== null && rangeProblem === null,
    placeholderData: keepPreviousData,
  });
  const data = dashboard.data;

  return (
    <div className="space-y-5">
      <Card className="flex flex-wrap items-center gap-2 px-5 py-4">
        <fieldset className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
          <legend className="sr-only">Date range</legend>
          {[...PRESET_DAYS, "custom" as const].map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={preset === p}
              onClick={() => setPreset(p)}
              className={`px-3 py-2 text-sm font-medium first-of-type:rounded-l-md last-of-type:rounded-r-md ${
                preset === p ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {p === "custom" ? "Custom" : `${p} days`}
            </button>
          ))}
        </fieldset>
        {preset === "custom" ? (
          <>
            <TextInput
              type="date"
              aria-label="From"
              value={customFrom}
              onChange={(e) => setCustomFrom(e.target.value)}
              className="w-40"
            />
            <span className="text-sm text-slate-400">to</span>
            <TextInput
              type="date"
              aria-label="To"
              value={customTo}
              onChange={(e) => setCustomTo(e.target.value)}
              className="w-40"
            />
          </>
        ) : null}
        <Select aria-label="Flow" value={flowId} onChange={(e) => setFlowId(e.target.value)} className="w-48">
          <option value="">All flows</option>
          {flows.data?.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
        <Select aria-label="Pool" value={poolId} onChange={(e) => setPoolId(e.target.value)} className="w-44">
          <option value="">All pools</option>
          {pools.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Granularity"
          value={granularity}
          onChange={(e) => setHourly(e.target.value === "hour")}
          className="w-32"
        >
          <option value="day">By day</option>
          <option value="hour" disabled={days > MAX_HOURLY_RANGE_DAYS}>
            By hour
          </option>
        </Select>
        <div className="ml-auto flex items-center gap-3">
          {dashboard.isFetching ? <span className="text-xs text-slate-400">Updating…</span> : null}
          {range && !rangeProblem ? (
            <a
              href={exportHref(range, flowId, poolId)}
              download
              title={`Decisions in this filter as CSV, oldest first; at most ${formatCount(EXPORT_ROW_CAP)} rows`}
              className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
            >
              Export CSV
            </a>
          ) : null}
        </div>
        <p className="basis-full text-xs text-slate-500">
          Days are UTC. The CSV export holds up to {formatCount(EXPORT_ROW_CAP)} decisions of this filter.
        </p>
      </Card>

      <ErrorNote message={rangeProblem ?? dashboard.error?.message} />

      {!data ? (
        dashboard.isLoading ? (
          <p className="px-1 text-sm text-slate-500">Loading analytics…</p>
        ) : null
      ) : data.kpis.leadsRouted === 0 ? (
        <>
          <KpiTiles data={data} />
          <EmptyState title="No leads routed in this range">
            Widen the date range or clear the flow and pool filters. Leads appear here as soon as a published
            flow routes them.
          </EmptyState>
          <UtilisationCard data={data} />
        </>
      ) : (
        <>
          <KpiTiles data={data} />
          <div className="grid gap-5 xl:grid-cols-3">
            <ChartCard
              className="xl:col-span-2"
              title="Leads routed"
              subtitle={`Per ${data.range.granularity}, stacked by ${stackBy === "flow" ? "flow" : "flow version (A/B arm)"}`}
              actions={
                <Select
                  aria-label="Stack by"
                  value={stackBy}
                  onChange={(e) => setStackBy(e.target.value as StackBy)}
                  className="w-36"
                >
                  <option value="flow">By flow</option>
                  <option value="arm">By version</option>
                </Select>
              }
            >
              <VolumeChart
                buckets={data.volume.buckets}
                series={stackBy === "flow" ? data.volume.byFlow : data.volume.byArm}
                granularity={data.range.granularity}
              />
            </ChartCard>
            <ChartCard
              title="Fallback share"
              subtitle="Leads that ended at a fallback node: a rising line means rules miss leads"
            >
              <FallbackChart points={data.fallback} granularity={data.range.granularity} />
            </ChartCard>
          </div>
          <div className="grid gap-5 xl:grid-cols-2">
            <ChartCard
              title="Distribution vs weights"
              subtitle="Share of each pool's leads per rep, against the share its weights predict (equal split for round robin and least loaded)"
            >
              {data.pools.length === 0 ? (
                <p className="py-6 text-center text-sm text-slate-500">
                  No pool routed leads in this filter.
                </p>
              ) : (
                <div className="space-y-5">
                  {data.pools.map((pool) => (
                    <div key={pool.poolId}>
                      <p className="mb-1 flex items-center gap-2 text-sm font-medium text-slate-800">
                        {pool.poolName}
                        <Badge>{pool.strategy.replaceAll("_", " ")}</Badge>
                        <span className="text-xs font-normal text-slate-500">
                          {formatCount(pool.leads)} leads
                        </span>
                      </p>
                      <DistributionChart pool={pool} />
                    </div>
                  ))}
                </div>
              )}
            </ChartCard>
            <UtilisationCard data={data} />
          </div>
          <div className="grid gap-5 xl:grid-cols-2">
            <ConversionByBranch data={data} />
            <ConversionByRep data={data} />
          </div>
        </>
      )}
    </div>
  );
}

function KpiTiles({ data }: { data: Dashboard }) {
  const k = data.kpis;
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5">
      <Tile label="Leads routed" value={formatCount(k.leadsRouted)} />
      <Tile
        label="Fallback share"
        value={formatPercent(k.fallbackShare)}
        hint={`${formatCount(k.fallbackLeads)} leads hit a fallback`}
        tone={k.fallbackShare !== null && k.fallbackShare > 0.1 ? "warn" : "plain"}
      />
      <Tile
        label="Median assignment latency"
        value={formatMs(k.assignmentLatencyP50Ms)}
        hint={`p95 ${formatMs(k.assignmentLatencyP95Ms)}`}
      />
      <Tile
        label="Median time to first contact"
        value={formatDuration(k.timeToFirstContactP50Seconds)}
        hint={`${formatCount(k.contactedLeads)} leads contacted`}
      />
      <Tile
        label="Conversion rate"
        value={formatPercent(k.conversionRate)}
        hint={`${formatCount(k.wonLeads)} won${k.wonValue > 0 ? ` · ${formatCount(Math.round(k.wonValue))} value` : ""}`}
      />
    </div>
  );
}

function Tile({
  label,
  value,
  hint,
  tone = "plain",
}: {
  label: string;
  value: string;
  hint?: string;
  tone?: "plain" | "warn";
}) {
  return (
    <Card className="px-4 py-3">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "warn" ? "text-rose-600" : "text-slate-900"}`}
      >
        {value}
      </p>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
    </Card>
  );
}

function ChartCard({
  title,
  subtitle,
  actions,
  className = "",
  children,
}: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card className={`px-5 py-4 ${className}`}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          {subtitle ? <p className="text-xs text-slate-500">{subtitle}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </Card>
  );
}

function UtilisationCard({ data }: { data: Dashboard }) {
  return (
    <ChartCard title="Rep utilisation now" subtitle="Open leads against capacity, active and away reps">
      {data.utilisation.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No active or away reps in this filter.</p>
      ) : (
        <UtilisationChart reps={data.utilisation} />
      )}
    </ChartCard>
  );
}

function RateBar({ rate }: { rate: number }) {
  return (
    <div className="flex items-center justify-end gap-2">
      <div className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100">
        <div
          className="h-full rounded-full bg-emerald-500"
          style={{ width: `${Math.min(100, rate * 100)}%` }}
        />
      </div>
      <span className="w-12 text-right tabular-nums">{formatPercent(rate)}</span>
    </div>
  );
}

function ConversionByBranch({ data }: { data: Dashboard }) {
  return (
    <ChartCard title="Conversion by branch" subtitle="Each branch case taken on the lead's path; won ÷ leads">
      {data.branches.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">
          No branch nodes on the paths in this filter.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 font-medium">Branch</th>
              <th className="py-2 text-right font-medium">Leads</th>
              <th className="py-2 text-right font-medium">Won</th>
              <th className="py-2 text-right font-medium">Conversion</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.branches.map((b) => (
              <tr key={`${b.flowId}:${b.node}:${b.branch}`}>
                <td className="py-2">
                  <span className="font-medium text-slate-900">{b.node}</span>
                  <span className="text-slate-400"> → </span>
                  <span className="text-slate-700">{b.branch}</span>
                  {data.volume.byFlow.length > 1 ? (
                    <span className="block text-xs text-slate-400">{b.flowName}</span>
                  ) : null}
                </td>
                <td className="py-2 text-right tabular-nums">{formatCount(b.leads)}</td>
                <td className="py-2 text-right tabular-nums">{formatCount(b.won)}</td>
                <td className="py-2">
                  <RateBar rate={b.conversionRate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartCard>
  );
}

function ConversionByRep({ data }: { data: Dashboard }) {
  return (
    <ChartCard title="Conversion by rep" subtitle="Leads each rep got in this filter, contacted and won">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 font-medium">Rep</th>
            <th className="py-2 text-right font-medium">Leads</th>
            <th className="py-2 text-right font-medium">Contacted</th>
            <th className="py-2 text-right font-medium">Won</th>
            <th className="py-2 text-right font-medium">Conversion</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.reps.map((r) => (
            <tr key={r.repId ?? "none"}>
              <td className={`py-2 ${r.repId ? "font-medium text-slate-900" : "italic text-slate-500"}`}>
                {r.repName}
              </td>
              <td className="py-2 text-right tabular-nums">{formatCount(r.leads)}</td>
              <td className="py-2 text-right tabular-nums">{formatCount(r.contacted)}</td>
              <td className="py-2 text-right tabular-nums">{formatCount(r.won)}</td>
              <td className="py-2">
                <RateBar rate={r.conversionRate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
