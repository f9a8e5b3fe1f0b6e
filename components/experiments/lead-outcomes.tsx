"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { duration, money } from "@/components/experiments/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

const KINDS = ["contacted", "meeting_booked", "qualified", "won", "lost"] as const;
type Kind = (typeof KINDS)[number];
const LABEL: Record<Kind, string> = {
  contacted: "Contacted",
  meeting_booked: "Meeting booked",
  qualified: "Qualified",
  won: "Won",
  lost: "Lost",
};

function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

/** What happened to the lead after routing (reported by the CRM or here), with time since creation. */
export function LeadOutcomes({
  leadId,
  createdAt,
  canEdit,
}: {
  leadId: string;
  createdAt: Date;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const outcomes = useQuery(trpc.outcomes.list.queryOptions({ leadId }));
  const [chosen, setKind] = useState<Kind>("contacted");
  const [value, setValue] = useState("");
  const report = useMutation(
    trpc.outcomes.report.mutationOptions({
      onSuccess: () => {
        setValue("");
        void queryClient.invalidateQueries({ queryKey: trpc.outcomes.list.queryKey({ leadId }) });
      },
    }),
  );
  const reported = new Set(outcomes.data?.map((o) => o.kind));
  const open = KINDS.filter((k) => !reported.has(k));
  // Once the chosen kind is reported, the next open one is selected.
  const kind = reported.has(chosen) ? (open[0] ?? chosen) : chosen;
  return (
    <section data-testid="lead-outcomes">
      <h3 className="text-sm font-semibold text-slate-900">Outcomes</h3>
      {outcomes.data?.length ? (
        <ul className="mt-2 space-y-1 text-sm text-slate-700">
          {outcomes.data.map((o) => (
            <li key={o.id} className="flex flex-wrap gap-2">
              <span className="font-medium">{LABEL[o.kind]}</span>
              {o.value !== null ? <span>{money(o.value)}</span> : null}
              <span className="text-slate-500">
                {o.occurredAt.toLocaleString()} · {duration(o.occurredAt.getTime() - createdAt.getTime())}{" "}
                after routing
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-500">
          {outcomes.isLoading ? "Loading…" : "None reported yet."}
        </p>
      )}
      {canEdit && open.length > 0 ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Select
            aria-label="Outcome"
            value={kind}
            onChange={(e) => isKind(e.target.value) && setKind(e.target.value)}
            className="w-44"
          >
            {open.map((k) => (
              <option key={k} value={k}>
                {LABEL[k]}
              </option>
            ))}
          </Select>
          {kind === "won" ? (
            <TextInput
              aria-label="Deal value"
              type="number"
              min={0}
              placeholder="Deal value"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className="w-32"
            />
          ) : null}
          <Button
            variant="secondary"
            disabled={report.isPending || reported.has(kind)}
            onClick={() =>
              report.mutate({
                leadId,
                kind,
                ...(kind === "won" && value !== "" ? { value: Number(value) } : {}),
              })
            }
          >
            Report now
          </Button>
          <ErrorNote message={report.error?.message} />
        </div>
      ) : null}
    </section>
  );
}
