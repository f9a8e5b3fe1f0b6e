/**
 * Operator semantics, including missing and mistyped values, checked end to end (condition → JSON
 * Logic → evaluation) with both evaluators.
 */
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import {
  buildContext,
  type CompiledFlow,
  compileCondition,
  compileFlow,
  describeRule,
  evaluateFlow,
  type FieldType,
  type FlowGraph,
  normalizeDateString,
  normalizeFieldValue,
  OPERATOR_SPECS,
  type Operator,
  operatorsForType,
  type RuleValue,
} from "../../engine";
import { all, any, edge, not, rule } from "./fixtures";

const at = { x: 0, y: 0 };

function flowWith(type: FieldType, condition: Parameters<typeof compileCondition>[0]): CompiledFlow {
  const flow: FlowGraph = {
    version: 1,
    nodes: [
      {
        id: "src",
        type: "source",
        position: at,
        data: {
          channels: [],
          fields: [
            { name: "f", type },
            { name: "g", type: "number" },
          ],
        },
      },
      {
        id: "b",
        type: "branch",
        position: at,
        data: { preset: "custom", cases: [{ id: "yes", label: "Yes", condition }] },
      },
      { id: "hit", type: "assign", position: at, data: { target: { kind: "queue", queue: "hit" } } },
      { id: "miss", type: "fallback", position: at, data: { target: { kind: "queue", queue: "miss" } } },
    ],
    edges: [edge("src", "next", "b"), edge("b", "yes", "hit"), edge("b", "else", "miss")],
  };
  const result = compileFlow(flow);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.compiled;
}

/** Whether `f <operator> value` holds for a lead with f = leadValue (undefined = absent). */
function holds(
  type: FieldType,
  operator: Operator,
  value: RuleValue | undefined,
  leadValue: unknown,
): boolean {
  const compiled = flowWith(type, rule("f", operator, value));
  const lead = leadValue === undefined ? {} : { f: leadValue };
  const results = (["compiled", "reference"] as const).map((evaluator) => {
    const { outcome } = evaluateFlow(compiled, lead, { evaluator, trace: false });
    return outcome.kind === "queue" && outcome.queue === "hit";
  });
  expect(results[0]).toBe(results[1]);
  return results[0] === true;
}

type Row = [FieldType, Operator, RuleValue | undefined, unknown, boolean];

const TABLE: Row[] = [
  // text
  ["string", "equals", "DE", "DE", true],
  ["string", "equals", "DE", "de", false],
  ["string", "equals", "DE", undefined, false],
  ["string", "equals", "DE", null, false],
  ["string", "equals", "5", 5, true],
  ["string", "equals", "true", true, false],
  ["string", "not_equals", "DE", "FR", true],
  ["string", "not_equals", "DE", "DE", false],
  ["string", "not_equals", "DE", undefined, true],
  ["string", "in_list", ["DE", "AT"], "AT", true],
  ["string", "in_list", ["DE", "AT"], "CH", false],
  ["string", "in_list", ["DE", "AT"], undefined, false],
  ["string", "contains", "health", "healthcare", true],
  ["string", "contains", "health", "Healthcare", false],
  ["string", "contains", "health", "", false],
  ["string", "contains", "health", undefined, false],
  ["string", "starts_with", "nul", "null", true],
  ["string", "starts_with", "nul", undefined, false],
  ["string", "starts_with", "nul", null, false],
  ["string", "starts_with", "heal", "healthcare", true],
  ["string", "starts_with", "heal", "he", false],
  ["string", "is_empty", undefined, "", true],
  ["string", "is_empty", undefined, undefined, true],
  ["string", "is_empty", undefined, "x", false],
  ["string", "is_empty", undefined, {}, true],
  // numbers
  ["number", "gt", 10, 11, true],
  ["number", "gt", 10, 10, false],
  ["number", "gt", 10, "11", true],
  ["number", "gt", 10, " 12 ", true],
  ["number", "gt", 10, "eleven", false],
  ["number", "gt", -10, undefined, false],
  ["number", "lt", 5, undefined, false],
  ["number", "lt", 5, null, false],
  ["number", "lt", 5, "", false],
  ["number", "lte", 5, 5, true],
  ["number", "gte", 5, 4.999, false],
  ["number", "gt", 0, Number.POSITIVE_INFINITY, false],
  ["number", "between", [10, 20], 10, true],
  ["number", "between", [10, 20], 20, true],
  ["number", "between", [10, 20], 20.5, false],
  ["number", "between", [10, 20], undefined, false],
  ["number", "equals", 0, 0, true],
  ["number", "equals", 0, "0", true],
  ["number", "equals", 0, -0, true],
  ["number", "equals", 0, undefined, false],
  ["number", "equals", 0, false, false],
  ["number", "not_equals", 0, undefined, true],
  ["number", "in_list", [1, 2], 2, true],
  ["number", "in_list", [1, 2], "2", true],
  ["number", "in_list", [1, 2], 3, false],
  ["number", "is_empty", undefined, undefined, true],
  ["number", "is_empty", undefined, 0, false],
  // yes/no
  ["boolean", "is_true", undefined, true, true],
  ["boolean", "is_true", undefined, "true", true],
  ["boolean", "is_true", undefined, false, false],
  ["boolean", "is_true", undefined, 1, false],
  ["boolean", "is_true", undefined, undefined, false],
  ["boolean", "equals", false, false, true],
  ["boolean", "equals", false, undefined, false],
  ["boolean", "not_equals", true, false, true],
  ["boolean", "not_equals", true, undefined, true],
  ["boolean", "is_empty", undefined, false, false],
  ["boolean", "is_empty", undefined, "yes", true],
  // lists
  ["string_list", "contains", "vip", ["vip", "a"], true],
  ["string_list", "contains", "vip", ["VIP"], false],
  ["string_list", "contains", "vip", "vip", true],
  ["string_list", "contains", "vip", [], false],
  ["string_list", "contains", "vip", undefined, false],
  ["string_list", "matches_any_tag", ["a", "b"], ["c", "b"], true],
  ["string_list", "matches_any_tag", ["a", "b"], ["c"], false],
  ["string_list", "matches_any_tag", ["a", "b"], [1, null, "a"], true],
  ["string_list", "matches_any_tag", ["1"], [1], true],
  ["string_list", "matches_any_tag", ["a", "b"], undefined, false],
  ["string_list", "matches_any_tag", ["a"], { 0: "a", length: 1 }, false],
  ["string_list", "is_empty", undefined, [], true],
  ["string_list", "is_empty", undefined, [null, {}], true],
  ["string_list", "is_empty", undefined, undefined, true],
  ["string_list", "is_empty", undefined, ["a"], false],
  // dates
  ["date", "gt", "2024-01-01", "2024-01-02", true],
  ["date", "gt", "2024-01-01", "2024-01-01T00:00:00Z", false],
  ["date", "gt", "2024-01-01", "2024-01-01T00:00:00.001Z", true],
  ["date", "gt", "2024-01-01", "2024-01-01T01:00:00+02:00", false],
  ["date", "gt", "2024-01-01", Date.UTC(2024, 0, 2), true],
  ["date", "gt", "2024-01-01", "2024-02-30", false],
  ["date", "gt", "2024-01-01", "2024-03-01T10:00", false],
  ["date", "gt", "2024-01-01", "yesterday", false],
  ["date", "gt", "2024-01-01", undefined, false],
  ["date", "lt", "2024-01-01", undefined, false],
  ["date", "lt", "2024-01-01T12:00:00+01:00", "2024-01-01T11:00:00Z", false],
  ["date", "lte", "2024-01-01T12:00:00+01:00", "2024-01-01T11:00:00Z", true],
  ["date", "gte", "2024-01-01", "2023-12-31T23:59:59.999Z", false],
  ["date", "not_equals", "2024-01-01", undefined, true],
  ["number", "lte", 5, undefined, false],
  ["number", "gte", 5, "5.0", true],
  ["boolean", "not_equals", false, "false", false],
  ["date", "between", ["2024-01-01", "2024-12-31"], "2024-06-01", true],
  ["date", "between", ["2024-01-01", "2024-12-31"], "2025-01-01", false],
  ["date", "equals", "2024-01-01", "2024-01-01T00:00:00.000Z", true],
  ["date", "equals", "2024-01-01", "2024-01-01T00:00:00.000+00:00", true],
  ["date", "is_empty", undefined, "not a date", true],
];

describe("operators", () => {
  it.each(TABLE)("%s %s %j with lead value %j → %s", (type, operator, value, leadValue, expected) => {
    expect(holds(type, operator, value, leadValue)).toBe(expected);
  });

  it("covers every operator and every type it applies to", () => {
    const covered = new Set(TABLE.map(([type, operator]) => `${type}:${operator}`));
    for (const operator of Object.keys(OPERATOR_SPECS) as Operator[]) {
      for (const type of OPERATOR_SPECS[operator].types) {
        expect(covered.has(`${type}:${operator}`) || (operator === "not_equals" && type === "date")).toBe(
          true,
        );
      }
    }
    expect(operatorsForType("boolean")).toEqual(["equals", "not_equals", "is_empty", "is_true"]);
  });

  it("combines rules with all / any / not groups", () => {
    const condition = all(
      any(rule("f", "equals", "DE"), rule("f", "equals", "AT")),
      not(rule("g", "lt", 10), rule("g", "is_empty")),
    );
    const compiled = flowWith("string", condition);
    const hit = (lead: object) => {
      const { outcome } = evaluateFlow(compiled, lead, { trace: false });
      return outcome.kind === "queue" && outcome.queue === "hit";
    };
    expect(hit({ f: "DE", g: 5 })).toBe(true); // not(g < 10 AND g empty) holds
    expect(hit({ f: "AT" })).toBe(true); // g missing: g < 10 is false, so the AND is false
    expect(hit({ f: "FR", g: 5 })).toBe(false);
    expect(compileCondition(condition, () => "string")).toEqual({
      and: [
        { or: [{ "===": [{ var: "f" }, "DE"] }, { "===": [{ var: "f" }, "AT"] }] },
        {
          "!": [
            {
              and: [
                { and: [{ "!==": [{ var: "g" }, null] }, { "<": [{ var: "g" }, 10] }] },
                { "!": [{ var: "g" }] },
              ],
            },
          ],
        },
      ],
    });
  });

  it("compiles every rule to JSON Logic that yields a boolean on any normalised context", () => {
    const values: unknown[] = [
      undefined,
      null,
      "",
      "DE",
      0,
      7,
      -3.5,
      true,
      false,
      [],
      ["a"],
      "2024-01-01",
      {},
    ];
    const samples: Array<[FieldType, Operator, RuleValue | undefined]> = TABLE.map(([t, o, v]) => [t, o, v]);
    for (const [type, operator, value] of samples) {
      const logic = compileCondition(rule("f", operator, value), () => type);
      for (const raw of values) {
        const context = buildContext([{ name: "f", type }], { f: raw });
        expect(typeof jsonLogic.apply(logic as Parameters<typeof jsonLogic.apply>[0], context)).toBe(
          "boolean",
        );
      }
    }
  });

  it("describes rules for people", () => {
    expect(describeRule(rule("country", "equals", "DE"))).toBe("country = DE");
    expect(describeRule(rule("country", "in_list", ["DE", "AT"]))).toBe("country in DE, AT");
    expect(describeRule(rule("employees", "between", [10, 50]))).toBe("employees between 10 and 50");
    expect(describeRule(rule("phone", "is_empty"))).toBe("phone is empty");
    expect(describeRule(rule("tags", "matches_any_tag", ["vip"]))).toBe("tags has any of vip");
  });
});

describe("lead value normalisation", () => {
  it("normalises dates to canonical UTC strings", () => {
    expect(normalizeDateString("2024-03-01")).toBe("2024-03-01T00:00:00.000Z");
    expect(normalizeDateString("2024-03-01T10:30+01:30")).toBe("2024-03-01T09:00:00.000Z");
    expect(normalizeDateString("2024-02-29T23:59:59.5Z")).toBe("2024-02-29T23:59:59.500Z");
    expect(normalizeDateString("2023-02-29")).toBeNull();
    expect(normalizeDateString("2024-01-01T25:00:00Z")).toBeNull();
    expect(normalizeDateString("2024-01-01T10:00:00")).toBeNull(); // no zone: ambiguous
    expect(normalizeDateString("0999-12-31")).toBeNull();
    expect(normalizeFieldValue("date", Date.UTC(2030, 5, 1))).toBe("2030-06-01T00:00:00.000Z");
  });

  it("accepts numbers written as text, and nothing else, for number fields", () => {
    expect(normalizeFieldValue("number", "1e3")).toBe(1000);
    expect(normalizeFieldValue("number", "-0")).toBe(0);
    expect(Object.is(normalizeFieldValue("number", -0), 0)).toBe(true);
    expect(normalizeFieldValue("number", "0x10")).toBeNull();
    expect(normalizeFieldValue("number", "")).toBeNull();
    expect(normalizeFieldValue("number", Number.NaN)).toBeNull();
    expect(normalizeFieldValue("number", true)).toBeNull();
    expect(normalizeFieldValue("number", [5])).toBeNull();
  });

  it("treats over-long text and lists as missing", () => {
    expect(normalizeFieldValue("string", "x".repeat(10_000))).toHaveLength(10_000);
    expect(normalizeFieldValue("string", "x".repeat(10_001))).toBeNull();
    expect(
      normalizeFieldValue(
        "string_list",
        Array.from({ length: 1_001 }, () => "a"),
      ),
    ).toBeNull();
    expect(normalizeFieldValue("string_list", ["a", "x".repeat(10_001), "b"])).toEqual(["a", "b"]);
  });
});
