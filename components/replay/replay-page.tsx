"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ReplayForm } from "@/components/replay/replay-form";
import { ReplayRun } from "@/components/replay/replay-run";
import { ReplayRunsList } from "@/components/replay/replay-runs-list";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/ui/page-header";

/** /flows/{id}/replay (start a replay) and /flows/{id}/replay/{runId} (one run's progress and result). */
export function ReplayPage({ flowId, runId }: { flowId: string; runId: string | null }) {
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  const { canEdit } = useRole();
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href="/flows" className="hover:text-slate-800">
          Flows
        </Link>
        <span className="px-1.5">/</span>
        <Link href={`/flows/${flowId}`} className="hover:text-slate-800">
          {flow.data?.name ?? "Flow"}
        </Link>
        <span className="px-1.5">/</span>
        <span className="text-slate-700">Replay</span>
      </nav>
      <PageHeader
        title="Replay (what-if)"
        description="Run the draft or any version over past or uploaded leads and see where they would go — and who would get different leads than today. Nothing live changes: pools are simulated from a fresh start."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          {runId ? <ReplayRun runId={runId} flowId={flowId} canEdit={canEdit} /> : null}
          {canEdit ? (
            <ReplayForm flowId={flowId} collapsed={runId !== null} />
          ) : runId === null ? (
            <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-slate-200">
              Starting a replay needs the editor role; you can open past replays on the right.
            </p>
          ) : null}
        </div>
        <ReplayRunsList flowId={flowId} activeRunId={runId} />
      </div>
    </>
  );
}
