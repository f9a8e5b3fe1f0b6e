"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RunHighlight } from "@/components/flow-editor/types";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/page-header";
import type { FieldDecl, FlowGraphInput } from "@/engine";
import {
  graphRunKey,
  type Lead,
  leadLabel,
  parseLeadJson,
  sourceChannels,
  type TestRunResult,
} from "./describe";
import { LeadForm } from "./lead-form";
import { RunResult } from "./run-result";
import { TestCases } from "./test-cases";

export interface TestRunPanelProps {
  flowId: string;
  /** The editor's current, possibly unsaved graph: the run uses it, not the stored draft. */
  graph: FlowGraphInput;
  /** Fields declared by the source node. */
  fields: FieldDecl[];
  canEdit: boolean;
  /** The canvas lights up the run's path; null clears it (new graph, new lead, no valid result). */
  onHighlight: (highlight: RunHighlight | null) => void;
}

type Mode = "form" | "json" | "recent";

const MODES: Array<{ id: Mode; label: string }> = [
  { id: "form", label: "Form" },
  { id: "json", label: "Paste JSON" },
  { id: "recent", label: "Recent lead" },
];

/**
 * The editor's test-run side panel: build a sample lead (form, JSON or a recent real lead), see where
 * the unsaved flow would send it and why, and keep such leads as test cases that guard publishing.
 */
export function TestRunPanel({ flowId, graph, fields, canEdit, onHighlight }: TestRunPanelProps) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<Mode>("form");
  const channels = useMemo(() => sourceChannels(graph), [graph]);
  const [lead, setLead] = useState<Lead>(() => (channels[0] ? { source: channels[0] } : {}));
  const [jsonText, setJsonText] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [run, setRun] = useState<{ key: string; lead: Lead; result: TestRunResult } | null>(null);
  const graphKey = useMemo(() => graphRunKey(graph), [graph]);

  // The latest callback, so a parent passing a new function each render does not re-run effects.
  const highlight = useRef(onHighlight);
  useEffect(() => {
    highlight.current = onHighlight;
  }, [onHighlight]);

  const stale = run !== null && run.key !== graphKey;
  // The canvas shows the run's path only while the graph is the one it ran on.
  useEffect(() => {
    if (run) highlight.current(!stale && run.result.ok ? run.result.highlight : null);
  }, [run, stale]);
  useEffect(() => () => highlight.current(null), []);

  const runLead = useMutation(trpc.flowTests.run.mutationOptions());

  function start(next: Lead) {
    // The graph key at request time: a result arriving after another edit then shows as stale.
    const key = graphKey;
    runLead.mutate(
      { flowId, graph, lead: next },
      {
        onSuccess: (result) => setRun({ key, lead: next, result }),
        onError: () => highlight.current(null),
      },
    );
  }

  function changeLead(next: Lead) {
    setLead(next);
    setJsonError(null);
  }

  function switchMode(next: Mode) {
    if (next === "json") {
      setJsonText(JSON.stringify(lead, null, 2));
      setJsonError(null);
    }
    setMode(next);
  }

  function editJson(text: string) {
    setJsonText(text);
    const parsed = parseLeadJson(text);
    if ("lead" in parsed) {
      setLead(parsed.lead);
      setJsonError(null);
    } else {
      setJsonError(parsed.error);
    }
  }

  const canRun = !runLead.isPending && !(mode === "json" && jsonError !== null);
  const current = run?.result.ok && !stale ? run.result : null;

  return (
    <div className="flex h-full w-full max-w-[380px] flex-col gap-4 overflow-y-auto bg-white p-4 text-sm">
      <header>
        <h2 className="text-base font-semibold text-slate-900">Test run</h2>
        <p className="text-xs text-slate-500">
          Where would this lead go right now? Nothing is routed or recorded.
        </p>
      </header>

      <div role="tablist" aria-label="Lead input" className="grid grid-cols-3 rounded-lg bg-slate-100 p-0.5">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            aria-selected={mode === m.id}
            onClick={() => switchMode(m.id)}
            className={`rounded-md px-2 py-1 text-xs font-medium transition-colors ${
              mode === m.id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
            }`}
          >
            {m.label}
          </button>
        ))}
      </div>

      <div role="tabpanel">
        {mode === "form" ? (
          <LeadForm lead={lead} fields={fields} channels={channels} onChange={changeLead} />
        ) : null}
        {mode === "json" ? (
          <div className="space-y-1">
            <textarea
              aria-label="Lead as JSON"
              aria-invalid={jsonError !== null}
              spellCheck={false}
              rows={10}
              value={jsonText}
              onChange={(e) => editJson(e.target.value)}
              className={`block w-full rounded-md border-0 bg-slate-50 px-2.5 py-2 font-mono text-xs text-slate-900 ring-1 focus:ring-2 focus:outline-none ${
                jsonError ? "ring-rose-300 focus:ring-rose-500" : "ring-slate-300 focus:ring-brand-500"
              }`}
            />
            {jsonError ? <p className="text-xs text-rose-600">{jsonError}</p> : null}
          </div>
        ) : null}
        {mode === "recent" ? (
          <RecentLeads
            flowId={flowId}
            onPick={(payload) => {
              changeLead(payload);
              start(payload);
            }}
          />
        ) : null}
      </div>

      <div className="flex gap-2">
        <Button
          data-testid="test-run-button"
          disabled={!canRun}
          onClick={() => start(lead)}
          className="flex-1"
        >
          {runLead.isPending ? "Running…" : "Run test"}
        </Button>
        {run ? (
          <Button
            variant="secondary"
            onClick={() => {
              setRun(null);
              highlight.current(null);
            }}
          >
            Clear
          </Button>
        ) : null}
      </div>
      <ErrorNote message={runLead.error?.message} />

      {run ? <RunResult result={run.result} stale={stale} /> : null}

      <hr className="border-slate-200" />
      <TestCases
        flowId={flowId}
        graph={graph}
        graphKey={graphKey}
        canEdit={canEdit}
        lead={current ? (run?.lead ?? null) : null}
        result={current}
        onLoad={(loaded) => {
          changeLead(loaded);
          if (mode === "json") setJsonText(JSON.stringify(loaded, null, 2));
        }}
      />
    </div>
  );
}

function RecentLeads({ flowId, onPick }: { flowId: string; onPick: (payload: Lead) => void }) {
  const trpc = useTRPC();
  const recent = useQuery(trpc.flowTests.recentLeads.queryOptions({ flowId, limit: 20 }));
  if (recent.isPending) return <p className="text-xs text-slate-500">Loading recent leads…</p>;
  if (recent.error) return <ErrorNote message={recent.error.message} />;
  if (recent.data.length === 0)
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-xs text-slate-500">
        No lead has been routed through this flow yet. Publish it, or build a lead with the form.
      </p>
    );
  return (
    <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
      {recent.data.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            onClick={() => onPick(item.payload)}
            className="block w-full px-2.5 py-1.5 text-left hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:outline-none"
          >
            <span className="block truncate text-xs font-medium text-slate-800">
              {leadLabel(item.payload)}
            </span>
            <span className="block truncate text-[11px] text-slate-500">
              {item.createdAt.toLocaleString()} · {item.assigneeName ?? "rejected"}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
