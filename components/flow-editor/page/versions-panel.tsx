"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/page-header";
import type { FlowGraphInput } from "@/engine";
import { EndExperimentConfirm } from "./end-experiment-confirm";
import { type EndingAction, runningExperiment } from "./experiment-warning";

interface VersionsPanelProps {
  flowId: string;
  canEdit: boolean;
  /** Shows a published version's graph on the canvas, read-only (null: back to the draft). */
  onView: (view: { id: string; number: number; graph: FlowGraphInput } | null) => void;
  viewingId: string | null;
  /** Copies a version's graph into the draft, to edit it from there. */
  onRestore: (graph: FlowGraphInput, number: number) => void;
}

/** Published versions: what changed against the live one, the compiled JSON Logic, rollback and restore. */
export function VersionsPanel({ flowId, canEdit, onView, viewingId, onRestore }: VersionsPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId }));
  const [open, setOpen] = useState<string | null>(null);
  const deploy = useMutation(
    trpc.flows.deploy.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
      },
    }),
  );
  const live = versions.data?.find((v) => v.liveWeight !== null) ?? null;
  // More than one live arm means an A/B test is splitting traffic.
  const experimentRunning = (versions.data?.filter((v) => v.liveWeight !== null).length ?? 0) > 1;
  const experiments = useQuery({
    ...trpc.experiments.list.queryOptions({ flowId }),
    enabled: experimentRunning,
  });
  const experiment = experimentRunning ? runningExperiment(experiments.data?.experiments) : null;
  // Deploy / Roll back end a running A/B test: they wait here for the user to confirm.
  const [pending, setPending] = useState<{ versionId: string; action: EndingAction } | null>(null);
  const [endConfirmed, setEndConfirmed] = useState(false);
  const requestDeploy = (versionId: string, action: EndingAction) => {
    if (!experiment) {
      deploy.mutate({ versionId });
      return;
    }
    setEndConfirmed(false);
    setPending({ versionId, action });
  };

  if (versions.isLoading) return <p className="p-4 text-sm text-slate-500">Loading versions…</p>;
  if (!versions.data?.length) {
    return (
      <p className="p-4 text-sm text-slate-500">
        Nothing published yet. Publish the draft to create version 1.
      </p>
    );
  }
  return (
    <div className="divide-y divide-slate-100" data-testid="versions-panel">
      <p className="px-4 py-3 text-xs text-slate-500">
        Published versions never change. Deploy an older one to roll back; restore one to edit it as the
        draft.
      </p>
      {experimentRunning || versions.data.length > 1 ? (
        <div className="px-4 py-2">
          <Link
            href={`/flows/${flowId}/experiment`}
            className="text-sm font-medium text-brand-600 hover:underline"
            data-testid="experiment-link"
          >
            {experimentRunning ? "Experiment running: view results →" : "Start an A/B test →"}
          </Link>
        </div>
      ) : null}
      {versions.data.map((version) => (
        <div key={version.id} className="px-4 py-3">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <div className="flex items-center gap-1.5">
                <span className="font-semibold text-slate-900">v{version.number}</span>
                {version.liveWeight !== null ? <Badge tone="green">live</Badge> : null}
                {viewingId === version.id ? <Badge tone="blue">on canvas</Badge> : null}
              </div>
              <p className="truncate text-sm text-slate-700" title={version.message}>
                {version.message || "No message"}
              </p>
              <p className="text-xs text-slate-500">{version.createdAt.toLocaleString()}</p>
            </div>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setOpen(open === version.id ? null : version.id)}
            >
              {open === version.id ? "Less" : "More"}
            </Button>
          </div>
          {open === version.id ? (
            <VersionDetail
              versionId={version.id}
              number={version.number}
              liveVersionId={live?.id ?? null}
              canDeploy={canEdit && version.liveWeight === null}
              rollback={live !== null && version.number < live.number}
              onDeploy={() =>
                requestDeploy(
                  version.id,
                  live !== null && version.number < live.number
                    ? { kind: "rollback", versionNumber: version.number }
                    : { kind: "deploy", versionNumber: version.number },
                )
              }
              viewing={viewingId === version.id}
              onView={onView}
              onRestore={canEdit ? onRestore : null}
            />
          ) : null}
        </div>
      ))}
      <div className="px-4 pb-3">
        <ErrorNote message={deploy.error?.message} />
      </div>
      {experiment && pending ? (
        <Dialog open title="End the A/B test?" onClose={() => setPending(null)}>
          <div className="space-y-4">
            <EndExperimentConfirm
              experiment={experiment}
              action={pending.action}
              confirmed={endConfirmed}
              onConfirmedChange={setEndConfirmed}
            />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button
                disabled={!endConfirmed || deploy.isPending}
                data-testid="end-experiment-confirm"
                onClick={() => {
                  deploy.mutate({ versionId: pending.versionId });
                  setPending(null);
                }}
              >
                {pending.action.kind === "rollback" ? "End test and roll back" : "End test and deploy"}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

interface VersionDetailProps {
  versionId: string;
  number: number;
  liveVersionId: string | null;
  canDeploy: boolean;
  rollback: boolean;
  onDeploy: () => void;
  viewing: boolean;
  onView: VersionsPanelProps["onView"];
  onRestore: VersionsPanelProps["onRestore"] | null;
}

function VersionDetail(props: VersionDetailProps) {
  const trpc = useTRPC();
  const version = useQuery(trpc.flows.version.queryOptions({ versionId: props.versionId }));
  const compareTo =
    props.liveVersionId && props.liveVersionId !== props.versionId ? props.liveVersionId : null;
  const diff = useQuery({
    ...trpc.flows.diff.queryOptions({
      fromVersionId: compareTo ?? props.versionId,
      toVersionId: props.versionId,
    }),
    enabled: compareTo !== null,
  });
  const graph = version.data ? (version.data.graph as FlowGraphInput) : null;
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap gap-1.5">
        {graph ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={() =>
              props.onView(props.viewing ? null : { id: props.versionId, number: props.number, graph })
            }
          >
            {props.viewing ? "Back to draft" : "View on canvas"}
          </Button>
        ) : null}
        {props.canDeploy ? (
          <Button size="sm" variant="secondary" onClick={props.onDeploy}>
            {props.rollback ? "Roll back to this" : "Deploy"}
          </Button>
        ) : null}
        {graph && props.onRestore ? (
          <Button size="sm" variant="secondary" onClick={() => props.onRestore?.(graph, props.number)}>
            Restore into draft
          </Button>
        ) : null}
      </div>
      {compareTo && diff.data ? (
        <div className="rounded-md bg-slate-50 p-2 text-xs ring-1 ring-slate-200" data-testid="version-diff">
          <p className="font-medium text-slate-800">Compared with the live version</p>
          {(["added", "removed", "changed"] as const).map((kind) => (
            <p key={kind} className="text-slate-600">
              Steps {kind}: {diff.data.nodes[kind].join(", ") || "none"}
            </p>
          ))}
        </div>
      ) : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600">Compiled JSON Logic (read-only)</summary>
        <pre
          className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-2 text-[11px] text-slate-100"
          data-testid="compiled-json"
        >
          {version.data ? JSON.stringify(version.data.compiled, null, 2) : "Loading…"}
        </pre>
      </details>
    </div>
  );
}
