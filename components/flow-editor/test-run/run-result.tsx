"use client";

import { Badge } from "@/components/ui/badge";
import { BAND_TONE, outcomeSentence, type TestRunResult, type TestRunSuccess } from "./describe";

const STEP_DOT: Record<TestRunSuccess["steps"][number]["nodeType"], string> = {
  source: "bg-slate-400",
  score: "bg-violet-500",
  branch: "bg-brand-500",
  pool: "bg-emerald-500",
  assign: "bg-emerald-600",
  fallback: "bg-amber-500",
};

/** The outcome of a test run in plain words, its score, the path step by step and who was skipped. */
export function RunResult({ result, stale }: { result: TestRunResult; stale: boolean }) {
  return (
    <div data-testid="test-run-result" className={`space-y-3 ${stale ? "opacity-60" : ""}`}>
      {stale ? (
        <p className="rounded-md bg-slate-100 px-2.5 py-1.5 text-xs text-slate-600">
          The flow changed since this run. Run again to see the new path.
        </p>
      ) : null}
      {result.ok ? <Success result={result} /> : <Issues issues={result.issues} />}
    </div>
  );
}

function Issues({ issues }: { issues: Extract<TestRunResult, { ok: false }>["issues"] }) {
  return (
    <div className="rounded-lg bg-rose-50 p-3 ring-1 ring-rose-200">
      <p className="text-sm font-semibold text-rose-800">
        The draft has {issues.length} problem{issues.length === 1 ? "" : "s"}: fix{" "}
        {issues.length === 1 ? "it" : "them"} to run a test.
      </p>
      <ul className="mt-1.5 space-y-1 text-xs text-rose-700">
        {issues.slice(0, 8).map((issue, i) => (
          // Issues have no id of their own; their order is stable for one result.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            {issue.nodeId ? <span className="font-mono text-[11px]">{issue.nodeId}: </span> : null}
            {issue.message}
          </li>
        ))}
        {issues.length > 8 ? <li>…and {issues.length - 8} more</li> : null}
      </ul>
    </div>
  );
}

function Success({ result }: { result: TestRunSuccess }) {
  const { outcome } = result;
  const rejected = outcome.kind === "rejected";
  const skipped = result.pools.filter((p) => p.skipped.length > 0 || p.rep === null);
  return (
    <>
      <div
        className={`rounded-lg p-3 ring-1 ${
          rejected
            ? "bg-rose-50 ring-rose-200"
            : result.fallback
              ? "bg-amber-50 ring-amber-200"
              : "bg-emerald-50 ring-emerald-200"
        }`}
      >
        <p className="text-sm font-semibold text-slate-900">{outcomeSentence(outcome)}</p>
        {outcome.kind === "rejected" ? (
          <p className="mt-0.5 text-xs text-slate-600">{outcome.reason}</p>
        ) : null}
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          {result.score !== null ? <Badge tone="slate">Score {result.score}</Badge> : null}
          {result.band ? <Badge tone={BAND_TONE[result.band]}>{result.band}</Badge> : null}
          {result.fallback ? <Badge tone="amber">fallback</Badge> : null}
          {result.score === null && !result.fallback && !rejected ? (
            <span className="text-xs text-slate-500">No score node on this path</span>
          ) : null}
        </div>
      </div>

      <div>
        <h4 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Path</h4>
        <ol className="space-y-1.5">
          {result.steps.map((step, i) => (
            <li key={step.nodeId} className="flex gap-2 text-xs">
              <span className="flex flex-col items-center">
                <span className={`mt-1 h-2 w-2 shrink-0 rounded-full ${STEP_DOT[step.nodeType]}`} />
                {i < result.steps.length - 1 ? <span className="mt-0.5 w-px flex-1 bg-slate-200" /> : null}
              </span>
              <span className="min-w-0 pb-1">
                <span className="block font-medium text-slate-800">{step.label}</span>
                <span className="block break-words text-slate-600">{step.summary}</span>
              </span>
            </li>
          ))}
        </ol>
      </div>

      {skipped.length > 0 ? (
        <div>
          <h4 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Skipped reps
          </h4>
          <ul className="space-y-1.5">
            {skipped.map((pool) => (
              <li key={pool.nodeId} className="rounded-md bg-slate-50 px-2.5 py-1.5 text-xs">
                <span className="font-medium text-slate-800">{pool.poolName}</span>
                {pool.rep === null ? <span className="text-amber-700"> · nobody eligible</span> : null}
                <ul className="mt-0.5 text-slate-600">
                  {pool.skipped.map((s) => (
                    <li key={s.repId}>
                      {s.name} — {s.reasonText}
                    </li>
                  ))}
                  {pool.skipped.length === 0 ? <li>The pool has no members</li> : null}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
