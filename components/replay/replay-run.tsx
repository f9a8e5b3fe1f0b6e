"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describeCandidate, describeSource, formatCount } from "@/components/replay/format";
import { ReplayResultView } from "@/components/replay/replay-result";
import { ReplayStatusBadge } from "@/components/replay/status-badge";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, ErrorNote } from "@/components/ui/page-header";

const POLL_MS = 700;

/** One replay: a progress bar (polling `replay.get`) while it runs, its result once done. */
export function ReplayRun({ runId, flowId, canEdit }: { runId: string; flowId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery({
    ...trpc.replay.get.queryOptions({ runId }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "queued" || status === "running" ? POLL_MS : false;
    },
  });
  const cancel = useMutation(
    trpc.replay.cancel.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.replay.get.queryKey({ runId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.replay.list.queryKey({ flowId }) }),
        ]),
    }),
  );
  if (run.isLoading) return <Card className="p-5 text-sm text-slate-500">Loading replay…</Card>;
  if (run.error || !run.data) return <ErrorNote message={run.error?.message ?? "Replay not found"} />;
  const data = run.data;
  const active = data.status === "queued" || data.status === "running";
  const percent = data.total === 0 ? (active ? 0 : 100) : Math.min(100, (data.processed / data.total) * 100);

  return (
    <div className="space-y-6">
      <Card className="p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <div className="flex items-center gap-2">
              <h2 className="text-base font-semibold text-slate-900">
                {describeCandidate(data.candidate)} over {describeSource(data.leadSource).toLowerCase()}
              </h2>
              <ReplayStatusBadge status={data.status} />
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              Started {data.createdAt.toLocaleString()}
              {data.createdByName ? ` by ${data.createdByName}` : ""}
              {data.result ? ` · took ${(data.result.durationMs / 1000).toFixed(1)} s` : ""}
            </p>
          </div>
          {active && canEdit ? (
            <Button
              variant="danger"
              size="sm"
              onClick={() => cancel.mutate({ runId })}
              disabled={cancel.isPending}
            >
              {cancel.isPending ? "Cancelling…" : "Cancel"}
            </Button>
          ) : null}
        </div>
        {active || data.status === "cancelled" ? (
          <div className="mt-4">
            <div
              className="h-2.5 overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(percent)}
              aria-label="Replay progress"
            >
              <div
                className={`h-full rounded-full transition-[width] duration-500 ${data.status === "cancelled" ? "bg-amber-400" : "bg-brand-600"}`}
                style={{ width: `${percent}%` }}
              />
            </div>
            <p className="mt-1.5 text-xs tabular-nums text-slate-500">
              {formatCount(data.processed)} of {formatCount(data.total)} leads
              {data.status === "cancelled"
                ? " — cancelled"
                : data.status === "queued"
                  ? " — waiting to start"
                  : ""}
            </p>
          </div>
        ) : null}
        {data.status === "failed" ? (
          <div className="mt-4">
            <ErrorNote message={data.error ?? "The replay failed."} />
          </div>
        ) : null}
        <ErrorNote message={cancel.error?.message} />
      </Card>
      {data.result ? <ReplayResultView result={data.result} csv={data.leadSource.kind === "csv"} /> : null}
    </div>
  );
}
