import type { FlowGraphInput } from "@/engine";

/** A new flow starts valid: every lead goes to the "Unassigned" queue until the manager draws more. */
export function starterGraph(): FlowGraphInput {
  return {
    version: 1,
    nodes: [
      {
        id: "source",
        type: "source",
        label: "Incoming leads",
        position: { x: 0, y: 0 },
        data: { channels: [], fields: [] },
      },
      {
        id: "fallback",
        type: "fallback",
        label: "Unassigned queue",
        position: { x: 0, y: 200 },
        data: { target: { kind: "queue", queue: "Unassigned" } },
      },
    ],
    edges: [{ id: "source-next", source: "source", sourceHandle: "next", target: "fallback" }],
  };
}

export interface TerritoryPool {
  caseLabel: string;
  countries: string[];
  poolId: string;
}

/** "Territory then round robin": country decides the territory pool; anything else falls back to a queue. */
export function territoryGraph(territories: TerritoryPool[], fallbackQueue = "Unassigned"): FlowGraphInput {
  const nodes: FlowGraphInput["nodes"] = [
    {
      id: "source",
      type: "source",
      label: "Inbound leads",
      position: { x: 0, y: 0 },
      data: {
        channels: ["web_form", "chat", "api"],
        fields: [
          { name: "country", type: "string", label: "Country" },
          { name: "company_size", type: "number", label: "Company size" },
          { name: "industry", type: "string", label: "Industry" },
        ],
      },
    },
    {
      id: "territory",
      type: "branch",
      label: "Territory",
      position: { x: 0, y: 160 },
      data: {
        preset: "territory",
        cases: territories.map((t, i) => ({
          id: `case-${i + 1}`,
          label: t.caseLabel,
          condition: {
            kind: "rule" as const,
            field: "country",
            operator: "in_list" as const,
            value: t.countries,
          },
        })),
      },
    },
    {
      id: "fallback",
      type: "fallback",
      label: `${fallbackQueue} queue`,
      position: { x: 0, y: 480 },
      data: { target: { kind: "queue", queue: fallbackQueue } },
    },
  ];
  const edges: FlowGraphInput["edges"] = [
    { id: "source-next", source: "source", sourceHandle: "next", target: "territory" },
    { id: "territory-else", source: "territory", sourceHandle: "else", target: "fallback" },
  ];
  territories.forEach((t, i) => {
    const nodeId = `pool-${i + 1}`;
    nodes.push({
      id: nodeId,
      type: "pool",
      label: `${t.caseLabel} pool`,
      position: { x: (i - (territories.length - 1) / 2) * 260, y: 320 },
      data: { poolId: t.poolId },
    });
    edges.push({
      id: `territory-case-${i + 1}`,
      source: "territory",
      sourceHandle: `case-${i + 1}`,
      target: nodeId,
    });
    edges.push({
      id: `${nodeId}-no-eligible`,
      source: nodeId,
      sourceHandle: "no_eligible",
      target: "fallback",
    });
  });
  return { version: 1, nodes, edges };
}
