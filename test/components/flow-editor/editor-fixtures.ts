/** Small hand-written flows for the editor model tests. */
import type { FlowGraph } from "@/engine";

/** source → territory branch (EMEA, APAC, else) → two pools and a fallback. */
export function territoryFlow(): FlowGraph {
  return {
    version: 1,
    nodes: [
      {
        id: "source",
        type: "source",
        position: { x: 0, y: 0 },
        data: { channels: [], fields: [{ name: "country", type: "string" }] },
      },
      {
        id: "territory",
        type: "branch",
        label: "Territory",
        position: { x: 0, y: 200 },
        data: {
          preset: "territory",
          cases: [
            {
              id: "emea",
              label: "EMEA",
              condition: { kind: "rule", field: "country", operator: "in_list", value: ["DE"] },
            },
            {
              id: "apac",
              label: "APAC",
              condition: { kind: "rule", field: "country", operator: "in_list", value: ["JP"] },
            },
          ],
        },
      },
      { id: "pool-emea", type: "pool", position: { x: -300, y: 400 }, data: { poolId: "p1" } },
      { id: "pool-apac", type: "pool", position: { x: 0, y: 400 }, data: { poolId: "p2" } },
      {
        id: "fallback",
        type: "fallback",
        position: { x: 300, y: 600 },
        data: { target: { kind: "queue", queue: "Unassigned" } },
      },
    ],
    edges: [
      { id: "source-next", source: "source", sourceHandle: "next", target: "territory" },
      { id: "territory-emea", source: "territory", sourceHandle: "emea", target: "pool-emea" },
      { id: "territory-apac", source: "territory", sourceHandle: "apac", target: "pool-apac" },
      { id: "territory-else", source: "territory", sourceHandle: "else", target: "fallback" },
      { id: "pool-emea-ne", source: "pool-emea", sourceHandle: "no_eligible", target: "fallback" },
      { id: "pool-apac-ne", source: "pool-apac", sourceHandle: "no_eligible", target: "fallback" },
    ],
  };
}
