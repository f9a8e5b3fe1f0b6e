import { describe, expect, it } from "vitest";
import {
  type Condition,
  type FlowGraph,
  type FlowNode,
  LIMITS,
  type ValidationCode,
  type ValidationContext,
  type ValidationIssue,
  validateFlow,
} from "../../engine";
import { all, DEMO_CONTEXT, demoFlow, edge, rule } from "./fixtures";

const at = { x: 0, y: 0 };

function issuesOf(flow: unknown, context: ValidationContext = DEMO_CONTEXT): ValidationIssue[] {
  const result = validateFlow(flow, context);
  return result.issues;
}

function codes(flow: unknown, context: ValidationContext = DEMO_CONTEXT): ValidationCode[] {
  return issuesOf(flow, context).map((issue) => issue.code);
}

function mutate(change: (flow: FlowGraph) => void): FlowGraph {
  const flow = demoFlow();
  change(flow);
  return flow;
}

function node<T extends FlowNode["type"]>(
  flow: FlowGraph,
  id: string,
  type: T,
): Extract<FlowNode, { type: T }> {
  const found = flow.nodes.find((n) => n.id === id);
  if (found?.type !== type) throw new Error(`no ${type} node ${id}`);
  return found as Extract<FlowNode, { type: T }>;
}

function setCaseCondition(flow: FlowGraph, nodeId: string, condition: Condition): void {
  const branch = node(flow, nodeId, "branch");
  const first = branch.data.cases[0];
  if (first === undefined) throw new Error("no case");
  first.condition = condition;
}

describe("validateFlow", () => {
  it("accepts the demo flow", () => {
    const result = validateFlow(demoFlow(), DEMO_CONTEXT);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("reports malformed input as structural issues with a path, and never throws", () => {
    for (const input of [
      null,
      42,
      "flow",
      [],
      { nodes: "x" },
      { nodes: [{ id: "a", type: "teleport" }], edges: [] },
    ]) {
      const result = validateFlow(input);
      expect(result.ok).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues.every((issue) => issue.code === "invalid_structure")).toBe(true);
    }
    const bad = validateFlow({ nodes: [{ id: "n1", type: "pool", position: at, data: {} }], edges: [] });
    expect(bad.issues[0]).toMatchObject({
      code: "invalid_structure",
      nodeId: "n1",
      path: ["nodes", 0, "data", "poolId"],
    });
  });

  it("needs exactly one source", () => {
    expect(codes(mutate((f) => f.nodes.splice(0, 1)))).toContain("no_source");
    const twoSources = mutate((f) => {
      const source = node(f, "src", "source");
      f.nodes.push({ ...source, id: "src2" });
      f.edges.push(edge("src2", "next", "score"));
    });
    expect(issuesOf(twoSources)).toContainEqual(
      expect.objectContaining({
        code: "multiple_sources",
        nodeId: "src2",
        message: expect.stringContaining("exactly one"),
      }),
    );
  });

  it("reports a branch without else, a case without edge, and a pool without a no-eligible path", () => {
    const flow = mutate((f) => {
      f.edges = f.edges.filter(
        (e) =>
          !(e.source === "region" && e.sourceHandle === "else") &&
          e.id !== "region:na" &&
          e.source !== "p_emea",
      );
    });
    const issues = issuesOf(flow);
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "branch_without_else",
        nodeId: "region",
        message: expect.stringContaining("else"),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "missing_edge",
        nodeId: "region",
        message: expect.stringContaining("North America"),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "pool_without_no_eligible_edge", nodeId: "p_emea" }),
    );
    // The assign node only the removed edge led to is now unreachable.
    expect(issues).toContainEqual(expect.objectContaining({ code: "unreachable", nodeId: "a_na" }));
  });

  it("reports extra, duplicate and dangling edges", () => {
    const flow = mutate((f) => {
      f.edges.push({ id: "x1", source: "a_na", sourceHandle: "next", target: "fb" });
      f.edges.push({ id: "x2", source: "region", sourceHandle: "apac", target: "fb" });
      f.edges.push({ id: "x3", source: "region", sourceHandle: "emea", target: "fb" });
      f.edges.push({ id: "x4", source: "region", sourceHandle: "na", target: "ghost" });
      f.edges.push({ id: "x5", source: "fb", sourceHandle: "next", target: "src" });
    });
    const issues = issuesOf(flow);
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "unknown_handle",
        edgeId: "x1",
        message: expect.stringContaining("ends the flow"),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "unknown_handle", edgeId: "x2", nodeId: "region" }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ code: "duplicate_edge", edgeId: "x3" }));
    expect(issues).toContainEqual(expect.objectContaining({ code: "edge_unknown_node", edgeId: "x4" }));
    expect(issues).toContainEqual(expect.objectContaining({ code: "edge_into_source", edgeId: "x5" }));
  });

  it("reports cycles with the nodes involved", () => {
    const flow = mutate((f) => {
      f.edges = f.edges.filter((e) => e.id !== "p_emea:no_eligible");
      f.edges.push(edge("p_emea", "no_eligible", "region"));
    });
    const cycle = issuesOf(flow).find((issue) => issue.code === "cycle");
    expect(cycle?.message).toContain('Branch "Region"');
    expect(cycle?.message).toContain('Pool "EMEA pool"');
    expect(cycle?.message).toContain("loop");
  });

  it("reports duplicate ids", () => {
    const flow = mutate((f) => {
      f.nodes.push({ ...node(f, "fb", "fallback") });
      f.edges.push({ ...(f.edges[0] as FlowGraph["edges"][number]) });
    });
    expect(codes(flow)).toEqual(expect.arrayContaining(["duplicate_node_id", "duplicate_edge_id"]));
  });

  it("checks pool, rep and queue references against the known ids", () => {
    const flow = mutate((f) => {
      node(f, "p_emea", "pool").data.poolId = "pool_nowhere";
      node(f, "a_na", "assign").data.target = { kind: "rep", repId: "rep_ghost" };
      node(f, "fb", "fallback").data.target = { kind: "queue", queue: "" };
      node(f, "p_health", "pool").data.poolId = "";
    });
    const issues = issuesOf(flow);
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "unknown_pool", nodeId: "p_emea", path: ["data", "poolId"] }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ code: "unknown_rep", nodeId: "a_na" }));
    expect(issues).toContainEqual(expect.objectContaining({ code: "missing_queue", nodeId: "fb" }));
    expect(issues).toContainEqual(expect.objectContaining({ code: "missing_pool", nodeId: "p_health" }));
    // Without a context, any non-empty id is accepted.
    const unknownPool = mutate((f) => {
      node(f, "p_emea", "pool").data.poolId = "pool_nowhere";
    });
    expect(validateFlow(unknownPool).ok).toBe(true);
  });

  it("reports undeclared fields and type mismatches at the rule", () => {
    const flow = mutate((f) => {
      setCaseCondition(
        f,
        "region",
        all(rule("country", "in_list", ["DE"]), rule("planet", "equals", "Mars")),
      );
      setCaseCondition(f, "emea_skill", rule("country", "gt", 5));
    });
    const issues = issuesOf(flow);
    expect(issues).toContainEqual({
      code: "undeclared_field",
      nodeId: "region",
      path: ["data", "cases", 0, "condition", "children", 1, "field"],
      message: expect.stringContaining('"planet" is not declared'),
    });
    expect(issues).toContainEqual({
      code: "type_mismatch",
      nodeId: "emea_skill",
      path: ["data", "cases", 0, "condition", "operator"],
      message:
        'Branch "EMEA industry": "is greater than" cannot be used on "country", which is a text field.',
    });
  });

  it("checks rule values against operator and type", () => {
    const cases: Array<[Condition, string]> = [
      [rule("employees", "gte", "many"), "a number"],
      [rule("employees", "between", [50, 10]), "not above the upper bound"],
      [rule("employees", "between", [1]), "a lower and an upper bound"],
      [rule("country", "in_list", []), "at least one value"],
      [rule("country", "in_list", ["DE", 4]), "every item"],
      [rule("created_at", "gt", "yesterday"), "a date"],
      [rule("created_at", "between", ["2024-05-01", "2024-04-01"]), "not above"],
      [rule("demo_requested", "is_true", true), "no value"],
      [rule("industry", "starts_with", ""), "non-empty"],
      [rule("tags", "matches_any_tag", "vip"), "a list of values"],
    ];
    for (const [condition, expected] of cases) {
      const issues = issuesOf(mutate((f) => setCaseCondition(f, "region", condition)));
      expect(issues).toContainEqual(
        expect.objectContaining({
          code: "invalid_value",
          nodeId: "region",
          message: expect.stringContaining(expected),
        }),
      );
    }
    const valid = mutate((f) =>
      setCaseCondition(f, "region", rule("created_at", "between", ["2024-01-01", "2024-02-01T10:00:00Z"])),
    );
    expect(codes(valid)).toEqual([]);
  });

  it("reports empty groups, empty branches and reserved or duplicate case ids", () => {
    const flow = mutate((f) => {
      setCaseCondition(f, "region", { kind: "group", combinator: "any", children: [] });
      const skill = node(f, "emea_skill", "branch");
      skill.data.cases.push({ id: "else", label: "Other", condition: rule("country", "equals", "DE") });
      skill.data.cases.push({ id: "health", label: "", condition: rule("country", "equals", "DE") });
      node(f, "intent", "branch").data.cases = [];
    });
    expect(codes(flow)).toEqual(
      expect.arrayContaining([
        "empty_group",
        "reserved_case_id",
        "duplicate_case_id",
        "empty_label",
        "no_cases",
      ]),
    );
  });

  it("checks declared fields", () => {
    const flow = mutate((f) => {
      const fields = node(f, "src", "source").data.fields;
      fields.push({ name: "score", type: "number" }, { name: "constructor", type: "string" });
      fields.push({ name: "__proto__", type: "string" }, { name: "a.b", type: "string" });
      fields.push({ name: "country", type: "number" });
    });
    const issues = issuesOf(flow);
    expect(issues.filter((i) => i.code === "reserved_field_name")).toHaveLength(2);
    expect(issues.filter((i) => i.code === "invalid_field_name")).toHaveLength(2);
    expect(issues.filter((i) => i.code === "duplicate_field")).toHaveLength(1);
  });

  it("only lets nodes use score and band after a score node on every path", () => {
    const flow = mutate((f) => {
      // A second way into the intent branch that skips the score node.
      f.edges = f.edges.filter((e) => e.id !== "src:next");
      f.edges.push(edge("src", "next", "gate"));
      f.nodes.push({
        id: "gate",
        type: "branch",
        position: at,
        label: "Gate",
        data: {
          preset: "custom",
          cases: [{ id: "de", label: "DE", condition: rule("country", "equals", "DE") }],
        },
      });
      f.edges.push(edge("gate", "de", "intent"), edge("gate", "else", "score"));
    });
    expect(issuesOf(flow)).toContainEqual(
      expect.objectContaining({
        code: "score_unavailable",
        nodeId: "intent",
        message: expect.stringContaining('"band"'),
      }),
    );
    expect(codes(demoFlow())).toEqual([]);
  });

  it("checks score settings", () => {
    const flow = mutate((f) => {
      const score = node(f, "score", "score");
      score.data.bands = { hot: 10, warm: 50 };
      score.data.min = 100;
      score.data.max = 0;
      score.data.rules.push({ id: "demo", condition: rule("employees", "gt", 1), points: 1 });
    });
    expect(codes(flow)).toEqual(
      expect.arrayContaining(["invalid_bands", "invalid_caps", "duplicate_rule_id"]),
    );
  });

  it("enforces graph limits", () => {
    const wide = mutate((f) => {
      for (let i = 0; i < LIMITS.maxNodes; i += 1) {
        f.nodes.push({
          id: `extra${i}`,
          type: "fallback",
          position: at,
          data: { target: { kind: "queue", queue: "q" } },
        });
      }
    });
    expect(codes(wide)).toContain("too_many_nodes");

    const chain = (pools: number): FlowGraph => {
      const flow: FlowGraph = { version: 1, nodes: [], edges: [] };
      flow.nodes.push({ id: "s", type: "source", position: at, data: { channels: [], fields: [] } });
      let previous = "s";
      let handle = "next";
      for (let i = 0; i < pools; i += 1) {
        flow.nodes.push({ id: `p${i}`, type: "pool", position: at, data: { poolId: "pool_emea" } });
        flow.edges.push(edge(previous, handle, `p${i}`));
        previous = `p${i}`;
        handle = "no_eligible";
      }
      flow.nodes.push({
        id: "end",
        type: "fallback",
        position: at,
        data: { target: { kind: "queue", queue: "triage" } },
      });
      flow.edges.push(edge(previous, handle, "end"));
      return flow;
    };
    // source + pools + fallback: a path of exactly maxDepth nodes is fine, one more is not.
    expect(codes(chain(LIMITS.maxDepth - 2))).toEqual([]);
    expect(issuesOf(chain(LIMITS.maxDepth - 1))).toEqual([
      expect.objectContaining({
        code: "too_deep",
        nodeId: "end",
        message: expect.stringContaining("64 steps"),
      }),
    ]);
  });

  it("reports overly complex conditions", () => {
    let deep: Condition = rule("country", "equals", "DE");
    for (let i = 0; i < LIMITS.maxConditionDepth; i += 1) deep = all(deep);
    expect(codes(mutate((f) => setCaseCondition(f, "region", deep)))).toContain("condition_too_complex");
  });
});
