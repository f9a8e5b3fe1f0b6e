"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LeadDetail } from "@/components/leads/lead-detail";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select, TextInput } from "@/components/ui/field";
import { Card, EmptyState } from "@/components/ui/page-header";

type Band = "hot" | "warm" | "cold";
type Outcome = "rep" | "queue" | "rejected";

export function LeadsPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [flowId, setFlowId] = useState("");
  const [band, setBand] = useState<Band | "">("");
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [selected, setSelected] = useState<string | null>(null);
  const flows = useQuery(trpc.flows.list.queryOptions());
  const filters = {
    search: search.trim() || undefined,
    flowId: flowId || undefined,
    band: band || undefined,
    outcome: outcome || undefined,
    limit: 50,
  };
  const leads = useInfiniteQuery(
    trpc.leads.list.infiniteQueryOptions(filters, {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-4">
        <TextInput
          aria-label="Search leads"
          placeholder="Search lead data or rep…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-72"
        />
        <Select aria-label="Flow" value={flowId} onChange={(e) => setFlowId(e.target.value)} className="w-48">
          <option value="">All flows</option>
          {flows.data?.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Band"
          value={band}
          onChange={(e) => setBand(e.target.value as Band | "")}
          className="w-36"
        >
          <option value="">Any band</option>
          <option value="hot">Hot</option>
          <option value="warm">Warm</option>
          <option value="cold">Cold</option>
        </Select>
        <Select
          aria-label="Outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome | "")}
          className="w-44"
        >
          <option value="">Any outcome</option>
          <option value="rep">Assigned to a rep</option>
          <option value="queue">Sent to a queue</option>
          <option value="rejected">Rejected by source</option>
        </Select>
      </div>
      {leads.isLoading ? (
        <p className="px-5 py-8 text-sm text-slate-500">Loading leads…</p>
      ) : items.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No leads match">
            Leads appear here as soon as a published flow routes them.
          </EmptyState>
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-5 py-2.5 font-medium">Time</th>
              <th className="px-3 py-2.5 font-medium">Lead</th>
              <th className="px-3 py-2.5 font-medium">Flow</th>
              <th className="px-3 py-2.5 font-medium">Owner</th>
              <th className="px-3 py-2.5 font-medium">Band</th>
              <th className="px-3 py-2.5 font-medium">Status</th>
              <th className="px-5 py-2.5 text-right font-medium">Latency</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((lead) => (
              <tr
                key={lead.id}
                className="cursor-pointer hover:bg-slate-50"
                onClick={() => setSelected(lead.id)}
              >
                <td className="whitespace-nowrap px-5 py-2.5 text-slate-500">
                  {lead.createdAt.toLocaleString()}
                </td>
                <td className="px-3 py-2.5 font-medium text-slate-900">
                  <button
                    type="button"
                    className="text-left hover:underline"
                    onClick={() => setSelected(lead.id)}
                  >
                    {lead.summary}
                  </button>
                </td>
                <td className="px-3 py-2.5 text-slate-600">
                  {lead.flowName} <span className="text-xs text-slate-400">v{lead.versionNumber}</span>
                </td>
                <td className="px-3 py-2.5">
                  {lead.repName ? (
                    <span>
                      {lead.repName}
                      {lead.poolName ? (
                        <span className="text-xs text-slate-400"> · {lead.poolName}</span>
                      ) : null}
                    </span>
                  ) : lead.queue ? (
                    <Badge tone="amber">queue: {lead.queue}</Badge>
                  ) : (
                    <Badge tone="rose">{lead.outcomeKind}</Badge>
                  )}
                </td>
                <td className="px-3 py-2.5">
                  {lead.band ? <Badge>{lead.band}</Badge> : <span className="text-slate-400">—</span>}
                </td>
                <td className="px-3 py-2.5">
                  <Badge tone={lead.status === "open" ? "green" : "slate"}>{lead.status}</Badge>
                </td>
                <td className="px-5 py-2.5 text-right tabular-nums text-slate-500">
                  {lead.latencyMs ?? "—"} ms
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {leads.hasNextPage ? (
        <div className="border-t border-slate-200 px-5 py-3 text-center">
          <Button
            variant="secondary"
            onClick={() => void leads.fetchNextPage()}
            disabled={leads.isFetchingNextPage}
          >
            {leads.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      <Dialog open={selected !== null} title="Routing decision" onClose={() => setSelected(null)}>
        {selected ? <LeadDetail leadId={selected} /> : null}
      </Dialog>
    </Card>
  );
}
