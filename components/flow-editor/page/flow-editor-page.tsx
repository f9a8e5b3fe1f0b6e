"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { FlowCanvas } from "@/components/flow-editor/canvas/flow-canvas";
import { NodeInspector } from "@/components/flow-editor/inspector";
import { TestRunPanel } from "@/components/flow-editor/test-run/test-run-panel";
import type { RunHighlight } from "@/components/flow-editor/types";
import { useFlowEditor } from "@/components/flow-editor/use-flow-editor";
import { NotificationsPanel } from "@/components/notifications/notifications-panel";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/page-header";
import { type FlowGraphInput, validateFlow } from "@/engine";
import { ApiSnippet } from "./api-snippet";
import { IssuesBar } from "./issues-bar";
import { PublishDialog } from "./publish-dialog";
import { SaveIndicator } from "./save-indicator";
import { useDraftAutosave } from "./use-draft-autosave";
import { useInspectorContext } from "./use-inspector-context";
import { VersionsPanel } from "./versions-panel";

type Flow = RouterOutputs["flows"]["get"];
type Tab = "inspect" | "test" | "versions" | "notify" | "api";
const TABS: Array<{ id: Tab; label: string }> = [
  { id: "inspect", label: "Inspect" },
  { id: "test", label: "Test run" },
  { id: "versions", label: "Versions" },
  { id: "notify", label: "Notify" },
  { id: "api", label: "Use it" },
];

/** The flow editor: canvas in the middle, a side panel (inspector, test run, versions), autosaved draft. */
export function FlowEditorPage({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const flow = useQuery({
    ...trpc.flows.get.queryOptions({ id: flowId }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Fetched beside the flow rather than after it: the canvas's names and validation need them.
  useQuery(trpc.reps.list.queryOptions());
  useQuery(trpc.pools.list.queryOptions());
  // The role decides whether the palette shows, and so the canvas width the first fit uses.
  const { ready } = useRole();
  if (flow.isLoading || !ready) return <p className="p-8 text-sm text-slate-500">Loading flow…</p>;
  if (!flow.data)
    return (
      <div className="p-8">
        <ErrorNote message={flow.error?.message ?? "Flow not found"} />
      </div>
    );
  return <LoadedEditor flow={flow.data} />;
}

function LoadedEditor({ flow }: { flow: Flow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const editor = useFlowEditor(flow.draft as FlowGraphInput);
  const versionView = useFlowEditor(flow.draft as FlowGraphInput);
  const [viewing, setViewing] = useState<{ id: string; number: number } | null>(null);
  const [tab, setTab] = useState<Tab>("inspect");
  const [highlight, setHighlight] = useState<RunHighlight | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId: flow.id }));
  const live = versions.data?.find((v) => v.liveWeight !== null) ?? null;
  const { context, loading: contextLoading } = useInspectorContext(editor.graph);
  const readOnly = !canEdit || viewing !== null;

  const autosave = useDraftAutosave({
    flowId: flow.id,
    graph: editor.graph,
    editRevision: editor.revision,
    serverRevision: flow.draftRevision,
    enabled: canEdit,
  });

  // Live validation with the same known ids the server uses, so problems show as they are made;
  // deferred, so dragging a node in a big flow does not validate on every frame.
  const graphToValidate = useDeferredValue(editor.graph);
  const validation = useMemo(
    () =>
      validateFlow(
        graphToValidate,
        contextLoading
          ? {}
          : { poolIds: context.pools.map((p) => p.id), repIds: context.reps.map((r) => r.id) },
      ),
    [graphToValidate, context, contextLoading],
  );
  const issues = validation.ok ? [] : validation.issues;

  // A highlighted path belongs to the graph it ran on.
  const revision = editor.revision;
  useEffect(() => {
    if (revision >= 0) setHighlight(null);
  }, [revision]);

  // Selecting a node opens its form, unless the test-run panel is in use beside the canvas.
  const selectedId = editor.selectedNode?.id ?? null;
  useEffect(() => {
    if (selectedId) setTab((current) => (current === "test" ? current : "inspect"));
  }, [selectedId]);

  const poolNames = useMemo(
    () => Object.fromEntries(context.pools.map((p) => [p.id, p.name])),
    [context.pools],
  );
  const repNames = useMemo(() => Object.fromEntries(context.reps.map((r) => [r.id, r.name])), [context.reps]);

  const reloadTheirs = async () => {
    const latest = await queryClient.fetchQuery({
      ...trpc.flows.get.queryOptions({ id: flow.id }),
      staleTime: 0,
    });
    editor.replaceGraph(latest.draft as FlowGraphInput, { dirty: false });
    autosave.resolveConflict(latest.draftRevision, false);
  };
  const keepMine = async () => {
    const latest = await queryClient.fetchQuery({
      ...trpc.flows.get.queryOptions({ id: flow.id }),
      staleTime: 0,
    });
    autosave.resolveConflict(latest.draftRevision, true);
  };

  return (
    <div className="-mx-8 -my-8 flex h-[calc(100vh-3.5rem)] flex-col bg-slate-50" data-testid="flow-editor">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <Link href="/flows" className="text-sm text-slate-500 hover:text-slate-800">
          ← Flows
        </Link>
        <h1 className="text-base font-semibold text-slate-900" data-testid="flow-name">
          {flow.name}
        </h1>
        {live ? <Badge tone="green">live: v{live.number}</Badge> : <Badge>not live</Badge>}
        {viewing ? (
          <span className="flex items-center gap-2">
            <Badge tone="blue">viewing v{viewing.number} (read-only)</Badge>
            <Button size="sm" variant="secondary" onClick={() => setViewing(null)}>
              Back to draft
            </Button>
          </span>
        ) : null}
        <nav aria-label="Flow tools" className="flex items-center gap-1 text-sm">
          <Link
            href={`/flows/${flow.id}/experiment`}
            className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            data-testid="link-experiment"
          >
            A/B test
          </Link>
          <Link
            href={`/flows/${flow.id}/replay`}
            className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            data-testid="link-replay"
          >
            Replay
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          {canEdit ? <SaveIndicator status={autosave.status} /> : <Badge>view only</Badge>}
          {canEdit ? (
            <Button
              onClick={() => {
                void autosave.flush();
                setNotice(null);
                setPublishing(true);
              }}
              disabled={viewing !== null}
              data-testid="publish-open"
            >
              Publish…
            </Button>
          ) : null}
        </div>
      </header>
      {autosave.status === "conflict" ? (
        <div
          className="flex flex-wrap items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          role="alert"
        >
          <span>Someone else saved this flow while you were editing. Nothing was overwritten.</span>
          <Button size="sm" variant="secondary" onClick={() => void reloadTheirs()}>
            Load their version
          </Button>
          <Button size="sm" variant="secondary" onClick={() => void keepMine()}>
            Keep mine (overwrite theirs)
          </Button>
        </div>
      ) : null}
      {autosave.status === "error" ? (
        <div className="border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800" role="alert">
          Saving failed: {autosave.error} — your changes are kept here and saving retries on the next edit.
        </div>
      ) : null}
      {notice ? (
        <div
          className="border-b border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-800"
          role="status"
          data-testid="editor-notice"
        >
          {notice}
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <div className="relative flex min-w-0 flex-1 flex-col">
          {viewing ? (
            <FlowCanvas
              editor={versionView}
              readOnly
              poolNames={poolNames}
              repNames={repNames}
              className="flex-1"
            />
          ) : (
            <FlowCanvas
              editor={editor}
              issues={issues}
              highlight={highlight}
              readOnly={readOnly}
              poolNames={poolNames}
              repNames={repNames}
              className="flex-1"
            />
          )}
          {viewing ? null : (
            <IssuesBar
              issues={issues}
              onSelect={(nodeId) => editor.setSelection({ nodeIds: [nodeId], edgeIds: [] })}
            />
          )}
        </div>
        <aside className="flex w-[380px] shrink-0 flex-col border-l border-slate-200 bg-white">
          <div role="tablist" aria-label="Side panel" className="flex border-b border-slate-200">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                data-testid={`tab-${t.id}`}
                onClick={() => setTab(t.id)}
                className={`flex-1 px-2 py-2.5 text-sm font-medium ${
                  tab === t.id
                    ? "border-b-2 border-brand-600 text-brand-700"
                    : "text-slate-500 hover:text-slate-800"
                }`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {tab === "inspect" ? (
              editor.selectedNode && !viewing ? (
                <NodeInspector
                  node={editor.selectedNode}
                  onChange={editor.updateNode}
                  context={context}
                  issues={issues.filter((i) => i.nodeId === editor.selectedNode?.id)}
                  readOnly={readOnly}
                />
              ) : (
                <InspectHint viewing={viewing !== null} canEdit={canEdit} />
              )
            ) : null}
            {tab === "test" ? (
              <TestRunPanel
                flowId={flow.id}
                graph={editor.graph}
                fields={context.fields}
                canEdit={canEdit}
                onHighlight={setHighlight}
              />
            ) : null}
            {tab === "versions" ? (
              <VersionsPanel
                flowId={flow.id}
                canEdit={canEdit}
                viewingId={viewing?.id ?? null}
                onView={(view) => {
                  if (view) versionView.replaceGraph(view.graph, { dirty: false });
                  setViewing(view ? { id: view.id, number: view.number } : null);
                }}
                onRestore={(graph, number) => {
                  setViewing(null);
                  editor.replaceGraph(graph);
                  setNotice(`Version ${number} restored into the draft. Publish to make it a new version.`);
                }}
              />
            ) : null}
            {tab === "notify" ? (
              <NotificationsPanel
                flowId={flow.id}
                fieldNames={context.fields.map((f) => f.name)}
                canEdit={canEdit}
              />
            ) : null}
            {tab === "api" ? <ApiSnippet flowId={flow.id} /> : null}
          </div>
        </aside>
      </div>
      {canEdit ? (
        <PublishDialog
          open={publishing}
          onClose={() => setPublishing(false)}
          flowId={flow.id}
          issues={issues}
          flush={autosave.flush}
          expectedRevision={autosave.expectedRevision}
          onPublished={(version) => {
            setPublishing(false);
            setNotice(`Published version ${version.number}. New leads now route through it.`);
          }}
        />
      ) : null}
    </div>
  );
}

function InspectHint({ viewing, canEdit }: { viewing: boolean; canEdit: boolean }) {
  return (
    <div className="space-y-3 p-5 text-sm text-slate-600">
      <p className="font-medium text-slate-800">
        {viewing ? "Viewing a published version" : "Select a step to edit it"}
      </p>
      {viewing ? (
        <p>Published versions never change. Go back to the draft to edit, or restore this version into it.</p>
      ) : canEdit ? (
        <ul className="list-disc space-y-1 pl-5">
          <li>Drag a step from the palette onto the canvas, or click it to add it.</li>
          <li>Connect steps by dragging from a dot at the bottom of one step to the top of the next.</li>
          <li>Each branch case has its own outlet; leads matching no case leave through “else”.</li>
          <li>Open “Test run” to try a lead on the draft before publishing.</li>
        </ul>
      ) : (
        <p>You can look at this flow and test-run it; editors and admins can change it.</p>
      )}
    </div>
  );
}
