/** Hostile and degenerate input: prototype tricks, huge values, deep nesting, odd types. */
import { describe, expect, it } from "vitest";
import {
  type CompiledFlow,
  compileFlow,
  compileJsonLogic,
  evaluateFlow,
  LIMITS,
  parseFlowGraph,
  validateFlow,
} from "../../engine";
import { DEMO_CONTEXT, demoFlow } from "./fixtures";

function demo(): CompiledFlow {
  const result = compileFlow(demoFlow(), DEMO_CONTEXT);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

const both = (flow: CompiledFlow, lead: unknown) => {
  const compiled = evaluateFlow(flow, lead);
  expect(evaluateFlow(flow, lead, { evaluator: "reference" })).toEqual(compiled);
  return compiled;
};

describe("hostile leads", () => {
  const flow = demo();

  it("ignores __proto__ and constructor payloads and never pollutes prototypes", () => {
    const lead = JSON.parse(
      '{"source":"web_form","__proto__":{"country":"DE","industry":"healthcare","polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    );
    const result = both(flow, lead);
    expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    expect((result.trace[3] as { detail: { seen: unknown } }).detail.seen).toEqual([
      { field: "country", value: null },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("reads only own properties, even when Object.prototype is polluted", () => {
    const inherited = Object.create({ country: "DE", source: "web_form" }) as object;
    expect(both(flow, inherited).outcome.kind).toBe("rejected");
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.country = "DE";
    prototype.source = "web_form";
    try {
      const result = both(flow, { source: "api" });
      expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
      expect(both(flow, {}).outcome.kind).toBe("rejected");
    } finally {
      delete prototype.country;
      delete prototype.source;
    }
  });

  it("treats huge strings and lists as missing, quickly", () => {
    const huge = "D".repeat(5_000_000);
    const result = both(flow, {
      source: "web_form",
      country: huge,
      industry: huge,
      tags: Array(100_000).fill("x"),
    });
    expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
    const long = `DE${"x".repeat(LIMITS.maxTraceValueLength * 2)}`;
    const traced = both(flow, { source: "web_form", country: long });
    const seen = (traced.trace[3] as { detail: { seen: Array<{ value: unknown }> } }).detail.seen[0]?.value;
    expect(typeof seen === "string" && seen.length <= LIMITS.maxTraceValueLength + 1).toBe(true);
  });

  it("does not recurse into deeply nested lead values", () => {
    let deep: unknown = "DE";
    for (let i = 0; i < 200_000; i += 1) deep = { x: deep };
    let deepList: unknown = ["enterprise"];
    for (let i = 0; i < 200_000; i += 1) deepList = [deepList];
    const result = both(flow, { source: "web_form", country: deep, tags: deepList });
    expect(result.outcome).toEqual({ kind: "queue", nodeId: "fb", queue: "triage" });
  });

  it("copes with any kind of lead value", () => {
    for (const lead of [
      null,
      undefined,
      0,
      "web_form",
      [],
      [{ source: "web_form" }],
      () => 1,
      new Date(),
      new Map(),
    ]) {
      expect(both(flow, lead).outcome.kind).toBe("rejected");
    }
    const weird = {
      source: "web_form",
      country: ["DE"],
      employees: { valueOf: () => 5000 },
      demo_requested: "yes",
    };
    expect(both(flow, weird).score).toBe(0);
  });
});

describe("hostile flows", () => {
  it("rejects deeply nested flow input without overflowing the stack", () => {
    let condition: unknown = { kind: "rule", field: "country", operator: "equals", value: "DE" };
    for (let i = 0; i < 100_000; i += 1)
      condition = { kind: "group", combinator: "all", children: [condition] };
    const flow = demoFlow() as unknown as {
      nodes: Array<{ id: string; data: { cases?: Array<{ condition: unknown }> } }>;
    };
    const region = flow.nodes.find((n) => n.id === "region");
    const first = region?.data.cases?.[0];
    if (first === undefined) throw new Error("fixture");
    first.condition = condition;
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.message).toMatch(/deeper than/);
  });

  it("rejects oversized flows structurally", () => {
    const flow = demoFlow();
    const huge = { ...flow, nodes: Array.from({ length: LIMITS.maxNodes * 2 + 1 }, () => flow.nodes[0]) };
    expect(parseFlowGraph(huge).ok).toBe(false);
    const longLabel = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, label: "x".repeat(10_000) })) };
    expect(validateFlow(longLabel).issues[0]?.code).toBe("invalid_structure");
  });

  it("keeps __proto__ and friends out of field names", () => {
    const flow = JSON.parse(JSON.stringify(demoFlow()).replace('"name":"industry"', '"name":"__proto__"'));
    const codes = validateFlow(flow, DEMO_CONTEXT).issues.map((i) => i.code);
    expect(codes).toContain("invalid_field_name");
    const ctor = JSON.parse(JSON.stringify(demoFlow()).replace('"name":"industry"', '"name":"constructor"'));
    expect(validateFlow(ctor, DEMO_CONTEXT).issues.map((i) => i.code)).toContain("reserved_field_name");
  });
});

describe("hostile JSON Logic", () => {
  it("rejects rules nested beyond the limit instead of overflowing the stack", () => {
    let rule: unknown = true;
    for (let i = 0; i < 100_000; i += 1) rule = { "!": [rule] };
    expect(() => compileJsonLogic(rule)).toThrow(RangeError);
    let ok: unknown = true;
    for (let i = 0; i < LIMITS.maxJsonLogicDepth / 2; i += 1) ok = { "!!": [ok] };
    expect(compileJsonLogic(ok)(null)).toBe(true);
  });

  it("treats prototype names as unknown operations, like json-logic-js", () => {
    for (const op of ["__proto__", "constructor", "toString", "hasOwnProperty", "var.length"]) {
      const rule = JSON.parse(`{"${op}": [1]}`);
      expect(() => compileJsonLogic(rule)(null)).toThrow(/Unrecognized operation/);
    }
  });
});
