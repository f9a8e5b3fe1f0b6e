"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ResultsTable } from "@/components/experiments/results-table";
import { StartExperimentForm } from "@/components/experiments/start-form";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Card, EmptyState, ErrorNote, PageHeader } from "@/components/ui/page-header";

type Experiment = RouterOutputs["experiments"]["list"]["experiments"][number];
type Metric = "won" | "qualified" | "meeting_booked";

/** Declared field names of a stored graph, without trusting its shape. */
function declaredFields(graph: unknown): string[] {
  const fields: unknown = typeof graph === "object" && graph !== null ? Reflect.get(graph, "fields") : null;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f: unknown) => {
    const name: unknown = typeof f === "object" && f !== null ? Reflect.get(f, "name") : null;
    return typeof name === "string" ? [name] : [];
  });
}

export function ExperimentPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  const list = useQuery(trpc.experiments.list.queryOptions({ flowId }));
  const [metric, setMetric] = useState<Metric>("won");

  if (flow.error || list.error) return <ErrorNote message={flow.error?.message ?? list.error?.message} />;
  if (!flow.data || !list.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const running = list.data.experiments.find((e) => e.active) ?? null;
  const past = list.data.experiments.filter((e) => !e.active);

  return (
    <>
      <PageHeader
        title={`A/B test · ${flow.data.name}`}
        description="Split live traffic between published versions, report outcomes from your CRM, and promote the version that converts best."
        actions={
          <Link
            href={`/flows/${flowId}`}
            className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Back to editor
          </Link>
        }
      />
      <div className="space-y-6">
        {running ? (
          <RunningExperiment
            experiment={running}
            flowId={flowId}
            canEdit={canEdit}
            metric={metric}
            onMetric={setMetric}
            stickyField={list.data.stickyField}
          />
        ) : (
          <Card className="p-5">
            <h2 className="mb-4 text-base font-semibold text-slate-900">Start an A/B test</h2>
            {canEdit ? (
              <StartExperimentForm
                flowId={flowId}
                fieldNames={declaredFields(flow.data.draft)}
                stickyField={list.data.stickyField}
              />
            ) : (
              <p className="text-sm text-slate-600">No experiment is running. Editors can start one.</p>
            )}
          </Card>
        )}
        <section>
          <h2 className="mb-3 text-base font-semibold text-slate-900">Past experiments</h2>
          {past.length === 0 ? (
            <EmptyState title="No past experiments">
              Stopped and promoted experiments stay here with their final numbers.
            </EmptyState>
          ) : (
            <div className="space-y-3">
              {past.map((e) => (
                <PastExperiment key={e.deploymentId} experiment={e} metric={metric} />
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function RunningExperiment({
  experiment,
  flowId,
  canEdit,
  metric,
  onMetric,
  stickyField,
}: {
  experiment: Experiment;
  flowId: string;
  canEdit: boolean;
  metric: Metric;
  onMetric: (metric: Metric) => void;
  stickyField: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const results = useQuery({
    ...trpc.experiments.results.queryOptions({ deploymentId: experiment.deploymentId, metric }),
    refetchInterval: 15_000,
  });
  const [stopTo, setStopTo] = useState("");
  const done = {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
    },
  };
  const promote = useMutation(trpc.experiments.promote.mutationOptions(done));
  const stop = useMutation(trpc.experiments.stop.mutationOptions(done));
  const busy = promote.isPending || stop.isPending;

  return (
    <Card className="p-5">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex items-center gap-2">
            <h2 className="text-base font-semibold text-slate-900">{experiment.name}</h2>
            <Badge tone="green">running</Badge>
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            Since {experiment.createdAt.toLocaleString()} · split{" "}
            {experiment.arms.map((a) => `v${a.number} ${a.weight}`).join(" / ")} · sticky by{" "}
            <code className="rounded bg-slate-100 px-1">{stickyField}</code>
          </p>
        </div>
        <div className="flex items-center gap-2 text-sm text-slate-600">
          <span>Conversion means</span>
          <Select
            aria-label="Conversion means"
            value={metric}
            onChange={(e) => onMetric(e.target.value as Metric)}
            className="w-48"
          >
            <option value="won">won</option>
            <option value="qualified">qualified (or won)</option>
            <option value="meeting_booked">meeting booked (or later)</option>
          </Select>
        </div>
      </div>
      {results.data ? (
        <ResultsTable
          results={results.data}
          promoting={busy}
          onPromote={
            canEdit
              ? (versionId) => promote.mutate({ deploymentId: experiment.deploymentId, versionId })
              : undefined
          }
        />
      ) : (
        <p className="text-sm text-slate-500">{results.error?.message ?? "Loading results…"}</p>
      )}
      {canEdit ? (
        <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
          <Select
            aria-label="Version to keep live"
            value={stopTo}
            onChange={(e) => setStopTo(e.target.value)}
            className="w-72"
          >
            <option value="">The version live before the test</option>
            {experiment.arms.map((a) => (
              <option key={a.versionId} value={a.versionId}>
                v{a.number} at 100%
              </option>
            ))}
          </Select>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() => stop.mutate({ flowId, ...(stopTo ? { versionId: stopTo } : {}) })}
          >
            Stop experiment
          </Button>
          <span className="text-xs text-slate-500">Its numbers stay below under past experiments.</span>
        </div>
      ) : null}
      <div className="mt-2">
        <ErrorNote message={promote.error?.message ?? stop.error?.message} />
      </div>
    </Card>
  );
}

function PastExperiment({ experiment, metric }: { experiment: Experiment; metric: Metric }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const results = useQuery({
    ...trpc.experiments.results.queryOptions({ deploymentId: experiment.deploymentId, metric }),
    enabled: open,
  });
  return (
    <Card className="p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium text-slate-900">{experiment.name}</p>
          <p className="text-xs text-slate-500">
            {experiment.createdAt.toLocaleDateString()} – {experiment.endedAt?.toLocaleDateString() ?? "?"} ·{" "}
            {experiment.arms.map((a) => `v${a.number} ${a.weight}`).join(" / ")}
            {experiment.endedWith ? ` · ended with v${experiment.endedWith.number} at 100%` : ""}
          </p>
        </div>
        <Button variant="ghost" size="sm" onClick={() => setOpen(!open)}>
          {open ? "Hide numbers" : "Final numbers"}
        </Button>
      </div>
      {open ? (
        <div className="mt-3">
          {results.data ? (
            <ResultsTable results={results.data} />
          ) : (
            <p className="text-sm text-slate-500">Loading…</p>
          )}
        </div>
      ) : null}
    </Card>
  );
}
