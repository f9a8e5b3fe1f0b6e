import { describe, expect, it } from "vitest";
import { loadGraph } from "@/components/flow-editor/model/flow-graph";
import { createNode } from "@/components/flow-editor/model/node-factory";
import { nodeSize } from "@/components/flow-editor/model/node-size";
import { belowNode, centredAt, freeSpot } from "@/components/flow-editor/model/placement";
import { describeCondition, nodeSummary } from "@/components/flow-editor/model/summary";
import type { FlowGraph, FlowNode } from "@/engine";
import { territoryFlow } from "./editor-fixtures";

const names = { pools: { p1: "EMEA (weighted)" }, reps: { r1: "Ana Schmidt" } };
const at = { x: 0, y: 0 };

describe("nodeSummary", () => {
  it("says in plain words what each node does", () => {
    expect(nodeSummary(createNode("source"), names)).toBe("All channels · 0 fields");
    expect(
      nodeSummary(
        {
          id: "s",
          type: "source",
          position: at,
          data: { channels: ["web_form", "chat", "fax"], fields: [{ name: "a", type: "string" }] },
        },
        names,
      ),
    ).toBe("Web form, Chat, fax · 1 field");
    expect(nodeSummary(createNode("score"), names)).toBe("No rules yet · hot ≥ 60, warm ≥ 30");
    const scored: FlowNode = {
      id: "sc",
      type: "score",
      position: at,
      data: {
        rules: [1, 2, 3].map((i) => ({
          id: `r${i}`,
          condition: { kind: "rule" as const, field: "x", operator: "is_true" as const },
          points: i,
        })),
        bands: { hot: 60, warm: 20 },
      },
    };
    expect(nodeSummary(scored, names)).toBe("3 rules · hot ≥ 60, warm ≥ 20");
    expect(nodeSummary(createNode("branch", { preset: "territory" }), names)).toBe(
      "Territory · 1 case + else",
    );
    expect(nodeSummary({ id: "p", type: "pool", position: at, data: { poolId: "p1" } }, names)).toBe(
      "Pool: EMEA (weighted)",
    );
    expect(
      nodeSummary(
        {
          id: "p",
          type: "pool",
          position: at,
          data: { poolId: "zz", requiredSkills: ["german"], requiredTerritories: ["DACH"] },
        },
        names,
      ),
    ).toBe("Pool: zz · skills german · in DACH");
    expect(nodeSummary(createNode("pool"), names)).toBe("Pool: not chosen");
    expect(
      nodeSummary(
        { id: "a", type: "assign", position: at, data: { target: { kind: "rep", repId: "r1" } } },
        names,
      ),
    ).toBe("Rep: Ana Schmidt");
    expect(nodeSummary(createNode("assign"), names)).toBe("Rep: not chosen");
    expect(nodeSummary(createNode("fallback"), names)).toBe("Queue: Unassigned");
  });

  it("describes conditions for tooltips", () => {
    expect(
      describeCondition({ kind: "rule", field: "country", operator: "in_list", value: ["DE", "AT"] }),
    ).toBe("country in DE, AT");
    expect(
      describeCondition({
        kind: "group",
        combinator: "any",
        children: [
          { kind: "rule", field: "employees", operator: "gte", value: 50 },
          {
            kind: "group",
            combinator: "all",
            children: [
              { kind: "rule", field: "demo", operator: "is_true" },
              { kind: "rule", field: "band", operator: "equals", value: "hot" },
            ],
          },
        ],
      }),
    ).toBe("employees ≥ 50 or (demo is true and band = hot)");
    expect(
      describeCondition({
        kind: "group",
        combinator: "not",
        children: [{ kind: "rule", field: "x", operator: "is_empty" }],
      }),
    ).toBe("not (x is empty)");
    expect(describeCondition({ kind: "rule", field: "", operator: "equals", value: "" })).toBe(
      "(rule not set)",
    );
  });
});

describe("nodeSize", () => {
  it("widens branches so every output label has room", () => {
    expect(nodeSize(createNode("assign")).width).toBe(240);
    const branch = createNode("branch", { preset: "territory" });
    expect(nodeSize(branch).width).toBe(240);
    if (branch.type !== "branch") throw new Error("branch");
    const many: FlowNode = {
      ...branch,
      data: {
        ...branch.data,
        cases: Array.from({ length: 5 }, (_, i) => ({
          ...branch.data.cases[0],
          id: `c${i}`,
          label: `C${i}`,
          condition: { kind: "group" as const, combinator: "all" as const, children: [] },
        })),
      },
    };
    expect(nodeSize(many).width).toBe(6 * 112);
    expect(nodeSize(many).height).toBeGreaterThan(nodeSize(createNode("assign")).height);
  });
});

describe("placement", () => {
  it("puts a node below the anchor, and never on top of another", () => {
    const graph = territoryFlow();
    const size = nodeSize(createNode("assign"));
    const fallback = graph.nodes.find((n) => n.id === "fallback");
    if (fallback === undefined) throw new Error("fixture");
    const below = belowNode(graph, fallback, size);
    expect(below.x).toBe(fallback.position.x);
    expect(below.y).toBeGreaterThan(fallback.position.y + nodeSize(fallback).height);
    const onSource = freeSpot(graph, { x: 0, y: 0 }, size);
    expect(onSource).not.toStrictEqual({ x: 0, y: 0 });
    const empty: FlowGraph = { version: 1, nodes: [], edges: [] };
    expect(freeSpot(empty, { x: 10.4, y: 20.6 }, size)).toStrictEqual({ x: 10, y: 21 });
    expect(centredAt({ x: 100, y: 100 }, { width: 40, height: 20 })).toStrictEqual({ x: 80, y: 90 });
  });
});

describe("loadGraph", () => {
  it("takes a well-formed graph as it is", () => {
    expect(loadGraph(territoryFlow())).toStrictEqual({ graph: territoryFlow(), dropped: 0 });
    expect(loadGraph({ nodes: [], edges: [] })).toStrictEqual({
      graph: { version: 1, nodes: [], edges: [] },
      dropped: 0,
    });
  });

  it("keeps what it can read from a half-broken draft and counts the rest", () => {
    const flow = territoryFlow();
    const broken = {
      nodes: [...flow.nodes, { id: "x", type: "mystery" }],
      edges: [...flow.edges, { id: 3 }],
    };
    expect(loadGraph(broken)).toStrictEqual({ graph: flow, dropped: 2 });
    expect(loadGraph(null)).toStrictEqual({ graph: { version: 1, nodes: [], edges: [] }, dropped: 0 });
  });
});
