import { describe, expect, it } from "vitest";
import { outputHandles } from "@/components/flow-editor/model/handles";
import { createNode, newNodeId } from "@/components/flow-editor/model/node-factory";
import {
  BRANCH_PRESETS,
  type FlowGraph,
  type FlowNode,
  flowNodeSchema,
  NODE_TYPES,
  validateFlow,
} from "@/engine";

describe("createNode", () => {
  it("creates schema-valid nodes of every type and preset", () => {
    for (const type of NODE_TYPES)
      expect(flowNodeSchema.parse(createNode(type))).toStrictEqual(createNode(type));
    for (const preset of BRANCH_PRESETS) {
      const node = createNode("branch", { preset });
      expect(flowNodeSchema.safeParse(node).success).toBe(true);
      expect(node.type === "branch" && node.data.preset).toBe(preset);
    }
  });

  it("gives readable ids that do not clash", () => {
    expect(createNode("branch", {}, []).id).toBe("branch-1");
    expect(createNode("branch", {}, ["branch-1"]).id).toBe("branch-2");
    expect(createNode("branch", {}, ["branch-1", "branch-3"]).id).toBe("branch-2");
    expect(createNode("pool", {}, ["branch-1"]).id).toBe("pool-1");
    expect(newNodeId("source", [])).toBe("source");
    expect(newNodeId("source", ["source"])).toBe("source-1");
  });

  it("places the node where asked", () => {
    expect(createNode("assign", { position: { x: 12, y: -40 } }).position).toStrictEqual({ x: 12, y: -40 });
    expect(createNode("assign").position).toStrictEqual({ x: 0, y: 0 });
  });

  it("starts a territory branch with one case testing the country list", () => {
    const node = createNode("branch", { preset: "territory" });
    if (node.type !== "branch") throw new Error("not a branch");
    expect(node.data.cases).toStrictEqual([
      {
        id: "case-1",
        label: "Case 1",
        condition: { kind: "rule", field: "country", operator: "in_list", value: [] },
      },
    ]);
    expect(node.label).toBe("Territory");
  });

  it("leaves only the blanks a manager fills in: validation names exactly those", () => {
    const nodes: FlowNode[] = [
      createNode("source"),
      createNode("score", {}, ["source"]),
      createNode("branch", { preset: "territory" }, []),
      createNode("pool", {}, []),
      createNode("assign", {}, []),
      createNode("fallback", {}, []),
    ];
    const [source, score, branch, pool, assign, fallback] = nodes;
    if (!source || !score || !branch || !pool || !assign || !fallback) throw new Error("missing node");
    const sourceNode: FlowNode =
      source.type === "source"
        ? { ...source, data: { ...source.data, fields: [{ name: "country", type: "string" }] } }
        : source;
    const graph: FlowGraph = {
      version: 1,
      nodes: [sourceNode, score, branch, pool, assign, fallback],
      edges: [
        { id: "e1", source: source.id, sourceHandle: "next", target: score.id },
        { id: "e2", source: score.id, sourceHandle: "next", target: branch.id },
        { id: "e3", source: branch.id, sourceHandle: "case-1", target: pool.id },
        { id: "e4", source: branch.id, sourceHandle: "else", target: assign.id },
        { id: "e5", source: pool.id, sourceHandle: "no_eligible", target: fallback.id },
      ],
    };
    const result = validateFlow(graph);
    expect(result.issues.map((issue) => issue.code).sort()).toStrictEqual([
      "invalid_value", // the empty country list
      "missing_pool",
      "missing_rep",
    ]);
  });

  it("makes intent branches and scores that are valid as they are", () => {
    const source = createNode("source");
    const score = createNode("score", {}, ["source"]);
    const intent = createNode("branch", { preset: "intent" }, ["source", "score-1"]);
    const fallback = createNode("fallback", {}, []);
    const result = validateFlow({
      version: 1,
      nodes: [source, score, intent, fallback],
      edges: [
        { id: "e1", source: source.id, sourceHandle: "next", target: score.id },
        { id: "e2", source: score.id, sourceHandle: "next", target: intent.id },
        { id: "e3", source: intent.id, sourceHandle: "case-1", target: fallback.id },
        { id: "e4", source: intent.id, sourceHandle: "else", target: fallback.id },
      ],
    });
    expect(result.issues).toStrictEqual([]);
  });
});

describe("outputHandles", () => {
  it("follows the engine: next, cases then else, no eligible rep, nothing for terminals", () => {
    expect(outputHandles(createNode("source"))).toStrictEqual([{ id: "next", label: "Next" }]);
    expect(outputHandles(createNode("score"))).toStrictEqual([{ id: "next", label: "Next" }]);
    expect(outputHandles(createNode("pool"))).toStrictEqual([
      { id: "no_eligible", label: "No eligible rep" },
    ]);
    expect(outputHandles(createNode("assign"))).toStrictEqual([]);
    expect(outputHandles(createNode("fallback"))).toStrictEqual([]);
    const branch: FlowNode = {
      id: "b",
      type: "branch",
      position: { x: 0, y: 0 },
      data: {
        preset: "custom",
        cases: [
          { id: "emea", label: "EMEA", condition: { kind: "group", combinator: "all", children: [] } },
          { id: "x", label: "  ", condition: { kind: "group", combinator: "all", children: [] } },
        ],
      },
    };
    expect(outputHandles(branch)).toStrictEqual([
      { id: "emea", label: "EMEA" },
      { id: "x", label: "Case 2" },
      { id: "else", label: "Else" },
    ]);
  });
});
