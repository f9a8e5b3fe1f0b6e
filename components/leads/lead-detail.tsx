"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { LeadOutcomes } from "@/components/experiments/lead-outcomes";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

export function LeadDetail({ leadId }: { leadId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const detail = useQuery(trpc.leads.get.queryOptions({ id: leadId }));
  const reps = useQuery({ ...trpc.reps.list.queryOptions(), enabled: canEdit });
  const [reassignTo, setReassignTo] = useState("");
  const setStatus = useMutation(
    trpc.leads.setStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() }),
    }),
  );

  if (detail.isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!detail.data) return <ErrorNote message={detail.error?.message ?? "Lead not found"} />;
  const { lead, decision, flowName, versionNumber, repName, poolName } = detail.data;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={lead.status === "open" ? "green" : "slate"}>{lead.status}</Badge>
        {decision.band ? (
          <Badge tone={decision.band === "hot" ? "rose" : decision.band === "warm" ? "amber" : "blue"}>
            {decision.band}
          </Badge>
        ) : null}
        {decision.fallback ? <Badge tone="amber">fallback</Badge> : null}
        <span className="text-slate-500">
          {lead.createdAt.toLocaleString()} · routed in {decision.latencyMs ?? "?"} ms
        </span>
      </div>
      <section>
        <h3 className="text-sm font-semibold text-slate-900">Why this owner</h3>
        <ol className="mt-2 space-y-1.5" data-testid="decision-path">
          {decision.explanation.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the path is a fixed, never reordered list
            <li key={i} className="flex gap-2 text-sm text-slate-700">
              <span className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">
                {i + 1}
              </span>
              {line}
            </li>
          ))}
        </ol>
        <p className="mt-3 text-sm text-slate-600">
          Owner: <strong>{repName ?? (lead.queue ? `queue “${lead.queue}”` : "nobody")}</strong>
          {poolName ? ` from pool ${poolName}` : ""} · flow{" "}
          {lead.flowId ? (
            <Link
              className="text-brand-600 hover:underline"
              href={`/flows/${lead.flowId}?version=${decision.versionId ?? ""}`}
            >
              {flowName} v{versionNumber}
            </Link>
          ) : (
            "deleted"
          )}
        </p>
      </section>
      <LeadOutcomes leadId={lead.id} createdAt={lead.createdAt} canEdit={canEdit} />
      <section>
        <h3 className="text-sm font-semibold text-slate-900">Lead data</h3>
        <pre className="mt-2 max-h-56 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {JSON.stringify(lead.payload, null, 2)}
        </pre>
      </section>
      {canEdit && lead.status === "open" ? (
        <section className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
          <Button variant="secondary" onClick={() => setStatus.mutate({ id: lead.id, status: "closed" })}>
            Close lead
          </Button>
          <Select
            aria-label="Reassign to"
            value={reassignTo}
            onChange={(e) => setReassignTo(e.target.value)}
            className="w-48"
          >
            <option value="">Reassign to…</option>
            {reps.data
              ?.filter((r) => r.status !== "inactive" && r.id !== lead.assignedRepId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </Select>
          <Button
            variant="secondary"
            disabled={!reassignTo}
            onClick={() => setStatus.mutate({ id: lead.id, status: "reassigned", repId: reassignTo })}
          >
            Reassign
          </Button>
          <ErrorNote message={setStatus.error?.message} />
        </section>
      ) : null}
    </div>
  );
}
