import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMPILED_FLOW_FORMAT,
  type CompiledFlow,
  canonicalJson,
  compileFlow,
  evaluateFlow,
  type FlowGraph,
  hashCompiledFlow,
  type JsonValue,
  parseCompiledFlow,
  prepareFlow,
  serializeCompiledFlow,
  sha256Hex,
} from "../../engine";
import { flowArbitrary } from "./arbitraries";
import { DEMO_CONTEXT, demoFlow } from "./fixtures";

function compiledOrThrow(flow: unknown): { compiled: CompiledFlow; json: string; hash: string } {
  const result = compileFlow(flow, DEMO_CONTEXT);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

/** Reverses arrays where order carries no meaning and rebuilds every object with its keys reversed. */
function reshuffle(flow: FlowGraph): unknown {
  const reverseKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  };
  const copy = structuredClone(flow);
  copy.nodes.reverse();
  copy.edges.reverse();
  for (const [i, node] of copy.nodes.entries()) {
    node.position = { x: i * 37.5, y: -i };
    if (node.type === "source") {
      node.data.fields.reverse();
      node.data.channels.reverse();
    }
  }
  copy.edges = copy.edges.map((edge, i) => ({ ...edge, id: `renamed-${i}` }));
  return reverseKeys(copy);
}

describe("compileFlow", () => {
  it("refuses invalid flows with the validation issues", () => {
    const flow = demoFlow();
    flow.edges = flow.edges.filter((edge) => edge.sourceHandle !== "else");
    const result = compileFlow(flow, DEMO_CONTEXT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain("branch_without_else");
  });

  it("produces the documented artifact: source first, nodes in topological order, JSON Logic per decision", () => {
    const { compiled } = compiledOrThrow(demoFlow());
    expect(compiled.format).toBe(COMPILED_FLOW_FORMAT);
    expect(compiled.entry).toBe("src");
    expect(compiled.nodes.map((n) => n.id)).toEqual([
      "src",
      "score",
      "intent",
      "p_ent",
      "region",
      "a_na",
      "emea_skill",
      "p_health",
      "p_emea",
      "fb",
    ]);
    expect(compiled.fields.map((f) => f.name)).toEqual([
      "country",
      "created_at",
      "demo_requested",
      "employees",
      "industry",
      "pricing_seconds",
      "tags",
    ]);
    expect(compiled.nodes[0]).toEqual({
      type: "source",
      id: "src",
      label: "Inbound",
      channels: ["api", "chat", "web_form"],
      accept: { in: [{ var: "source" }, ["api", "chat", "web_form"]] },
      next: "score",
    });
    expect(compiled.nodes.find((n) => n.id === "region")).toEqual({
      type: "branch",
      id: "region",
      label: "Region",
      preset: "territory",
      cases: [
        {
          id: "emea",
          label: "EMEA",
          condition: { kind: "rule", field: "country", operator: "in_list", value: ["DE", "FR", "GB", "NL"] },
          when: { in: [{ var: "country" }, ["DE", "FR", "GB", "NL"]] },
          next: "emea_skill",
        },
        {
          id: "na",
          label: "North America",
          condition: { kind: "rule", field: "country", operator: "in_list", value: ["US", "CA"] },
          when: { in: [{ var: "country" }, ["US", "CA"]] },
          next: "a_na",
        },
      ],
      else: "fb",
    });
    expect(compiled.nodes.find((n) => n.id === "p_health")).toEqual({
      type: "pool",
      id: "p_health",
      label: "Healthcare pool",
      poolId: "pool_health",
      requiredSkills: ["healthcare"],
      requiredTerritories: [],
      noEligible: "p_emea",
    });
  });

  it("is deterministic: the same graph gives byte-identical JSON and the same hash", () => {
    const first = compiledOrThrow(demoFlow());
    const again = compiledOrThrow(demoFlow());
    const reshuffled = compiledOrThrow(reshuffle(demoFlow()));
    expect(again.json).toBe(first.json);
    expect(reshuffled.json).toBe(first.json);
    expect(reshuffled.hash).toBe(first.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(createHash("sha256").update(first.json, "utf8").digest("hex"));
    expect(hashCompiledFlow(first.compiled)).toBe(first.hash);
    expect(serializeCompiledFlow(JSON.parse(first.json) as CompiledFlow)).toBe(first.json);
  });

  it("is deterministic for random flows too, and any meaningful change changes the hash", () => {
    fc.assert(
      fc.property(flowArbitrary, (flow) => {
        const a = compileFlow(flow);
        const b = compileFlow(reshuffle(flow));
        if (!a.ok || !b.ok) throw new Error("generated flow is invalid");
        expect(b.json).toBe(a.json);
        expect(b.hash).toBe(a.hash);
      }),
      { numRuns: 200, seed: 11 },
    );
    const base = compiledOrThrow(demoFlow()).hash;
    const relabelled = demoFlow();
    const region = relabelled.nodes.find((n) => n.id === "region");
    if (region?.type !== "branch" || region.data.cases[0] === undefined) throw new Error("fixture");
    region.data.cases[0].condition = {
      kind: "rule",
      field: "country",
      operator: "in_list",
      value: ["DE", "FR"],
    };
    expect(compiledOrThrow(relabelled).hash).not.toBe(base);
  });

  it("round-trips through JSON: a stored artifact evaluates like the original", () => {
    const { compiled, json } = compiledOrThrow(demoFlow());
    const restored = prepareFlow(JSON.parse(json));
    const lead = {
      source: "chat",
      country: "DE",
      industry: "healthcare",
      demo_requested: true,
      employees: 5000,
    };
    expect(evaluateFlow(restored, lead)).toEqual(evaluateFlow(compiled, lead));
  });
});

describe("parseCompiledFlow", () => {
  const valid = (): CompiledFlow => compiledOrThrow(demoFlow()).compiled;

  it("accepts compiled flows", () => {
    expect(parseCompiledFlow(JSON.parse(JSON.stringify(valid())))).toEqual(valid());
  });

  it("rejects tampered artifacts that could loop or point nowhere", () => {
    const backwards = valid();
    const last = backwards.nodes.findIndex((n) => n.id === "p_emea");
    const node = backwards.nodes[last];
    if (node?.type !== "pool") throw new Error("fixture");
    node.noEligible = "src";
    expect(() => parseCompiledFlow(backwards)).toThrow(/not a later node/);

    const dangling = valid();
    const source = dangling.nodes[0];
    if (source?.type !== "source") throw new Error("fixture");
    source.next = "nowhere";
    expect(() => parseCompiledFlow(dangling)).toThrow(/not a later node/);

    const duplicate = valid();
    duplicate.nodes.push({ ...(duplicate.nodes[1] as CompiledFlow["nodes"][number]) });
    expect(() => parseCompiledFlow(duplicate)).toThrow(/duplicate node id/);

    const wrongEntry = { ...valid(), entry: "score" };
    expect(() => parseCompiledFlow(wrongEntry)).toThrow(/first node must be the source/);

    expect(() => parseCompiledFlow({ ...valid(), format: "something-else" })).toThrow(
      /Invalid compiled flow/,
    );
    expect(() => parseCompiledFlow(null)).toThrow(/Invalid compiled flow/);
  });

  it("rejects deeply nested input before parsing it", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(() => parseCompiledFlow({ ...valid(), nodes: deep })).toThrow(/deeper than/);
  });
});

describe("canonical JSON and SHA-256", () => {
  it("sorts keys and normalises -0", () => {
    expect(canonicalJson({ b: 1, a: [{ z: null, y: -0 }], é: "x" })).toBe(
      '{"a":[{"y":0,"z":null}],"b":1,"é":"x"}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });

  it("matches node:crypto for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
      }),
      { numRuns: 500, seed: 3 },
    );
    for (const length of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const text = "a".repeat(length);
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    }
  });

  it("is stable across equal values built in any key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value as JsonValue);
        expect(canonicalJson(JSON.parse(json) as JsonValue)).toBe(json);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
