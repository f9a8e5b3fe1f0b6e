"use client";

import { useId, useRef } from "react";
import type { AssignNode, FallbackNode, Target } from "@/engine";
import type { InspectorContext, NodeInspectorProps } from "../../types";
import { issuesAt, issueText } from "../issues";
import { InspectorField, Section } from "../widgets/field";
import { controlClass } from "../widgets/styles";

type Rep = InspectorContext["reps"][number];

/** "Ana Schmidt (away)" / "Bo Li (deactivated)" / "Cy Ray". */
export function repOptionLabel(rep: Rep): string {
  if (rep.status === "away") return `${rep.name} (away)`;
  if (rep.status === "inactive") return `${rep.name} (deactivated)`;
  return rep.name;
}

/** Assign and Fallback share one form: who gets the lead, a rep or a queue. */
export function TargetForm({
  node,
  onChange,
  context,
  issues,
  readOnly,
}: NodeInspectorProps<AssignNode | FallbackNode>) {
  const target = node.data.target;
  const name = useId();
  // Remembers the other kind's choice so flipping the radio back and forth loses nothing.
  const remembered = useRef<{ repId: string; queue: string }>({ repId: "", queue: "" });
  const switchTo = (kind: Target["kind"]) => {
    if (kind === target.kind) return;
    if (target.kind === "rep") remembered.current.repId = target.repId;
    else remembered.current.queue = target.queue;
    setTarget(
      kind === "rep" ? { kind, repId: remembered.current.repId } : { kind, queue: remembered.current.queue },
    );
  };

  const setTarget = (next: Target) => {
    // The spread keeps the node's own type (assign or fallback); only the target changes.
    const updated: AssignNode | FallbackNode = { ...node, data: { target: next } };
    onChange(updated);
  };
  const repIssues = issuesAt(issues, ["data", "target", "repId"]);
  const queueIssues = issuesAt(issues, ["data", "target", "queue"]);
  const rep = target.kind === "rep" ? context.reps.find((r) => r.id === target.repId) : undefined;
  const queueListId = `${name}-queues`;

  return (
    <Section
      title="Send the lead to"
      hint={
        node.type === "fallback"
          ? "Leads nothing else took care of end here, so none is ever lost."
          : "Every lead reaching this node goes to this rep or queue."
      }
    >
      <div className="flex gap-3" role="radiogroup" aria-label="Send the lead to">
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="radio"
            name={name}
            data-testid="target-kind-rep"
            checked={target.kind === "rep"}
            disabled={readOnly}
            onChange={() => switchTo("rep")}
          />
          a specific rep
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="radio"
            name={name}
            data-testid="target-kind-queue"
            checked={target.kind === "queue"}
            disabled={readOnly}
            onChange={() => switchTo("queue")}
          />
          a queue
        </label>
      </div>
      {target.kind === "rep" ? (
        <InspectorField
          label="Rep"
          hint={
            rep?.status === "away"
              ? "This rep is away; leads still go to them."
              : rep?.status === "inactive"
                ? "This rep is deactivated; choose someone else."
                : undefined
          }
        >
          <select
            data-testid="target-rep"
            className={controlClass(repIssues.length > 0)}
            aria-invalid={repIssues.length > 0 || undefined}
            title={issueText(repIssues)}
            value={target.repId}
            disabled={readOnly}
            onChange={(e) => setTarget({ kind: "rep", repId: e.target.value })}
          >
            <option value="" disabled>
              Choose a rep…
            </option>
            {target.repId !== "" && rep === undefined ? (
              <option value={target.repId}>Unknown rep ({target.repId})</option>
            ) : null}
            {context.reps.map((r) => (
              <option key={r.id} value={r.id}>
                {repOptionLabel(r)}
              </option>
            ))}
          </select>
        </InspectorField>
      ) : (
        <InspectorField label="Queue" hint="A named inbox people pick leads from, e.g. “Unassigned”.">
          <input
            data-testid="target-queue"
            list={queueListId}
            className={controlClass(queueIssues.length > 0)}
            aria-invalid={queueIssues.length > 0 || undefined}
            title={issueText(queueIssues)}
            value={target.queue}
            placeholder="Queue name"
            disabled={readOnly}
            onChange={(e) => setTarget({ kind: "queue", queue: e.target.value })}
          />
          <datalist id={queueListId}>
            {context.queues.map((q) => (
              <option key={q} value={q} />
            ))}
          </datalist>
        </InspectorField>
      )}
    </Section>
  );
}
