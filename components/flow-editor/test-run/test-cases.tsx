"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/page-header";
import type { FlowGraphInput } from "@/engine";
import { describeExpected, expectedOptions, type Lead, type TestRunSuccess } from "./describe";

type RunAll = RouterOutputs["flowTests"]["runAll"];
type CaseResult = Extract<RunAll, { ok: true }>["results"][number];

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

/** The flow's saved test cases: run them all against the unsaved graph, save the current run as one. */
export function TestCases({
  flowId,
  graph,
  graphKey,
  canEdit,
  lead,
  result,
  onLoad,
}: {
  flowId: string;
  graph: FlowGraphInput;
  /** Changes when the graph does (positions aside): "Run all" results are then stale. */
  graphKey: string;
  canEdit: boolean;
  /** The lead of the current successful run, to save as a case. */
  lead: Lead | null;
  result: TestRunSuccess | null;
  onLoad: (lead: Lead) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cases = useQuery(trpc.flowTests.list.queryOptions({ flowId }));
  const pools = useQuery(trpc.pools.list.queryOptions());
  const reps = useQuery(trpc.reps.list.queryOptions());
  const names = useMemo(
    () => new Map([...(pools.data ?? []), ...(reps.data ?? [])].map((item) => [item.id, item.name])),
    [pools.data, reps.data],
  );
  const [ranFor, setRanFor] = useState<{ key: string; data: RunAll } | null>(null);
  const runAll = useMutation(
    trpc.flowTests.runAll.mutationOptions({ onSuccess: (data) => setRanFor({ key: graphKey, data }) }),
  );
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.flowTests.list.queryKey({ flowId }) });
  const remove = useMutation(trpc.flowTests.delete.mutationOptions({ onSuccess: invalidate }));
  const [saving, setSaving] = useState(false);

  const byCase = new Map<string, CaseResult>();
  if (ranFor?.data.ok) for (const r of ranFor.data.results) byCase.set(r.caseId, r);
  const stale = ranFor !== null && ranFor.key !== graphKey;
  const list = cases.data ?? [];

  return (
    <section className="space-y-2.5">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">
          Saved test cases{" "}
          <span className="font-normal text-slate-500">{list.length > 0 ? `(${list.length})` : ""}</span>
        </h3>
        <Button
          size="sm"
          variant="secondary"
          disabled={list.length === 0 || runAll.isPending}
          onClick={() => runAll.mutate({ flowId, graph })}
        >
          {runAll.isPending ? "Running…" : "Run all"}
        </Button>
      </div>
      {ranFor?.data.ok ? (
        <p className={`text-xs ${stale ? "text-slate-400" : "text-slate-600"}`}>
          {ranFor.data.passed} passed, {ranFor.data.failed} failed
          {stale ? " · the flow changed since, run again" : ""}
        </p>
      ) : null}
      {ranFor && !ranFor.data.ok ? (
        <p className="text-xs text-rose-700">
          The draft is invalid, so no case could run. Fix the problems first.
        </p>
      ) : null}
      <ErrorNote message={runAll.error?.message ?? remove.error?.message} />
      {cases.isPending ? <p className="text-xs text-slate-500">Loading…</p> : null}
      {!cases.isPending && list.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-xs text-slate-500">
          No saved cases yet. Run a lead, then save it with the outcome you expect: publishing checks every
          case.
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {list.map((testCase) => {
          const outcome = byCase.get(testCase.id);
          return (
            <li key={testCase.id} className={`px-2.5 py-2 ${stale ? "opacity-70" : ""}`}>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-800">{testCase.name}</p>
                  <p className="truncate text-xs text-slate-500">
                    Expects{" "}
                    {testCase.expected ? describeExpected(testCase.expected, names) : "an unreadable outcome"}
                  </p>
                </div>
                {outcome ? (
                  <Badge tone={outcome.pass ? "green" : "rose"}>{outcome.pass ? "pass" : "fail"}</Badge>
                ) : null}
              </div>
              {outcome && !outcome.pass ? (
                <p className="mt-1 text-xs text-rose-700">{outcome.reason}</p>
              ) : null}
              <div className="mt-1 flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => onLoad(testCase.lead)}>
                  Load lead
                </Button>
                {canEdit ? (
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete the test case "${testCase.name}"?`))
                        remove.mutate({ id: testCase.id });
                    }}
                  >
                    Delete
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {canEdit && result && lead ? (
        saving ? (
          <SaveCaseForm
            flowId={flowId}
            lead={lead}
            result={result}
            onDone={() => {
              setSaving(false);
              void invalidate();
            }}
            onCancel={() => setSaving(false)}
          />
        ) : (
          <Button size="sm" variant="secondary" className="w-full" onClick={() => setSaving(true)}>
            Save this lead as a test case
          </Button>
        )
      ) : null}
    </section>
  );
}

function SaveCaseForm({
  flowId,
  lead,
  result,
  onDone,
  onCancel,
}: {
  flowId: string;
  lead: Lead;
  result: TestRunSuccess;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const options = expectedOptions(result.outcome);
  const [choice, setChoice] = useState(options[0]?.key ?? "");
  const [checkBand, setCheckBand] = useState(false);
  const [name, setName] = useState("");
  const create = useMutation(trpc.flowTests.create.mutationOptions({ onSuccess: onDone }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const option = options.find((o) => o.key === choice) ?? options[0];
    if (!option) return;
    const expected = checkBand && result.band ? { ...option.expected, band: result.band } : option.expected;
    create.mutate({ flowId, name, lead, expected });
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-200">
      <label className="block space-y-1">
        <span className="text-xs font-medium text-slate-700">Name</span>
        <input
          className={inputClass}
          value={name}
          required
          maxLength={120}
          placeholder="e.g. German enterprise lead goes to EMEA"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-slate-700">Expected outcome</legend>
        {options.map((option) => (
          <label key={option.key} className="flex items-center gap-2 text-xs text-slate-700">
            <input
              type="radio"
              name="expected"
              className="accent-brand-600"
              checked={choice === option.key}
              onChange={() => setChoice(option.key)}
            />
            {option.label}
          </label>
        ))}
        {result.band ? (
          <label className="flex items-center gap-2 text-xs text-slate-700">
            <input
              type="checkbox"
              className="accent-brand-600"
              checked={checkBand}
              onChange={(e) => setCheckBand(e.target.checked)}
            />
            and band {result.band}
          </label>
        ) : null}
      </fieldset>
      <ErrorNote message={create.error?.message} />
      <div className="flex justify-end gap-1.5">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" disabled={create.isPending || name.trim() === ""}>
          Save case
        </Button>
      </div>
    </form>
  );
}
