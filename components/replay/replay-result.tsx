"use client";

import type { ReactNode } from "react";
import { formatCount, formatShare } from "@/components/replay/format";
import { Card } from "@/components/ui/page-header";
import type { ReplayResult } from "@/server/services/replay-result";

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {note ? <p className="text-xs text-slate-500">{note}</p> : null}
    </div>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <div className="border-b border-slate-200 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
      </div>
      <div className="px-5 py-4">{children}</div>
    </Card>
  );
}

/** Rows of label, a bar scaled to the largest count, the count and its share of all replayed leads. */
function BarTable({
  rows,
  total,
  empty,
}: {
  rows: Array<{ key: string; label: string; count: number }>;
  total: number;
  empty: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <table className="w-full text-sm">
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            <td
              className="w-2/5 max-w-0 truncate whitespace-nowrap py-1.5 pr-3 text-slate-800"
              title={row.label}
            >
              {row.label}
            </td>
            <td className="py-1.5">
              <div className="h-2 rounded-full bg-slate-100">
                <div
                  className="h-2 rounded-full bg-brand-500"
                  style={{ width: `${(row.count / max) * 100}%` }}
                />
              </div>
            </td>
            <td className="w-20 py-1.5 pl-3 text-right tabular-nums text-slate-700">
              {formatCount(row.count)}
            </td>
            <td className="w-14 py-1.5 pl-2 text-right tabular-nums text-xs text-slate-500">
              {formatShare(row.count, total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiffMatrix({ diff }: { diff: NonNullable<ReplayResult["diff"]> }) {
  const { matrix } = diff;
  if (diff.changed === 0) return <p className="text-sm text-slate-600">No lead would change owner.</p>;
  const peak = Math.max(...matrix.counts.flat(), 1);
  return (
    <div className="overflow-x-auto">
      <table className="text-sm">
        <thead>
          <tr>
            <th className="px-2 py-1.5 text-left text-xs font-medium text-slate-500">From ↓ / To →</th>
            {matrix.to.map((label) => (
              <th key={label} className="px-2 py-1.5 text-right text-xs font-medium text-slate-700">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.from.map((fromLabel, row) => (
            <tr key={fromLabel} className="border-t border-slate-100">
              <th className="px-2 py-1.5 text-left font-medium text-slate-700">{fromLabel}</th>
              {matrix.to.map((toLabel, column) => {
                const value = matrix.counts[row]?.[column] ?? 0;
                return (
                  <td
                    key={toLabel}
                    className="px-2 py-1.5 text-right tabular-nums"
                    style={
                      value > 0
                        ? { backgroundColor: `rgb(99 102 241 / ${0.08 + (value / peak) * 0.4})` }
                        : undefined
                    }
                  >
                    {value > 0 ? formatCount(value) : <span className="text-slate-300">·</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReplayResultView({ result, csv }: { result: ReplayResult; csv: boolean }) {
  const outcomeRows = [
    { key: "pool", label: "Rep from a pool", count: result.outcomes.pool },
    { key: "rep", label: "Fixed rep", count: result.outcomes.rep },
    { key: "queue", label: "Queue", count: result.outcomes.queue },
    { key: "rejected", label: "Rejected by source", count: result.outcomes.rejected },
  ].filter((r) => r.count > 0);
  const diff = result.diff;
  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Leads replayed" value={formatCount(result.leads)} />
        <Stat
          label="Would change owner"
          value={diff ? formatCount(diff.changed) : "—"}
          note={
            diff
              ? `${formatShare(diff.changed, diff.compared)} of ${formatCount(diff.compared)} compared`
              : "No live version to compare with"
          }
        />
        <Stat
          label="Fallback share"
          value={formatShare(result.fallback, result.leads)}
          note={`${formatCount(result.fallback)} leads ended at a fallback`}
        />
        <Stat
          label="Bad CSV rows"
          value={csv ? formatCount(result.badRowCount) : "—"}
          note={
            !csv
              ? "Past leads are replayed as stored"
              : result.badRowCount > 0
                ? "Left out; listed below"
                : "None"
          }
        />
      </div>

      {diff ? (
        <Section
          title="Who would get different leads"
          description={
            diff.baseline === "recorded"
              ? "Compared with what the live flow actually decided for these leads. Rows: today's owner; columns: the owner after the change. Changed leads only."
              : `Compared with the live version (v${diff.baselineVersion?.number ?? "?"}) replayed over the same leads the same way. Rows: its owner; columns: the new owner.`
          }
        >
          <DiffMatrix diff={diff} />
          {diff.topMoves.length > 0 ? (
            <ul className="mt-4 space-y-1 text-sm text-slate-700">
              {diff.topMoves.slice(0, 5).map((move) => (
                <li key={`${move.from}→${move.to}`}>
                  <span className="tabular-nums font-medium">{formatCount(move.count)}</span> from{" "}
                  <span className="font-medium">{move.from}</span> to{" "}
                  <span className="font-medium">{move.to}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-2">
        <Section title="Outcomes">
          <BarTable rows={outcomeRows} total={result.leads} empty="No leads were replayed." />
        </Section>
        <Section title="Per pool">
          <BarTable
            rows={result.pools.map((p) => ({ key: p.poolId, label: p.name, count: p.count }))}
            total={result.leads}
            empty="No lead reached a pool."
          />
        </Section>
        <Section title="Per rep" description="Pool picks and fixed assignments together.">
          <BarTable
            rows={result.reps.map((r) => ({ key: r.repId, label: r.name, count: r.count }))}
            total={result.leads}
            empty="No lead went to a rep."
          />
        </Section>
        <Section title="Per queue">
          <BarTable
            rows={result.queues.map((q) => ({ key: q.queue, label: q.queue, count: q.count }))}
            total={result.leads}
            empty="No lead went to a queue."
          />
        </Section>
      </div>

      {result.badRowCount > 0 ? (
        <Section
          title={`Bad CSV rows (${formatCount(result.badRowCount)})`}
          description="These rows were left out; the others were replayed. Line numbers are the file's."
        >
          <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto text-sm">
            {result.badRows.map((row) => (
              <li key={row.line} className="flex gap-3 py-1.5">
                <span className="w-16 shrink-0 tabular-nums text-slate-500">Line {row.line}</span>
                <span className="text-slate-800">{row.reason}</span>
              </li>
            ))}
          </ul>
          {result.badRows.length < result.badRowCount ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing the first {formatCount(result.badRows.length)}.
            </p>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
