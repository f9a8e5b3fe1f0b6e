import { describe, expect, it } from "vitest";
import {
  type BranchStep,
  type CompiledFlow,
  compileFlow,
  type EvaluationResult,
  evaluateFlow,
  type FlowGraph,
  prepareFlow,
  routeLead,
  type ScoreStep,
} from "../../engine";
import { DEMO_CONTEXT, demoFlow, edge, rule } from "./fixtures";

function compile(flow: FlowGraph = demoFlow()): CompiledFlow {
  const result = compileFlow(flow, DEMO_CONTEXT);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

const demo = compile();

/** Evaluates with both back-ends, checks they agree, and returns the result. */
function evaluate(lead: unknown, options: Parameters<typeof evaluateFlow>[2] = {}): EvaluationResult {
  const compiled = evaluateFlow(demo, lead, { ...options, evaluator: "compiled" });
  const reference = evaluateFlow(demo, lead, { ...options, evaluator: "reference" });
  expect(compiled).toEqual(reference);
  return compiled;
}

describe("evaluateFlow", () => {
  it("routes a German healthcare lead to the healthcare pool and explains why", () => {
    const result = evaluate({
      source: "web_form",
      country: "DE",
      industry: "healthcare",
      pricing_seconds: 90,
    });
    expect(result.outcome).toEqual({
      kind: "pool",
      nodeId: "p_health",
      poolId: "pool_health",
      requiredSkills: ["healthcare"],
      requiredTerritories: [],
    });
    expect(result.fallback).toBe(false);
    expect(result.score).toBe(20);
    expect(result.band).toBe("cold");
    expect(result.path).toEqual(["src", "score", "intent", "region", "emea_skill", "p_health"]);
    expect(result.trace.map((step) => step.summary)).toEqual([
      'Channel "web_form" accepted',
      "Score 20 (cold): +20 Pricing page",
      'No case matched (band "cold") → else',
      'country in DE, FR, GB, NL (was "DE") → EMEA',
      "industry = healthcare → Healthcare",
      "Routed to Healthcare pool",
    ]);
    const region = result.trace[3] as BranchStep;
    expect(region).toEqual({
      nodeId: "region",
      nodeType: "branch",
      label: "Region",
      result: "matched",
      summary: 'country in DE, FR, GB, NL (was "DE") → EMEA',
      detail: {
        preset: "territory",
        caseId: "emea",
        caseLabel: "EMEA",
        casesEvaluated: 1,
        checks: [
          {
            field: "country",
            operator: "in_list",
            expected: ["DE", "FR", "GB", "NL"],
            actual: "DE",
            result: true,
            text: "country in DE, FR, GB, NL",
          },
        ],
        seen: [{ field: "country", value: "DE" }],
      },
    });
  });

  it("scores, caps and bands, and later branches see score and band", () => {
    const result = evaluate({
      source: "chat",
      demo_requested: true,
      pricing_seconds: 300,
      employees: 20_000,
      tags: ["enterprise"],
      country: "US",
    });
    const score = result.trace[1] as ScoreStep;
    expect(score.detail.rawScore).toBe(110);
    expect(score.detail.score).toBe(100);
    expect(score.detail.band).toBe("hot");
    expect(score.detail.matched.map((m) => [m.ruleId, m.points])).toEqual([
      ["demo", 40],
      ["pricing", 20],
      ["big", 30],
      ["tag", 20],
    ]);
    expect(score.detail.matched[2]?.checks).toEqual([
      {
        field: "employees",
        operator: "gte",
        expected: 1000,
        actual: 20_000,
        result: true,
        text: "employees ≥ 1000",
      },
    ]);
    expect(result.score).toBe(100);
    expect(result.band).toBe("hot");
    expect(result.outcome).toMatchObject({ kind: "pool", poolId: "pool_enterprise" });
    expect(result.trace[2]?.summary).toBe("band = hot → Hot");
  });

  it("rejects leads from channels the source does not accept", () => {
    for (const source of ["fax", undefined, 42, ["web_form"]]) {
      const result = evaluate({ source, country: "DE" });
      expect(result.outcome).toEqual({
        kind: "rejected",
        nodeId: "src",
        reason: "The flow does not accept leads from this channel.",
      });
      expect(result.path).toEqual(["src"]);
      expect(result.score).toBeNull();
      expect(result.trace[0]).toMatchObject({ nodeType: "source", result: "rejected" });
    }
  });

  it("falls back when no case matches, and reports the values seen", () => {
    const result = evaluate({ source: "api", country: "JP" });
    expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    expect(result.fallback).toBe(true);
    expect(result.trace.at(-2)?.summary).toBe('No case matched (country "JP") → else');
    expect(result.trace.at(-1)).toEqual({
      nodeId: "fb",
      nodeType: "fallback",
      label: "Triage queue",
      result: "fallback",
      summary: 'Fallback: queue "triage"',
      detail: { target: { kind: "queue", queue: "triage" } },
    });
  });

  it("assigns fixed owners", () => {
    const result = evaluate({ source: "api", country: "CA" });
    expect(result.outcome).toEqual({ kind: "rep", nodeId: "a_na", repId: "rep_na" });
    expect(result.fallback).toBe(false);
    expect(result.trace.at(-1)?.summary).toBe("Assigned to rep rep_na");
  });

  it("treats missing fields as null: comparisons fail, the flow still ends somewhere", () => {
    const result = evaluate({ source: "web_form" });
    expect(result.score).toBe(0);
    expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    expect((result.trace[3] as BranchStep).detail.seen).toEqual([{ field: "country", value: null }]);
    expect(result.trace[3]?.summary).toBe("No case matched (country missing) → else");
  });

  it("continues along a pool's no-eligible edge for pools the caller marks ineligible", () => {
    const lead = { source: "web_form", country: "DE", industry: "healthcare" };
    const first = evaluate(lead);
    expect(first.outcome).toMatchObject({ kind: "pool", nodeId: "p_health" });
    const second = evaluate(lead, { ineligiblePoolNodes: ["p_health"] });
    expect(second.outcome).toMatchObject({ kind: "pool", nodeId: "p_emea" });
    expect(second.trace.find((s) => s.nodeId === "p_health")).toMatchObject({
      result: "no_eligible",
      summary: "Healthcare pool: no eligible rep, continuing",
    });
    const third = evaluate(lead, { ineligiblePoolNodes: new Set(["p_health", "p_emea"]) });
    expect(third.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    expect(third.fallback).toBe(true);
    expect(third.path).toEqual([
      "src",
      "score",
      "intent",
      "region",
      "emea_skill",
      "p_health",
      "p_emea",
      "fb",
    ]);
  });

  it("returns the same outcome without the trace", () => {
    const lead = { source: "web_form", country: "FR", demo_requested: true };
    const full = evaluate(lead);
    const bare = evaluate(lead, { trace: false });
    expect(bare).toEqual({ ...full, trace: [] });
  });

  it("accepts prepared flows and stored (JSON) artifacts", () => {
    const lead = { source: "web_form", country: "NL" };
    const prepared = prepareFlow(JSON.parse(JSON.stringify(demo)));
    expect(evaluateFlow(prepared, lead)).toEqual(evaluateFlow(demo, lead));
    expect(() => prepareFlow({ format: "nope" })).toThrow(/Invalid compiled flow/);
  });

  it("evaluates hand-edited JSON Logic in a stored artifact exactly like json-logic-js", () => {
    const edited = JSON.parse(JSON.stringify(demo)) as CompiledFlow;
    const region = edited.nodes.find((n) => n.id === "region");
    if (region?.type !== "branch" || region.cases[0] === undefined || region.cases[1] === undefined) {
      throw new Error("fixture");
    }
    // Shapes the flow compiler never emits: a missing-check, a var with a default, a computed path.
    region.cases[0].when = { "!": [{ missing: ["country", "industry"] }] };
    region.cases[1].when = {
      or: [{ "==": [{ var: ["employees", 0] }, "50"] }, { in: [{ var: { cat: ["coun", "try"] } }, ["US"]] }],
    };
    const leads = [
      { source: "api", country: "FR", industry: "retail" },
      { source: "api", country: "FR" },
      { source: "api", employees: 50 },
      { source: "api", country: "US" },
      { source: "api" },
    ];
    const routes = leads.map((lead) => {
      const compiled = evaluateFlow(prepareFlow(edited), lead);
      expect(evaluateFlow(prepareFlow(edited, "reference"), lead)).toEqual(compiled);
      return compiled.outcome.nodeId;
    });
    expect(routes).toEqual(["p_emea", "fb", "a_na", "a_na", "fb"]);
  });

  it("keeps the latest score when several score nodes run", () => {
    const flow: FlowGraph = {
      version: 1,
      nodes: [
        {
          id: "s",
          type: "source",
          position: { x: 0, y: 0 },
          data: { channels: [], fields: [{ name: "n", type: "number" }] },
        },
        {
          id: "s1",
          type: "score",
          position: { x: 0, y: 0 },
          data: {
            rules: [{ id: "r", condition: rule("n", "gt", 0), points: 50 }],
            bands: { hot: 40, warm: 20 },
          },
        },
        {
          id: "s2",
          type: "score",
          position: { x: 0, y: 0 },
          data: {
            rules: [
              { id: "was_hot", condition: rule("band", "equals", "hot"), points: 5 },
              { id: "high", condition: rule("score", "gte", 50), points: 1 },
            ],
            bands: { hot: 100, warm: 5 },
            min: -10,
          },
        },
        {
          id: "q",
          type: "fallback",
          position: { x: 0, y: 0 },
          data: { target: { kind: "queue", queue: "triage" } },
        },
      ],
      edges: [edge("s", "next", "s1"), edge("s1", "next", "s2"), edge("s2", "next", "q")],
    };
    const compiled = compile(flow);
    const result = evaluateFlow(compiled, { n: 3 });
    expect(result.score).toBe(6);
    expect(result.band).toBe("warm");
    expect(evaluateFlow(compiled, { n: 0 }).score).toBe(0);
    // A source without a channel filter accepts a lead that names no channel, and says so plainly.
    expect(result.trace[0]?.summary).toBe("No channel given; every channel is accepted");
    expect(evaluateFlow(compiled, { n: 1, source: "chat" }).trace[0]?.summary).toBe(
      'Channel "chat" accepted',
    );
  });

  it("is deterministic", () => {
    const lead = { source: "web_form", country: "DE", industry: "retail", employees: "1200" };
    expect(evaluate(lead)).toEqual(evaluate(structuredClone(lead)));
  });
});

describe("routeLead", () => {
  const lead = { source: "web_form", country: "DE", industry: "healthcare" };

  it("returns the rep the pool picker chose", async () => {
    const decision = await routeLead(demo, lead, (pool) => (pool.poolId === "pool_health" ? "rep_h1" : null));
    expect(decision.repId).toBe("rep_h1");
    expect(decision.outcome).toMatchObject({ kind: "pool", poolId: "pool_health" });
    expect(decision.poolAttempts).toEqual([{ nodeId: "p_health", poolId: "pool_health", repId: "rep_h1" }]);
  });

  it("follows no-eligible edges until a pool has a rep or the flow falls back", async () => {
    const asked: string[] = [];
    const decision = await routeLead(demo, lead, async (pool) => {
      asked.push(pool.poolId);
      return pool.poolId === "pool_emea" ? "rep_e1" : null;
    });
    expect(asked).toEqual(["pool_health", "pool_emea"]);
    expect(decision.repId).toBe("rep_e1");
    expect(decision.trace.map((s) => s.nodeId)).toEqual([
      "src",
      "score",
      "intent",
      "region",
      "emea_skill",
      "p_health",
      "p_emea",
    ]);

    const nobody = await routeLead(demo, lead, () => null);
    expect(nobody.repId).toBeNull();
    expect(nobody.fallback).toBe(true);
    expect(nobody.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    expect(nobody.poolAttempts.map((a) => a.nodeId)).toEqual(["p_health", "p_emea"]);
  });

  it("returns fixed reps and rejections without asking for a pick", async () => {
    let asked = 0;
    const pick = () => {
      asked += 1;
      return "x";
    };
    expect((await routeLead(demo, { source: "api", country: "US" }, pick)).repId).toBe("rep_na");
    expect((await routeLead(demo, { source: "fax" }, pick)).outcome.kind).toBe("rejected");
    expect(asked).toBe(0);
  });
});
