"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { describeCandidate, describeSource, formatCount, formatShare } from "@/components/replay/format";
import { ReplayStatusBadge } from "@/components/replay/status-badge";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/page-header";

/** The flow's past replays, newest first; each links to its own page. */
export function ReplayRunsList({ flowId, activeRunId }: { flowId: string; activeRunId: string | null }) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.replay.list.queryOptions({ flowId }),
    // Keep statuses fresh while something is still going.
    refetchInterval: (query) =>
      query.state.data?.some((r) => r.status === "queued" || r.status === "running") ? 2000 : false,
  });
  return (
    <Card className="h-fit">
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        Past replays
      </h2>
      {runs.isLoading ? (
        <p className="px-4 py-6 text-sm text-slate-500">Loading…</p>
      ) : !runs.data || runs.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No replays yet.</p>
      ) : (
        <ul className="max-h-[32rem] divide-y divide-slate-100 overflow-y-auto">
          {runs.data.map((run) => (
            <li key={run.id}>
              <Link
                href={`/flows/${flowId}/replay/${run.id}`}
                className={`block px-4 py-3 text-sm hover:bg-slate-50 ${run.id === activeRunId ? "bg-brand-50/60" : ""}`}
                aria-current={run.id === activeRunId ? "page" : undefined}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{describeCandidate(run.candidate)}</span>
                  <ReplayStatusBadge status={run.status} />
                </div>
                <p className="mt-0.5 truncate text-xs text-slate-500">{describeSource(run.leadSource)}</p>
                <p className="mt-0.5 text-xs text-slate-400">
                  {run.createdAt.toLocaleString()}
                  {run.createdByName ? ` · ${run.createdByName}` : ""}
                </p>
                {run.summary ? (
                  <p className="mt-1 text-xs text-slate-600">
                    {formatCount(run.summary.leads)} leads
                    {run.summary.changed !== null
                      ? ` · ${formatCount(run.summary.changed)} change owner (${formatShare(run.summary.changed, run.summary.leads)})`
                      : ""}
                  </p>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
