"use client";

import { duration, money, percent } from "@/components/experiments/format";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Results = RouterOutputs["experiments"]["results"];

const METRIC_LABEL: Record<Results["metric"], string> = {
  won: "won",
  qualified: "qualified or won",
  meeting_booked: "meeting booked or later",
};

/** Per-arm numbers with the conversion interval drawn as a bar, and the verdict above them. */
export function ResultsTable({
  results,
  onPromote,
  promoting,
}: {
  results: Results;
  /** Shown per arm while the experiment runs and the viewer may edit. */
  onPromote?: ((versionId: string, label: string) => void) | undefined;
  promoting?: boolean;
}) {
  const { verdict } = results;
  const tone =
    verdict.state === "significant"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
      : verdict.state === "not_significant"
        ? "bg-slate-50 text-slate-700 ring-slate-200"
        : "bg-amber-50 text-amber-800 ring-amber-200";
  const best = verdict.state === "significant" ? verdict.best : null;
  return (
    <div className="space-y-3">
      <p
        className={`rounded-md px-3 py-2 text-sm font-medium ring-1 ${tone}`}
        data-testid="experiment-verdict"
      >
        {verdict.message}
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="experiment-results">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <th className="py-2 pr-4">Arm</th>
              <th className="py-2 pr-4 text-right">Leads</th>
              <th className="py-2 pr-4 text-right">Contacted</th>
              <th className="py-2 pr-4">Conversion ({METRIC_LABEL[results.metric]}) · 95% CI</th>
              <th className="py-2 pr-4 text-right">Median speed-to-lead</th>
              <th className="py-2 pr-4 text-right">Revenue</th>
              {onPromote ? <th className="py-2" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {results.arms.map((arm) => (
              <tr key={arm.versionId}>
                <td className="py-2.5 pr-4">
                  <div className="flex items-center gap-1.5">
                    <span className="font-semibold text-slate-900">{arm.label}</span>
                    <span className="text-xs text-slate-500">weight {arm.weight}</span>
                    {best === arm.label ? <Badge tone="green">leading</Badge> : null}
                  </div>
                </td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{arm.leads}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{percent(arm.contactRate)}</td>
                <td className="py-2.5 pr-4">
                  <div className="flex items-center gap-3">
                    <span className="w-14 tabular-nums font-medium text-slate-900">
                      {percent(arm.conversionRate)}
                    </span>
                    <IntervalBar interval={arm.conversionInterval} rate={arm.conversionRate} />
                    <span className="whitespace-nowrap text-xs tabular-nums text-slate-500">
                      {arm.conversionInterval
                        ? `${percent(arm.conversionInterval.low)} – ${percent(arm.conversionInterval.high)}`
                        : ""}
                    </span>
                  </div>
                </td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{duration(arm.medianSpeedToLeadMs)}</td>
                <td className="py-2.5 pr-4 text-right tabular-nums">{money(arm.revenue)}</td>
                {onPromote ? (
                  <td className="py-2.5 text-right">
                    <Button
                      size="sm"
                      variant={best === arm.label ? "primary" : "secondary"}
                      disabled={promoting}
                      onClick={() => onPromote(arm.versionId, arm.label)}
                    >
                      Promote {arm.label}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The interval on a 0–100% track, with the point estimate as a tick. */
function IntervalBar({
  interval,
  rate,
}: {
  interval: { low: number; high: number } | null;
  rate: number | null;
}) {
  return (
    <div className="relative h-2 w-32 shrink-0 rounded-full bg-slate-100" aria-hidden>
      {interval ? (
        <div
          className="absolute inset-y-0 rounded-full bg-brand-100"
          style={{
            left: `${interval.low * 100}%`,
            width: `${Math.max(1, (interval.high - interval.low) * 100)}%`,
          }}
        />
      ) : null}
      {rate !== null ? (
        <div
          className="absolute -top-0.5 h-3 w-0.5 rounded bg-brand-700"
          style={{ left: `${rate * 100}%` }}
        />
      ) : null}
    </div>
  );
}
