/** The case index of branch nodes (engine/prepare.ts): only candidate cases run, first match wins. */
import { describe, expect, it } from "vitest";
import {
  type CompiledFlow,
  type Condition,
  compileFlow,
  type EvaluationResult,
  evaluateFlow,
  type FlowGraph,
  type FlowNode,
  prepareFlow,
} from "../../engine";
import { all, any, edge, rule } from "./fixtures";

const at = { x: 0, y: 0 };

/** source → one branch ("route") with the given cases, each to its own pool; else → fallback queue. */
function branchFlow(cases: Array<[string, Condition]>): CompiledFlow {
  const nodes: FlowNode[] = [
    {
      id: "src",
      type: "source",
      position: at,
      data: {
        channels: [],
        fields: [
          { name: "country", type: "string" },
          { name: "industry", type: "string" },
          { name: "employees", type: "number" },
        ],
      },
    },
    {
      id: "route",
      type: "branch",
      position: at,
      data: {
        preset: "custom",
        cases: cases.map(([id, condition]) => ({ id, label: id, condition })),
      },
    },
    ...cases.map(
      ([id]): FlowNode => ({ id: `p_${id}`, type: "pool", position: at, data: { poolId: `pool_${id}` } }),
    ),
    { id: "fb", type: "fallback", position: at, data: { target: { kind: "queue", queue: "triage" } } },
  ];
  const graph: FlowGraph = {
    version: 1,
    nodes,
    edges: [
      edge("src", "next", "route"),
      ...cases.map(([id]) => edge("route", id, `p_${id}`)),
      edge("route", "else", "fb"),
      ...cases.map(([id]) => edge(`p_${id}`, "no_eligible", "fb")),
    ],
  };
  const context = { poolIds: cases.map(([id]) => `pool_${id}`), repIds: [], queueNames: ["triage"] };
  const result = compileFlow(graph, context);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

/**
 * Cases sharing the test on country with later ones, a case that does not test country between
 * them, and two cases that both accept DE with small companies (the earlier one must win).
 */
const SHARED: Array<[string, Condition]> = [
  ["dach_ent", all(rule("country", "in_list", ["DE", "AT"]), rule("employees", "gte", 1000))],
  ["health", rule("industry", "equals", "healthcare")],
  ["germany", rule("country", "equals", "DE")],
  ["small", all(rule("country", "in_list", ["DE", "US"]), rule("employees", "lt", 10))],
  ["us_or_big", any(rule("country", "equals", "US"), rule("employees", "gte", 5000))],
];

const shared = branchFlow(SHARED);
const compiled = prepareFlow(shared, "compiled");
const reference = prepareFlow(shared, "reference");

/** Evaluates with both back-ends, checks they agree (outcome, path and trace), returns the case. */
function route(lead: unknown): string {
  const fast: EvaluationResult = evaluateFlow(compiled, lead);
  expect(fast).toEqual(evaluateFlow(reference, lead));
  expect(evaluateFlow(compiled, lead, { trace: false }).outcome).toEqual(fast.outcome);
  return fast.outcome.kind === "pool" ? fast.outcome.poolId.replace("pool_", "") : fast.outcome.kind;
}

describe("branch case index", () => {
  it("indexes the cases by the field the first case tests, in case order", () => {
    const index = compiled.nodes.find((node) => node.id === "route")?.index;
    expect(index).not.toBeNull();
    // DE: dach_ent and germany test country, health and us_or_big do not; germany needs no further
    // check, so the cases after it are never candidates.
    expect(index?.table.get("DE")).toEqual([0, 1, 2]);
    expect(index?.table.get("AT")).toEqual([0, 1, 4]);
    expect(index?.table.get("US")).toEqual([1, 3, 4]);
    expect(index?.others).toEqual([1, 4]);
    expect(index?.tests.map((test) => test === null)).toEqual([false, false, true, false, false]);
  });

  it("keeps first-match-wins across shared sub-conditions", () => {
    expect(route({ country: "DE", employees: 2000 })).toBe("dach_ent");
    expect(route({ country: "DE", employees: 2000, industry: "healthcare" })).toBe("dach_ent");
    // An earlier case that does not test country wins over a later one that does.
    expect(route({ country: "DE", employees: 5, industry: "healthcare" })).toBe("health");
    // germany and small both hold; germany comes first.
    expect(route({ country: "DE", employees: 5 })).toBe("germany");
    expect(route({ country: "US", employees: 5 })).toBe("small");
    expect(route({ country: "US", employees: 50 })).toBe("us_or_big");
    expect(route({ country: "AT", employees: 500 })).toBe("queue");
    expect(route({ country: "AT", employees: 9000 })).toBe("dach_ent");
  });

  it("falls back to the cases that do not test the field for other and missing values", () => {
    expect(route({ country: "FR", industry: "healthcare" })).toBe("health");
    expect(route({ country: "FR", employees: 6000 })).toBe("us_or_big");
    expect(route({ employees: 6000 })).toBe("us_or_big");
    expect(route({ country: 42, employees: 10 })).toBe("queue");
    expect(route(null)).toBe("queue");
    expect(route({ country: "de" })).toBe("queue");
  });

  it("reads only own properties through the index", () => {
    const lead = Object.create({ country: "DE" }) as Record<string, unknown>;
    lead.employees = 5;
    expect(route(lead)).toBe("queue");
  });

  it("is not built when the first case does not test one field against constants", () => {
    const flow = prepareFlow(
      branchFlow([
        ["big", rule("employees", "gte", 1000)],
        ["germany", rule("country", "equals", "DE")],
      ]),
    );
    expect(flow.nodes.find((node) => node.id === "route")?.index).toBeNull();
    expect(evaluateFlow(flow, { country: "DE", employees: 2000 }).path).toEqual(["src", "route", "p_big"]);
    expect(evaluateFlow(flow, { country: "DE", employees: 20 }).path).toEqual(["src", "route", "p_germany"]);
  });

  it("dispatches a branch whose cases all test the field with a single lookup", () => {
    const flow = prepareFlow(
      branchFlow([
        ["dach", rule("country", "in_list", ["DE", "AT", "CH"])],
        ["de_again", rule("country", "equals", "DE")],
        ["us", rule("country", "equals", "US")],
      ]),
    );
    const index = flow.nodes.find((node) => node.id === "route")?.index;
    expect(index?.table.get("DE")).toEqual([0]);
    expect(index?.table.get("US")).toEqual([2]);
    expect(index?.others).toEqual([]);
    expect(evaluateFlow(flow, { country: "DE" }).path).toEqual(["src", "route", "p_dach"]);
    expect(evaluateFlow(flow, { country: "US" }).path).toEqual(["src", "route", "p_us"]);
    expect(evaluateFlow(flow, { country: "FR" }).path).toEqual(["src", "route", "fb"]);
  });
});
