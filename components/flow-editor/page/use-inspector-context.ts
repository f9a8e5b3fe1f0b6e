"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { InspectorContext } from "@/components/flow-editor/types";
import { useTRPC } from "@/components/trpc/client";
import type { FlowGraphInput } from "@/engine";

/** The workspace's reps and pools shaped for the inspector's pickers, plus the fields the flow declares. */
export function useInspectorContext(graph: FlowGraphInput): { context: InspectorContext; loading: boolean } {
  const trpc = useTRPC();
  const reps = useQuery(trpc.reps.list.queryOptions());
  const pools = useQuery(trpc.pools.list.queryOptions());
  const fieldsKey = JSON.stringify(sourceFields(graph));
  const queuesKey = usedQueues(graph).join("\n");

  const context = useMemo<InspectorContext>(() => {
    const repRows = reps.data ?? [];
    return {
      fields: JSON.parse(fieldsKey) as InspectorContext["fields"],
      skills: uniqueSorted(repRows.flatMap((r) => r.skills)),
      territories: uniqueSorted(repRows.flatMap((r) => r.territories)),
      reps: repRows.map((r) => ({ id: r.id, name: r.name, status: r.status })),
      pools: (pools.data ?? []).map((p) => ({
        id: p.id,
        name: p.name,
        strategy: p.strategy,
        members: p.members.map((m) => ({
          repId: m.repId,
          name: m.name,
          weight: m.weight,
          status: m.status,
          awayUntil: m.awayUntil,
          openLeads: m.openLeads,
          capacity: m.capacity,
        })),
      })),
      queues: uniqueSorted(["Unassigned", ...queuesKey.split("\n").filter(Boolean)]),
    };
  }, [reps.data, pools.data, fieldsKey, queuesKey]);

  return { context, loading: reps.isLoading || pools.isLoading };
}

function sourceFields(graph: FlowGraphInput) {
  const source = graph.nodes.find((n) => n.type === "source");
  return source?.type === "source" ? source.data.fields : [];
}

function usedQueues(graph: FlowGraphInput): string[] {
  return graph.nodes.flatMap((n) =>
    (n.type === "assign" || n.type === "fallback") && n.data.target.kind === "queue"
      ? [n.data.target.queue]
      : [],
  );
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => a.localeCompare(b));
}
