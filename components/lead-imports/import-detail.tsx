"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { formatCount } from "@/components/replay/format";
import { ReplayStatusBadge } from "@/components/replay/status-badge";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/page-header";

const ACTIVE = new Set(["queued", "running"]);

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone}`}>{formatCount(value)}</dd>
    </div>
  );
}

function saveText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** One import: progress while it runs (polled every second), then its result and the failed rows. */
export function ImportDetail({ importId }: { importId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const view = useQuery(
    trpc.leadImports.get.queryOptions(
      { id: importId },
      {
        refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.status) ? false : 1000),
      },
    ),
  );
  const status = view.data?.status;
  const failedRows = useInfiniteQuery(
    trpc.leadImports.rows.infiniteQueryOptions(
      { id: importId, status: "failed", limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, enabled: status !== undefined },
    ),
  );
  const cancel = useMutation(
    trpc.leadImports.cancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.leadImports.pathKey() }),
    }),
  );
  const download = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.leadImports.failedRowsCsv.queryOptions({ id: importId })),
    onSuccess: (file) => saveText(file.fileName, file.csv),
  });

  // When the import stops, the new leads and the final failed rows are worth a fresh look.
  useEffect(() => {
    if (status === undefined || ACTIVE.has(status)) return;
    void queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.leadImports.list.queryKey() });
    void failedRows.refetch();
  }, [status, queryClient, trpc, failedRows.refetch]);

  if (view.error) return <ErrorNote message={view.error.message} />;
  const data = view.data;
  if (!data) return <p className="text-sm text-slate-500">Loading the import…</p>;
  const percent = Math.round(data.progress * 100);
  const failures = failedRows.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-5" data-testid="import-detail" data-status={data.status}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm font-medium text-slate-900">
            {data.fileName} <span className="font-normal text-slate-500">→ {data.flowName}</span>
          </p>
          <p className="text-xs text-slate-500">
            Started {data.createdAt.toLocaleString()}
            {data.createdByName ? ` by ${data.createdByName}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <ReplayStatusBadge status={data.status} />
          {canEdit && ACTIVE.has(data.status) ? (
            <Button
              variant="danger"
              size="sm"
              onClick={() => cancel.mutate({ id: importId })}
              disabled={cancel.isPending}
            >
              Cancel import
            </Button>
          ) : null}
        </div>
      </div>
      <div>
        <div
          className="h-2.5 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label="Import progress"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-1 text-xs text-slate-500" data-testid="import-progress">
          {formatCount(data.processed)} of {formatCount(data.total)} rows processed ({percent}%)
        </p>
      </div>
      <dl className="grid grid-cols-4 gap-4">
        <Count label="Rows" value={data.total} tone="text-slate-900" />
        <Count label="Routed" value={data.routed} tone="text-emerald-700" />
        <Count label="Failed" value={data.failed} tone="text-rose-700" />
        <Count label="Pending" value={data.pending} tone="text-slate-500" />
      </dl>
      <ErrorNote message={data.error ?? cancel.error?.message ?? download.error?.message} />
      {data.status === "cancelled" && data.pending > 0 ? (
        <p className="text-sm text-amber-800">
          Cancelled: {formatCount(data.pending)} rows were not routed. Rows routed before stay routed.
        </p>
      ) : null}
      {data.failed > 0 ? (
        <div>
          <div className="mb-2 flex items-center justify-between">
            <p className="text-sm font-medium text-slate-700">Failed rows</p>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => download.mutate()}
              disabled={download.isPending}
            >
              Download failed rows
            </Button>
          </div>
          <p className="mb-2 text-xs text-slate-500">Row 1 is the first row under the header.</p>
          <div className="max-h-72 overflow-y-auto rounded-lg ring-1 ring-slate-200">
            <table className="w-full text-left text-sm" data-testid="import-errors">
              <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="w-20 px-3 py-2 font-medium">Row</th>
                  <th className="px-3 py-2 font-medium">Reason</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {failures.map((row) => (
                  <tr key={row.rowNumber}>
                    <td className="px-3 py-1.5 tabular-nums text-slate-500">{row.rowNumber}</td>
                    <td className="px-3 py-1.5 text-slate-800">{row.error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {failedRows.hasNextPage ? (
            <Button
              variant="ghost"
              size="sm"
              className="mt-2"
              onClick={() => void failedRows.fetchNextPage()}
            >
              Show more
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
