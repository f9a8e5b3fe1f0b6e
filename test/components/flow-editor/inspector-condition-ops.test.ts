import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendChild,
  asGroup,
  canAddGroup,
  canAddRule,
  changeRuleField,
  changeRuleOperator,
  coerceScalar,
  conditionIds,
  conditionStats,
  convertValue,
  defaultOperator,
  emptyValue,
  type FieldOption,
  fieldOptions,
  getAt,
  makeId,
  moveItem,
  newGroup,
  newRule,
  removeAt,
  setCombinator,
  setRuleValue,
  unwrapSingleRule,
  updateAt,
  withinLimits,
} from "@/components/flow-editor/inspector/condition-ops";
import {
  type Condition,
  type ConditionRule,
  FIELD_TYPES,
  type FieldDecl,
  type FieldType,
  type FlowGraph,
  LIMITS,
  OPERATORS,
  operatorsForType,
  type ValidationIssue,
  validateFlow,
} from "@/engine";

const FIELDS: FieldDecl[] = [
  { name: "country", type: "string", label: "Country" },
  { name: "employees", type: "number" },
  { name: "demo_requested", type: "boolean", label: "Asked for a demo" },
  { name: "tags", type: "string_list" },
  { name: "created_at", type: "date" },
];
const OPTIONS = fieldOptions(FIELDS);
const option = (name: string): FieldOption => {
  const found = OPTIONS.find((o) => o.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};
const rule = (
  field: string,
  operator: ConditionRule["operator"],
  value?: ConditionRule["value"],
): ConditionRule =>
  value === undefined ? { kind: "rule", field, operator } : { kind: "rule", field, operator, value };

/** A valid flow whose branch case uses `condition`, after a score node so score and band are set. */
function flowWith(condition: Condition): FlowGraph {
  const at = { x: 0, y: 0 };
  return {
    version: 1,
    nodes: [
      { id: "src", type: "source", position: at, data: { channels: [], fields: FIELDS } },
      {
        id: "score",
        type: "score",
        position: at,
        data: { rules: [], bands: { hot: 50, warm: 20 } },
      },
      {
        id: "b",
        type: "branch",
        position: at,
        label: "Check",
        data: { preset: "custom", cases: [{ id: "yes", label: "Yes", condition }] },
      },
      { id: "fb", type: "fallback", position: at, data: { target: { kind: "queue", queue: "triage" } } },
    ],
    edges: [
      { id: "e1", source: "src", sourceHandle: "next", target: "score" },
      { id: "e2", source: "score", sourceHandle: "next", target: "b" },
      { id: "e3", source: "b", sourceHandle: "yes", target: "fb" },
      { id: "e4", source: "b", sourceHandle: "else", target: "fb" },
    ],
  };
}

function issuesOf(condition: Condition): ValidationIssue[] {
  return validateFlow(flowWith(condition)).issues;
}

function codesOf(condition: Condition): string[] {
  return issuesOf(condition).map((issue) => issue.code);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe("the test graph", () => {
  it("is valid with a complete condition, so any issue below comes from the condition", () => {
    expect(issuesOf(rule("country", "in_list", ["DE"]))).toEqual([]);
  });
});

describe("fieldOptions", () => {
  it("lists declared fields with their labels, then the built-ins", () => {
    expect(OPTIONS.map((o) => [o.name, o.type, o.builtin])).toEqual([
      ["country", "string", false],
      ["employees", "number", false],
      ["demo_requested", "boolean", false],
      ["tags", "string_list", false],
      ["created_at", "date", false],
      ["source", "string", true],
      ["score", "number", true],
      ["band", "string", true],
    ]);
    expect(option("country").label).toBe("Country");
    expect(option("employees").label).toBe("employees");
  });

  it("skips unnamed, repeated and reserved declarations", () => {
    const names = fieldOptions([
      { name: "", type: "string" },
      { name: "a", type: "number" },
      { name: "a", type: "string" },
      { name: "score", type: "string" },
    ]).map((o) => `${o.name}:${o.type}`);
    expect(names).toEqual(["a:number", "source:string", "score:number", "band:string"]);
  });
});

describe("new rules", () => {
  it("start with an operator their field type allows", () => {
    for (const type of FIELD_TYPES) expect(operatorsForType(type)).toContain(defaultOperator(type));
  });

  it("need at most a value typed in: the field and operator always fit", () => {
    for (const field of OPTIONS) {
      const codes = codesOf(newRule(field, "r"));
      expect(codes.every((code) => code === "invalid_value")).toBe(true);
    }
    // Yes/no fields start complete ("is yes"); every other type waits for a value and is flagged until then.
    expect(codesOf(newRule(option("demo_requested")))).toEqual([]);
    for (const name of ["country", "employees", "tags", "created_at", "source", "score", "band"])
      expect(codesOf(newRule(option(name)))).toEqual(["invalid_value"]);
    expect(newRule(option("country"))).toEqual({
      kind: "rule",
      field: "country",
      operator: "in_list",
      value: [],
    });
    expect(newRule(option("employees"))).toEqual({
      kind: "rule",
      field: "employees",
      operator: "equals",
      value: null,
    });
    expect(newRule(option("tags"))).toEqual({
      kind: "rule",
      field: "tags",
      operator: "matches_any_tag",
      value: [],
    });
  });

  it("without any field to choose are flagged as not saying which field", () => {
    expect(codesOf(newRule(undefined))).toEqual(["undeclared_field"]);
  });

  it("carry the id they are given", () => {
    expect(newRule(option("country"), "rule-1").id).toBe("rule-1");
    expect(newGroup("any", [], "g").id).toBe("g");
  });
});

describe("coerceScalar", () => {
  it("keeps values that fit the type and refuses the rest", () => {
    expect(coerceScalar("DE", "string")).toBe("DE");
    expect(coerceScalar(50, "string")).toBe("50");
    expect(coerceScalar(true, "string")).toBeNull();
    expect(coerceScalar(" 250 ", "number")).toBe(250);
    expect(coerceScalar("", "number")).toBeNull();
    expect(coerceScalar("abc", "number")).toBeNull();
    expect(coerceScalar(Number.NaN, "number")).toBeNull();
    expect(coerceScalar("true", "boolean")).toBe(true);
    expect(coerceScalar("false", "boolean")).toBe(false);
    expect(coerceScalar(1, "boolean")).toBeNull();
    expect(coerceScalar("2024-05-31", "date")).toBe("2024-05-31");
    expect(coerceScalar("2024-02-30", "date")).toBeNull();
    expect(coerceScalar("enterprise", "string_list")).toBe("enterprise");
  });
});

describe("convertValue", () => {
  it("drops the value for operators without one", () => {
    expect(convertValue("DE", "is_empty", "string")).toBeUndefined();
    expect(convertValue([1, 2], "is_true", "boolean")).toBeUndefined();
  });

  it("turns a scalar into a list of one and a list into its first item", () => {
    expect(convertValue("DE", "in_list", "string")).toEqual(["DE"]);
    expect(convertValue(["DE", "AT"], "equals", "string")).toBe("DE");
    expect(convertValue([], "equals", "string")).toBe("");
    expect(convertValue("", "in_list", "string")).toEqual([]);
  });

  it("keeps a range's bounds in place and starts a range from a scalar as its lower bound", () => {
    expect(convertValue([10, 50], "between", "number")).toEqual([10, 50]);
    expect(convertValue(10, "between", "number")).toEqual([10, null]);
    expect(convertValue([10, 20, 30], "between", "number")).toEqual([10, null]);
    expect(convertValue([10, 50], "gte", "number")).toBe(10);
    expect(convertValue([null, 50], "gte", "number")).toBe(50);
  });

  it("converts between types where the value still makes sense and resets it where not", () => {
    expect(convertValue("250", "gte", "number")).toBe(250);
    expect(convertValue("DE", "gte", "number")).toBeNull();
    expect(convertValue(250, "equals", "string")).toBe("250");
    expect(convertValue(["1", "x", "2"], "in_list", "number")).toEqual([1, 2]);
    expect(convertValue("DE", "equals", "boolean")).toBe(true);
    expect(convertValue("not a date", "gt", "date")).toBe("");
  });

  it("removes repeated list items", () => {
    expect(convertValue(["a", "a", "b"], "matches_any_tag", "string_list")).toEqual(["a", "b"]);
  });

  it("gives every operator an empty value of its shape", () => {
    expect(emptyValue("between", "date")).toEqual([null, null]);
    expect(emptyValue("in_list", "number")).toEqual([]);
    expect(emptyValue("is_empty", "string")).toBeUndefined();
    expect(emptyValue("contains", "string")).toBe("");
  });
});

describe("changing a rule's field or operator", () => {
  it("keeps the operator when the new field allows it", () => {
    const r = rule("country", "in_list", ["DE"]);
    expect(changeRuleField(r, option("band"))).toEqual(rule("band", "in_list", ["DE"]));
  });

  it("switches to the new type's default operator and converts the value when not", () => {
    expect(changeRuleField(rule("country", "starts_with", "D"), option("employees"))).toEqual(
      rule("employees", "equals", null),
    );
    expect(changeRuleField(rule("employees", "gte", 100), option("country"))).toEqual(
      rule("country", "in_list", ["100"]),
    );
    expect(changeRuleField(rule("employees", "equals", 100), option("country"))).toEqual(
      rule("country", "equals", "100"),
    );
    // "is" also applies to yes/no fields, so it stays; "DE" is no yes/no value, so it resets to yes.
    expect(changeRuleField(rule("country", "equals", "DE"), option("demo_requested"))).toEqual(
      rule("demo_requested", "equals", true),
    );
    expect(changeRuleField(rule("country", "in_list", ["DE"]), option("demo_requested"))).toEqual(
      rule("demo_requested", "is_true"),
    );
    expect(changeRuleField(rule("country", "in_list", ["a", "b"]), option("tags"))).toEqual(
      rule("tags", "matches_any_tag", ["a", "b"]),
    );
  });

  it("removes the value key entirely for operators without a value", () => {
    const changed = changeRuleOperator(rule("country", "equals", "DE"), "is_empty", "string");
    expect(changed).toEqual({ kind: "rule", field: "country", operator: "is_empty" });
    expect("value" in changed).toBe(false);
  });

  it("keeps the rule's id", () => {
    const r: ConditionRule = { ...rule("country", "equals", "DE"), id: "rule-7" };
    expect(changeRuleField(r, option("employees")).id).toBe("rule-7");
    expect(changeRuleOperator(r, "in_list", "string").id).toBe("rule-7");
  });

  it("never produces a rule the engine rejects for its field or operator, for any field and operator", () => {
    const start = rule("country", "in_list", ["DE", "AT"]);
    for (const field of OPTIONS) {
      const moved = changeRuleField(start, field);
      expect(codesOf(moved).filter((c) => c !== "invalid_value")).toEqual([]);
      for (const operator of operatorsForType(field.type)) {
        const changed = changeRuleOperator(moved, operator, field.type);
        expect(codesOf(changed).filter((c) => c !== "invalid_value")).toEqual([]);
      }
    }
  });

  it("gives complete rules when the old value fits: operator changes on numbers keep the number", () => {
    for (const operator of operatorsForType("number")) {
      const changed = changeRuleOperator(rule("employees", "gte", 100), operator, "number");
      const codes = codesOf(changed);
      // A range needs an upper bound typed in; every other number operator is complete.
      expect(codes).toEqual(operator === "between" ? ["invalid_value"] : []);
    }
  });

  it("sets a value, or removes it with undefined", () => {
    expect(setRuleValue(rule("employees", "gte", 1), 5)).toEqual(rule("employees", "gte", 5));
    expect(setRuleValue(rule("employees", "gte", 1), undefined)).toEqual(rule("employees", "gte"));
  });
});

describe("edits at a path", () => {
  const tree = (): Condition =>
    deepFreeze(
      newGroup("all", [
        rule("country", "equals", "DE"),
        newGroup("any", [rule("employees", "gte", 100), rule("tags", "matches_any_tag", ["vip"])], "g1"),
      ]),
    );

  it("reads nodes by child indexes", () => {
    const t = tree();
    expect(getAt(t, [])).toBe(t);
    expect(getAt(t, [1, 0])).toEqual(rule("employees", "gte", 100));
    expect(getAt(t, [5])).toBeUndefined();
    expect(getAt(t, [0, 0])).toBeUndefined();
  });

  it("updates one node and shares the untouched ones", () => {
    const t = tree();
    const next = updateAt(t, [1, 1], () => rule("tags", "contains", "x"));
    expect(getAt(next, [1, 1])).toEqual(rule("tags", "contains", "x"));
    expect(getAt(next, [0])).toBe(getAt(t, [0]));
    expect(getAt(t, [1, 1])).toEqual(rule("tags", "matches_any_tag", ["vip"]));
    expect(updateAt(t, [9, 9], () => rule("x", "is_empty"))).toBe(t);
  });

  it("appends to a group and ignores paths that are not groups", () => {
    const t = tree();
    const next = appendChild(t, [1], rule("band", "equals", "hot"));
    expect(getAt(next, [1, 2])).toEqual(rule("band", "equals", "hot"));
    expect(appendChild(t, [0], rule("band", "equals", "hot"))).toEqual(t);
  });

  it("removes a node, and a nested group left empty with it", () => {
    const t = tree();
    const once = removeAt(t, [1, 0]);
    expect(getAt(once, [1])).toEqual(newGroup("any", [rule("tags", "matches_any_tag", ["vip"])], "g1"));
    const twice = removeAt(once, [1, 0]);
    expect(twice).toEqual(newGroup("all", [rule("country", "equals", "DE")]));
    // The root is never removed, even when it becomes empty.
    expect(removeAt(twice, [0])).toEqual(newGroup("all", []));
    expect(removeAt(t, [])).toBe(t);
  });

  it("sets a group's combinator", () => {
    const next = setCombinator(tree(), [1], "not");
    expect(getAt(next, [1])).toMatchObject({ kind: "group", combinator: "not" });
    expect(setCombinator(tree(), [0], "any")).toEqual(tree());
  });

  it("produces conditions the engine accepts", () => {
    let t = tree();
    expect(codesOf(t)).toEqual([]);
    t = setCombinator(t, [], "not");
    t = appendChild(t, [1], newRule(option("created_at")));
    t = updateAt(t, [1, 2], (node) => (node.kind === "rule" ? setRuleValue(node, "2024-05-31") : node));
    t = removeAt(t, [0]);
    expect(codesOf(t)).toEqual([]);
  });
});

describe("lone rules shown as a group", () => {
  it("wrap into an All of group and unwrap back to the same rule", () => {
    const r = rule("country", "in_list", ["DE"]);
    const group = asGroup(r);
    expect(group).toEqual(newGroup("all", [r]));
    expect(unwrapSingleRule(group)).toBe(r);
    const g = newGroup("any", [r]);
    expect(asGroup(g)).toBe(g);
  });

  it("stay a group once it holds more, another combinator or an id", () => {
    const r = rule("country", "in_list", ["DE"]);
    expect(unwrapSingleRule(newGroup("any", [r])).kind).toBe("group");
    expect(unwrapSingleRule(newGroup("all", [r, r])).kind).toBe("group");
    expect(unwrapSingleRule(newGroup("all", [r], "g")).kind).toBe("group");
    expect(unwrapSingleRule(newGroup("all", [newGroup("all", [r])])).kind).toBe("group");
  });
});

describe("ids", () => {
  it("count up from the highest number used and never reuse a removed one", () => {
    expect(makeId("case", [])).toBe("case-1");
    expect(makeId("case", ["case-1", "case-2"])).toBe("case-3");
    expect(makeId("case", ["case-3"])).toBe("case-4");
    expect(makeId("case", ["emea", "case-x", "else"])).toBe("case-1");
    expect(makeId("rule", ["case-9", "rule-2"])).toBe("rule-3");
  });

  it("lists the ids used in a tree", () => {
    const t = newGroup(
      "all",
      [{ ...rule("a", "is_empty"), id: "rule-1" }, newGroup("any", [], "group-2")],
      "root",
    );
    expect(conditionIds(t).sort()).toEqual(["group-2", "root", "rule-1"]);
  });
});

describe("moveItem", () => {
  it("moves an item and leaves the input alone", () => {
    const items = Object.freeze(["a", "b", "c"]);
    expect(moveItem(items, 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(items, 2, 1)).toEqual(["a", "c", "b"]);
    expect(items).toEqual(["a", "b", "c"]);
  });
});

describe("limits", () => {
  it("count depth and size as the engine does", () => {
    expect(conditionStats(rule("a", "is_empty"))).toEqual({ depth: 1, count: 1 });
    expect(
      conditionStats(newGroup("all", [rule("a", "is_empty"), newGroup("any", [rule("a", "is_empty")])])),
    ).toEqual({ depth: 3, count: 4 });
  });

  it("allow nesting groups exactly up to the engine's depth, and the result validates", () => {
    let root: Condition = newGroup("all", [rule("country", "equals", "DE")]);
    let path: number[] = [];
    let levels = 0;
    while (canAddGroup(root, path)) {
      const group = getAt(root, path);
      const index = group?.kind === "group" ? group.children.length : 0;
      root = appendChild(root, path, newGroup("any", [rule("country", "equals", "DE")]));
      path = [...path, index];
      levels += 1;
    }
    expect(conditionStats(root).depth).toBe(LIMITS.maxConditionDepth);
    expect(levels).toBe(LIMITS.maxConditionDepth - 2);
    expect(withinLimits(root)).toBe(true);
    expect(codesOf(root)).toEqual([]);
    // The deepest group can still take rules, but one more group would be too deep.
    expect(canAddRule(root, path)).toBe(true);
    const tooDeep = appendChild(root, path, newGroup("any", [rule("country", "equals", "DE")]));
    expect(withinLimits(tooDeep)).toBe(false);
    expect(codesOf(tooDeep)).toContain("condition_too_complex");
  });

  it("stop adding rules at the engine's size limit", () => {
    const rules = Array.from({ length: LIMITS.maxConditionSize - 1 }, () => rule("country", "equals", "DE"));
    const full = newGroup("all", rules);
    expect(canAddRule(full, [])).toBe(false);
    expect(canAddRule(newGroup("all", rules.slice(1)), [])).toBe(true);
    expect(codesOf(full)).toEqual([]);
  });

  it("refuse to add to something that is not a group", () => {
    const root = newGroup("all", [rule("country", "equals", "DE")]);
    expect(canAddRule(root, [0])).toBe(false);
    expect(canAddGroup(root, [3])).toBe(false);
  });
});

describe("any sequence of builder edits", () => {
  type Edit =
    | { kind: "addRule"; at: number; field: number }
    | { kind: "addGroup"; at: number; field: number }
    | { kind: "remove"; at: number }
    | { kind: "combinator"; at: number; value: number }
    | { kind: "field"; at: number; field: number }
    | { kind: "operator"; at: number; op: number };

  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant("addRule" as const), at: fc.nat(), field: fc.nat() }),
    fc.record({ kind: fc.constant("addGroup" as const), at: fc.nat(), field: fc.nat() }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("combinator" as const), at: fc.nat(), value: fc.nat() }),
    fc.record({ kind: fc.constant("field" as const), at: fc.nat(), field: fc.nat() }),
    fc.record({ kind: fc.constant("operator" as const), at: fc.nat(), op: fc.nat() }),
  );

  function paths(root: Condition, kind: "rule" | "group" | "any"): number[][] {
    const out: number[][] = [];
    const visit = (node: Condition, path: number[]) => {
      if (kind === "any" || node.kind === kind) out.push(path);
      if (node.kind === "group")
        node.children.forEach((child, i) => {
          visit(child, [...path, i]);
        });
    };
    visit(root, []);
    return out;
  }

  const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(items.length, 1)];

  function apply(root: Condition, e: Edit): Condition {
    const field = pick(OPTIONS, "field" in e ? e.field : 0) ?? option("country");
    switch (e.kind) {
      case "addRule": {
        const at = pick(paths(root, "group"), e.at);
        return at && canAddRule(root, at)
          ? appendChild(root, at, newRule(field, makeId("rule", conditionIds(root))))
          : root;
      }
      case "addGroup": {
        const at = pick(paths(root, "group"), e.at);
        return at && canAddGroup(root, at) ? appendChild(root, at, newGroup("any", [newRule(field)])) : root;
      }
      case "remove": {
        const at = pick(
          paths(root, "any").filter((p) => p.length > 0),
          e.at,
        );
        return at ? removeAt(root, at) : root;
      }
      case "combinator": {
        const at = pick(paths(root, "group"), e.at);
        return at ? setCombinator(root, at, pick(["all", "any", "not"] as const, e.value) ?? "all") : root;
      }
      case "field": {
        const at = pick(paths(root, "rule"), e.at);
        return at
          ? updateAt(root, at, (node) => (node.kind === "rule" ? changeRuleField(node, field) : node))
          : root;
      }
      case "operator": {
        const at = pick(paths(root, "rule"), e.at);
        if (!at) return root;
        return updateAt(root, at, (node) => {
          if (node.kind !== "rule") return node;
          const type: FieldType = OPTIONS.find((o) => o.name === node.field)?.type ?? "string";
          const operator = pick(operatorsForType(type), e.op) ?? "is_empty";
          return changeRuleOperator(node, operator, type);
        });
      }
    }
  }

  it("leaves its input untouched and only ever needs values typed in (or a rule in an emptied root)", () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        let root: Condition = deepFreeze(newGroup("all", [newRule(option("country"))]));
        for (const e of edits) {
          const before = JSON.stringify(root);
          const next = apply(root, e);
          expect(JSON.stringify(root)).toBe(before);
          root = deepFreeze(next);
        }
        const issues = issuesOf(root);
        for (const issue of issues) {
          expect(["invalid_value", "empty_group"]).toContain(issue.code);
          // Only the root may be left empty: removals prune nested groups.
          if (issue.code === "empty_group") expect(issue.path).toEqual(["data", "cases", 0, "condition"]);
        }
        expect(withinLimits(root)).toBe(true);
        for (const r of paths(root, "rule")) {
          const node = getAt(root, r);
          if (node?.kind === "rule") expect(OPERATORS).toContain(node.operator);
        }
      }),
      { numRuns: 300 },
    );
  });
});
