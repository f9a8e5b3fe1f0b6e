"use client";

import type { FlowNode, ValidationIssue } from "@/engine";
import { NODE_THEME } from "../canvas/node-theme";
import type { NodeInspectorProps } from "../types";
import { BranchForm } from "./forms/branch-form";
import { PoolForm } from "./forms/pool-form";
import { ScoreForm } from "./forms/score-form";
import { SourceForm } from "./forms/source-form";
import { TargetForm } from "./forms/target-form";
import { NODE_TYPE_META } from "./labels";
import { Detail } from "./widgets/field";
import { controlClass } from "./widgets/styles";

/**
 * The inspector of the selected node: a header (type, editable name), the node's problems in plain
 * words, then the form of its type. Controlled: every edit calls `onChange` with the whole new node.
 */
export function NodeInspector({ node, onChange, context, issues, readOnly }: NodeInspectorProps<FlowNode>) {
  const meta = NODE_TYPE_META[node.type];
  return (
    <div className="flex h-full flex-col bg-white text-sm" data-testid="inspector" data-node-type={node.type}>
      {/* A disabled fieldset disables every control inside it, so read-only needs no per-input flags. */}
      <fieldset disabled={readOnly} className="m-0 min-w-0 border-0 p-0">
        <legend className="sr-only">{`${meta.name} settings`}</legend>
        <header className="space-y-1.5 px-3 pt-3 pb-2">
          <div className="flex items-center justify-between gap-2">
            {/* The badge shape of components/ui/badge.tsx in the type's colour from the canvas theme. */}
            <span
              className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${NODE_THEME[node.type].icon}`}
              data-testid="inspector-type"
            >
              {NODE_THEME[node.type].caption}
            </span>
            <Detail>id {node.id}</Detail>
          </div>
          <input
            aria-label="Node name"
            data-testid="inspector-label"
            className={controlClass(false, "w-full font-semibold")}
            value={node.label ?? ""}
            placeholder={`${meta.name} (unnamed)`}
            disabled={readOnly}
            onChange={(e) => {
              const { label: _old, ...rest } = node;
              onChange(e.target.value === "" ? rest : { ...rest, label: e.target.value });
            }}
          />
          <p className="text-xs text-slate-500">{meta.purpose}</p>
          {readOnly ? (
            <p className="text-xs text-amber-700">Read only: you can look but not change.</p>
          ) : null}
        </header>
        <IssueList issues={issues} />
        <TypeForm node={node} onChange={onChange} context={context} issues={issues} readOnly={readOnly} />
      </fieldset>
    </div>
  );
}

function TypeForm(props: NodeInspectorProps<FlowNode>) {
  const { node, onChange, context, issues, readOnly } = props;
  const shared = { onChange, context, issues, readOnly };
  switch (node.type) {
    case "source":
      return <SourceForm node={node} {...shared} />;
    case "score":
      return <ScoreForm node={node} {...shared} />;
    case "branch":
      return <BranchForm node={node} {...shared} />;
    case "pool":
      return <PoolForm node={node} {...shared} />;
    case "assign":
    case "fallback":
      return <TargetForm node={node} {...shared} />;
  }
}

function IssueList({ issues }: { issues: readonly ValidationIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="mx-3 mb-2 rounded-md bg-rose-50 px-2.5 py-2 ring-1 ring-rose-200" role="status">
      <p className="text-xs font-semibold text-rose-800">
        {issues.length === 1 ? "1 thing to fix" : `${issues.length} things to fix`}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-rose-700" data-testid="inspector-issues">
        {issues.map((issue, i) => (
          // Messages can repeat (the same problem in two rules), so the index is part of the key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={`${issue.code}-${i}`}>{issue.message}</li>
        ))}
      </ul>
    </div>
  );
}
