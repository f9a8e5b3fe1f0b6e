"use client";

import { useState } from "react";
import type { ValidationIssue } from "@/engine";

interface IssuesBarProps {
  issues: ValidationIssue[];
  onSelect: (nodeId: string) => void;
}

/** The draft's problems under the canvas (each message names its step); clicking one selects that step. */
export function IssuesBar({ issues, onSelect }: IssuesBarProps) {
  const [open, setOpen] = useState(true);
  if (issues.length === 0) {
    return (
      <div
        className="border-t border-slate-200 bg-white px-4 py-2 text-sm text-emerald-700"
        data-testid="issues-bar"
        data-count={0}
      >
        ✓ No problems: the draft is ready to publish.
      </div>
    );
  }
  return (
    <div
      className="max-h-48 overflow-y-auto border-t border-rose-200 bg-white"
      data-testid="issues-bar"
      data-count={issues.length}
    >
      <button
        type="button"
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-4 py-2 text-left text-sm font-medium text-rose-700"
        aria-expanded={open}
      >
        <span className="rounded-full bg-rose-600 px-1.5 text-xs text-white">{issues.length}</span>
        {issues.length === 1 ? "problem blocks publishing" : "problems block publishing"}
        <span className="ml-auto text-xs text-slate-400">{open ? "Hide" : "Show"}</span>
      </button>
      {open ? (
        <ul className="space-y-0.5 px-4 pb-2 text-sm">
          {issues.map((issue) => (
            <li key={`${issue.code}-${issue.nodeId ?? ""}-${issue.edgeId ?? ""}-${issue.message}`}>
              {issue.nodeId ? (
                <button
                  type="button"
                  className="text-left text-rose-800 hover:underline"
                  onClick={() => issue.nodeId && onSelect(issue.nodeId)}
                >
                  {issue.message}
                </button>
              ) : (
                <span className="text-rose-800">{issue.message}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
