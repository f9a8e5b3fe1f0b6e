/** fast-check generators for random valid flows, leads, and JSON Logic rules. */
import fc from "fast-check";
import {
  type Condition,
  type ConditionRule,
  type FieldType,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type Operator,
  operatorsForType,
  type RuleValue,
} from "../../engine";

export const RANDOM_FIELDS: ReadonlyArray<{ name: string; type: FieldType }> = [
  { name: "country", type: "string" },
  { name: "industry", type: "string" },
  { name: "employees", type: "number" },
  { name: "revenue", type: "number" },
  { name: "demo", type: "boolean" },
  { name: "tags", type: "string_list" },
  { name: "created", type: "date" },
];

/** Fields a condition may read: the declared ones plus the built-ins. */
const CONDITION_FIELDS: ReadonlyArray<{ name: string; type: FieldType }> = [
  ...RANDOM_FIELDS,
  { name: "source", type: "string" },
  { name: "score", type: "number" },
  { name: "band", type: "string" },
];

const STRINGS = ["DE", "US", "FR", "healthcare", "saas", "hot", "warm", "cold", "web_form", "a", "ab", "D"];
const NUMBERS = [-5, 0, 1, 10, 49.5, 50, 100, 1000, 250000];
const DATES = ["2024-01-01", "2024-06-30T12:00:00Z", "2025-02-28T23:59:59.999+02:00", "2023-12-31"];

const stringValue = fc.constantFrom(...STRINGS);
const numberValue = fc.constantFrom(...NUMBERS);
const dateValue = fc.constantFrom(...DATES);

function scalarFor(type: FieldType, operator: Operator): fc.Arbitrary<RuleValue> {
  switch (type) {
    case "string":
    case "string_list":
      return operator === "contains" || operator === "starts_with"
        ? stringValue
        : fc.oneof(stringValue, fc.constant(""));
    case "number":
      return numberValue;
    case "boolean":
      return fc.boolean();
    case "date":
      return dateValue;
  }
}

function valueFor(type: FieldType, operator: Operator): fc.Arbitrary<RuleValue | undefined> {
  switch (operator) {
    case "is_empty":
    case "is_true":
      return fc.constant(undefined);
    case "in_list":
      return type === "number"
        ? fc.uniqueArray(numberValue, { minLength: 1, maxLength: 12 })
        : fc.uniqueArray(stringValue, { minLength: 1, maxLength: 12 });
    case "matches_any_tag":
      return fc.uniqueArray(stringValue, { minLength: 1, maxLength: 4 });
    case "between":
      if (type === "date") {
        return fc
          .tuple(dateValue, dateValue)
          .map(([a, b]) => (Date.parse(a) <= Date.parse(b) ? [a, b] : [b, a]));
      }
      return fc.tuple(numberValue, numberValue).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    default:
      return scalarFor(type, operator);
  }
}

export function ruleArbitrary(fields = CONDITION_FIELDS): fc.Arbitrary<ConditionRule> {
  return fc
    .constantFrom(...fields)
    .chain((field) =>
      fc
        .constantFrom(...operatorsForType(field.type))
        .chain((operator) =>
          valueFor(field.type, operator).map(
            (value): ConditionRule =>
              value === undefined
                ? { kind: "rule", field: field.name, operator }
                : { kind: "rule", field: field.name, operator, value },
          ),
        ),
    );
}

export function conditionArbitrary(fields = CONDITION_FIELDS): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      ruleArbitrary(fields),
      fc.record({
        kind: fc.constant("group" as const),
        combinator: fc.constantFrom("all" as const, "any" as const, "not" as const),
        children: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }),
      }),
    ),
  }));
  return condition;
}

/** A routing decision tree; converted to a graph by `treeToFlow`. */
type Tree =
  | { kind: "assign"; rep: boolean; name: string }
  | { kind: "fallback" }
  | { kind: "pool"; poolId: string; skills: string[]; onEmpty: Tree }
  | { kind: "branch"; cases: Array<{ condition: Condition; next: Tree }>; otherwise: Tree }
  | { kind: "score"; rules: Array<{ condition: Condition; points: number }>; next: Tree };

const treeArbitrary: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.record({ kind: fc.constant("fallback" as const) }),
    fc.record({
      kind: fc.constant("assign" as const),
      rep: fc.boolean(),
      name: fc.constantFrom("r1", "r2", "q1"),
    }),
    fc.record({
      kind: fc.constant("pool" as const),
      poolId: fc.constantFrom("p1", "p2", "p3"),
      skills: fc.subarray(["healthcare", "german"]),
      onEmpty: tie("tree"),
    }),
    fc.record({
      kind: fc.constant("branch" as const),
      cases: fc.array(fc.record({ condition: conditionArbitrary(), next: tie("tree") }), {
        minLength: 1,
        maxLength: 3,
      }),
      otherwise: tie("tree"),
    }),
    // Territory-style branches (cases test one field for equality or list membership, alone or
    // first in an "all" group, mixed with other cases), which the compiled evaluator runs through
    // a case index.
    fc
      .constantFrom(...CONDITION_FIELDS.filter((f) => f.type === "string" || f.type === "number"))
      .chain((field) => {
        const keyTest = fc
          .constantFrom<Operator>("equals", "in_list")
          .chain((operator) =>
            valueFor(field.type, operator).map(
              (value): Condition => ({ kind: "rule", field: field.name, operator, value }),
            ),
          );
        const keyed = fc
          .tuple(keyTest, fc.array(conditionArbitrary(), { minLength: 1, maxLength: 2 }))
          .map(
            ([test, rest]): Condition => ({ kind: "group", combinator: "all", children: [test, ...rest] }),
          );
        return fc.record({
          kind: fc.constant("branch" as const),
          cases: fc.array(
            fc.record({
              condition: fc.oneof(
                { arbitrary: keyTest, weight: 3 },
                { arbitrary: keyed, weight: 2 },
                { arbitrary: conditionArbitrary(), weight: 1 },
              ),
              next: tie("tree"),
            }),
            { minLength: 1, maxLength: 5 },
          ),
          otherwise: tie("tree"),
        });
      }),
    fc.record({
      kind: fc.constant("score" as const),
      rules: fc.array(
        fc.record({ condition: conditionArbitrary(), points: fc.integer({ min: -20, max: 60 }) }),
        {
          maxLength: 5,
        },
      ),
      next: tie("tree"),
    }),
  ),
})).tree;

const position = { x: 0, y: 0 };

/** Builds a valid flow: source → score → tree, every fallback leaf sharing one fallback node. */
function treeToFlow(
  channels: string[],
  scoreRules: Array<{ condition: Condition; points: number }>,
  bands: { hot: number; warm: number },
  caps: { min: number | null; max: number | null },
  tree: Tree,
): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  let counter = 0;
  const connect = (source: string, handle: string, target: string): void => {
    edges.push({ id: `e${edges.length}`, source, sourceHandle: handle, target });
  };
  const fallbackId = "fallback";
  const build = (node: Tree): string => {
    if (node.kind === "fallback") {
      if (!nodes.some((n) => n.id === fallbackId)) {
        nodes.push({
          id: fallbackId,
          type: "fallback",
          position,
          label: "Fallback",
          data: { target: { kind: "queue", queue: "triage" } },
        });
      }
      return fallbackId;
    }
    counter += 1;
    const id = `n${counter}`;
    switch (node.kind) {
      case "assign":
        nodes.push({
          id,
          type: "assign",
          position,
          data: {
            target: node.rep ? { kind: "rep", repId: node.name } : { kind: "queue", queue: node.name },
          },
        });
        return id;
      case "pool":
        nodes.push({
          id,
          type: "pool",
          position,
          data: { poolId: node.poolId, requiredSkills: node.skills },
        });
        connect(id, "no_eligible", build(node.onEmpty));
        return id;
      case "branch":
        nodes.push({
          id,
          type: "branch",
          position,
          label: `Branch ${counter}`,
          data: {
            preset: "custom",
            cases: node.cases.map((c, i) => ({ id: `c${i}`, label: `Case ${i}`, condition: c.condition })),
          },
        });
        node.cases.forEach((c, i) => {
          connect(id, `c${i}`, build(c.next));
        });
        connect(id, "else", build(node.otherwise));
        return id;
      case "score":
        nodes.push({
          id,
          type: "score",
          position,
          data: {
            rules: node.rules.map((r, i) => ({ id: `r${i}`, condition: r.condition, points: r.points })),
            bands: { hot: 60, warm: 20 },
          },
        });
        connect(id, "next", build(node.next));
        return id;
    }
  };
  nodes.push({
    id: "source",
    type: "source",
    position,
    data: { channels, fields: RANDOM_FIELDS.map((f) => ({ name: f.name, type: f.type })) },
  });
  nodes.push({
    id: "score",
    type: "score",
    position,
    data: {
      rules: scoreRules.map((r, i) => ({
        id: `s${i}`,
        label: `Rule ${i}`,
        condition: r.condition,
        points: r.points,
      })),
      bands,
      ...caps,
    },
  });
  connect("source", "next", "score");
  connect("score", "next", build(tree));
  return { version: 1, nodes, edges };
}

export const flowArbitrary: fc.Arbitrary<FlowGraph> = fc
  .record({
    channels: fc.subarray(["web_form", "chat", "api", "event"]),
    scoreRules: fc.array(
      fc.record({
        condition: conditionArbitrary(
          CONDITION_FIELDS.filter((f) => f.name !== "score" && f.name !== "band"),
        ),
        points: fc.integer({ min: -30, max: 60 }),
      }),
      { maxLength: 6 },
    ),
    bands: fc
      .tuple(fc.integer({ min: -10, max: 100 }), fc.integer({ min: -10, max: 100 }))
      .map(([a, b]) => ({ hot: Math.max(a, b), warm: Math.min(a, b) })),
    caps: fc.constantFrom({ min: null, max: null }, { min: 0, max: 100 }, { min: 10, max: 50 }),
    tree: treeArbitrary,
  })
  .map(({ channels, scoreRules, bands, caps, tree }) => treeToFlow(channels, scoreRules, bands, caps, tree));

/** Raw lead values: well-typed, coercible, mistyped, missing, and odd. */
const rawValue: fc.Arbitrary<unknown> = fc.oneof(
  stringValue,
  numberValue,
  fc.boolean(),
  dateValue,
  fc.constantFrom("", "10", " 50 ", "1e3", "true", "false", "not a date", "2024-02-30", "2024-01-01T10:00"),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1_700_000_000_000),
  fc.array(fc.oneof(stringValue, numberValue, fc.constant(null)), { maxLength: 4 }),
  fc.constantFrom({}, { nested: { deep: true } }, [["DE"]]),
);

export const leadArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    source: fc.oneof(fc.constantFrom("web_form", "chat", "api", "event", "fax"), rawValue),
    values: fc.array(fc.tuple(fc.constantFrom(...CONDITION_FIELDS.map((f) => f.name)), rawValue), {
      maxLength: 9,
    }),
    hostile: fc.boolean(),
  })
  .map(({ source, values, hostile }) => {
    const lead: Record<string, unknown> = hostile
      ? JSON.parse('{"__proto__": {"country": "DE", "polluted": true}, "constructor": {"prototype": 1}}')
      : {};
    lead.source = source;
    for (const [name, value] of values) lead[name] = value;
    return lead;
  });

/** Random JSON Logic rules over every json-logic-js operation (except `log`) and odd arguments. */
export const jsonLogicArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ rule: unknown; literal: unknown }>(
  (tie) => ({
    literal: fc.oneof(
      fc.constantFrom(
        null,
        true,
        false,
        0,
        -0,
        1,
        2,
        -1,
        3.5,
        Number.NaN,
        "",
        "a",
        "1",
        "2.5",
        "abc",
        "a.b",
        "x",
      ),
      fc.integer({ min: -100, max: 100 }),
      fc.array(fc.constantFrom(1, 2, "a", "b", null, true, Number.NaN), { maxLength: 4 }),
      fc.constantFrom({}, { a: 1, b: 2 }),
    ),
    rule: fc.oneof(
      { depthSize: "small", maxDepth: 5 },
      tie("literal"),
      fc
        .constantFrom(
          "a",
          "b",
          "a.b",
          "arr",
          "arr.1",
          "nested.x.y",
          "",
          "missing",
          0,
          "__proto__",
          "constructor",
          "s.length",
        )
        .chain((path) =>
          fc.oneof(
            fc.constant({ var: path }),
            fc.constant({ var: [path] }),
            tie("literal").map((fallback) => ({ var: [path, fallback] })),
          ),
        ),
      fc
        .tuple(
          fc.constantFrom(
            "==",
            "===",
            "!=",
            "!==",
            ">",
            ">=",
            "<",
            "<=",
            "!!",
            "!",
            "%",
            "in",
            "cat",
            "substr",
            "+",
            "-",
            "*",
            "/",
            "min",
            "max",
            "merge",
            "var",
            "missing",
            "missing_some",
            "if",
            "?:",
            "and",
            "or",
            "unknown_op",
            "a.b",
          ),
          fc.array(tie("rule"), { maxLength: 4 }),
          fc.boolean(),
        )
        .map(([op, args, unary]) => ({ [op]: unary && args.length === 1 ? args[0] : args })),
      fc
        .tuple(
          tie("rule"),
          fc.array(fc.constantFrom(0, -0, 1, 2, 3, "a", "b", "1", null, true, Number.NaN), { maxLength: 12 }),
        )
        .map(([item, list]) => ({ in: [item, list] })),
      fc
        .tuple(
          fc.constantFrom("map", "filter", "all", "none", "some", "reduce"),
          fc.oneof(fc.constant({ var: "arr" }), fc.constant({ var: "objs" }), tie("rule")),
          tie("rule"),
          fc.option(tie("rule"), { nil: undefined }),
        )
        .map(([op, list, logic, initial]) => ({
          [op]: initial === undefined ? [list, logic] : [list, logic, initial],
        })),
    ),
  }),
).rule;

export const jsonLogicDataArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    a: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom("1", "a", "", null, true)),
    b: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom("2", "b", null, false)),
    arr: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("a", null)), { maxLength: 5 }),
    objs: fc.array(fc.record({ a: fc.integer({ min: 0, max: 3 }), current: fc.constant(1) }), {
      maxLength: 3,
    }),
    nested: fc.constantFrom({ x: { y: 1 } }, { x: null }, {}),
    s: fc.constantFrom("hello", ""),
  }),
  fc.constantFrom(null, undefined, 0, "str", [1, 2]),
);
