/**
 * Conditions: the typed operator table, value checks, the condition → JSON Logic compiler, and helpers
 * to list and describe the rules of a condition tree.
 */
import { normalizeDateString } from "./fields";
import type { Condition, ConditionRule, FieldType, Operator, RuleValue } from "./schema";

/** A JSON value; JSON Logic rules are JSON values. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What an operator expects as its `value`. */
export type OperatorValueShape = "none" | "scalar" | "list" | "range";

export interface OperatorSpec {
  /** Human label for editors, e.g. "is greater than". */
  label: string;
  /** Short form used in traces, e.g. ">". */
  symbol: string;
  /** Field types the operator applies to. */
  types: readonly FieldType[];
  value: OperatorValueShape;
}

export const OPERATOR_SPECS: Readonly<Record<Operator, OperatorSpec>> = {
  equals: { label: "equals", symbol: "=", types: ["string", "number", "boolean", "date"], value: "scalar" },
  not_equals: {
    label: "does not equal",
    symbol: "≠",
    types: ["string", "number", "boolean", "date"],
    value: "scalar",
  },
  in_list: { label: "is one of", symbol: "in", types: ["string", "number"], value: "list" },
  contains: { label: "contains", symbol: "contains", types: ["string", "string_list"], value: "scalar" },
  starts_with: { label: "starts with", symbol: "starts with", types: ["string"], value: "scalar" },
  gt: { label: "is greater than", symbol: ">", types: ["number", "date"], value: "scalar" },
  gte: { label: "is at least", symbol: "≥", types: ["number", "date"], value: "scalar" },
  lt: { label: "is less than", symbol: "<", types: ["number", "date"], value: "scalar" },
  lte: { label: "is at most", symbol: "≤", types: ["number", "date"], value: "scalar" },
  between: { label: "is between", symbol: "between", types: ["number", "date"], value: "range" },
  is_empty: {
    label: "is empty",
    symbol: "is empty",
    types: ["string", "number", "boolean", "string_list", "date"],
    value: "none",
  },
  is_true: { label: "is true", symbol: "is true", types: ["boolean"], value: "none" },
  matches_any_tag: {
    label: "has any of the tags",
    symbol: "has any of",
    types: ["string_list"],
    value: "list",
  },
};

/** The operators an editor should offer for a field type. */
export function operatorsForType(type: FieldType): Operator[] {
  return (Object.keys(OPERATOR_SPECS) as Operator[]).filter((op) => OPERATOR_SPECS[op].types.includes(type));
}

function scalarProblem(type: FieldType, operator: Operator, value: RuleValue | undefined): string | null {
  const elementType = type === "string_list" ? "string" : type;
  switch (elementType) {
    case "string":
      if (typeof value !== "string") return "a text value";
      if ((operator === "contains" || operator === "starts_with") && value.length === 0)
        return "a non-empty text value";
      return null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "a number";
    case "boolean":
      return typeof value === "boolean" ? null : "true or false";
    case "date":
      return typeof value === "string" && normalizeDateString(value) !== null
        ? null
        : "a date such as 2024-05-31 or 2024-05-31T09:00:00Z";
  }
}

/**
 * Checks the `value` of a rule against its operator and the field's type. Returns a description of
 * what was expected ("a number", "two numbers, the lower first"…) or null when the value fits.
 * Assumes the operator applies to the type (check `OPERATOR_SPECS[op].types` first).
 */
export function ruleValueProblem(
  type: FieldType,
  operator: Operator,
  value: RuleValue | undefined,
): string | null {
  const shape = OPERATOR_SPECS[operator].value;
  if (shape === "none") return value === undefined || value === null ? null : "no value";
  if (shape === "scalar") return scalarProblem(type, operator, value);
  if (!Array.isArray(value)) return shape === "range" ? "a lower and an upper bound" : "a list of values";
  if (shape === "list") {
    if (value.length === 0) return "at least one value";
    for (const item of value) {
      const problem = scalarProblem(type, operator, item);
      if (problem !== null) return `a list where every item is ${problem}`;
    }
    return null;
  }
  if (value.length !== 2) return "a lower and an upper bound";
  const [low, high] = value;
  const lowProblem = scalarProblem(type, operator, low);
  if (lowProblem !== null) return `a lower bound that is ${lowProblem}`;
  const highProblem = scalarProblem(type, operator, high);
  if (highProblem !== null) return `an upper bound that is ${highProblem}`;
  const [lo, hi] = [normalizeScalar(type, low), normalizeScalar(type, high)];
  if (lo !== null && hi !== null && lo > hi) return "a lower bound that is not above the upper bound";
  return null;
}

function normalizeScalar(type: FieldType, value: RuleValue | undefined): string | number | boolean | null {
  if (type === "date") return typeof value === "string" ? normalizeDateString(value) : null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

function literal(type: FieldType, value: RuleValue | undefined): JsonValue {
  if (Array.isArray(value)) return value.map((item) => normalizeScalar(type, item));
  return normalizeScalar(type, value);
}

/** `{"var": field}`: reads a field of the evaluation context. */
export function fieldRef(field: string): JsonValue {
  return { var: field };
}

function present(field: string, test: JsonValue): JsonValue {
  return { and: [{ "!==": [fieldRef(field), null] }, test] };
}

const COMPARISON_OPS: Partial<Record<Operator, string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

/**
 * Compiles one rule to JSON Logic. The result is always a boolean for a normalised context (every
 * field present, holding a value of its type or null). Missing values make every operator false,
 * except `not_equals` (the negation of `equals`) and `is_empty`.
 */
export function compileRule(rule: ConditionRule, type: FieldType): JsonValue {
  const v = fieldRef(rule.field);
  const value = literal(type, rule.value);
  switch (rule.operator) {
    case "equals":
      return { "===": [v, value] };
    case "not_equals":
      return { "!==": [v, value] };
    case "in_list":
      return { in: [v, value] };
    case "contains":
      return { in: [value, v] };
    case "starts_with": {
      const prefix = typeof value === "string" ? value : "";
      return present(rule.field, { "===": [{ substr: [v, 0, prefix.length] }, prefix] });
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return present(rule.field, { [COMPARISON_OPS[rule.operator] ?? ">"]: [v, value] });
    case "between": {
      const [low, high] = Array.isArray(value) ? value : [null, null];
      return present(rule.field, { "<=": [low ?? null, v, high ?? null] });
    }
    case "is_empty":
      return type === "string" || type === "string_list" ? { "!": [v] } : { "===": [v, null] };
    case "is_true":
      return { "===": [v, true] };
    case "matches_any_tag":
      return { some: [v, { in: [{ var: "" }, value] }] };
  }
}

/**
 * Compiles a condition tree to JSON Logic: all → and, any → or, not → ! (of the AND of its children).
 * Single-child all/any groups are unwrapped; empty groups compile to their identity (all → true,
 * any → false, not → false). `typeOf` gives the type of every field the tree uses.
 */
export function compileCondition(condition: Condition, typeOf: (field: string) => FieldType): JsonValue {
  if (condition.kind === "rule") return compileRule(condition, typeOf(condition.field));
  const children = condition.children.map((child) => compileCondition(child, typeOf));
  const first = children[0];
  switch (condition.combinator) {
    case "all":
      if (first === undefined) return true;
      return children.length === 1 ? first : { and: children };
    case "any":
      if (first === undefined) return false;
      return children.length === 1 ? first : { or: children };
    case "not":
      if (first === undefined) return false;
      return { "!": [children.length === 1 ? first : { and: children }] };
  }
}

/** Every rule of a condition tree, depth first, in authored order. */
export function collectRules(condition: Condition): ConditionRule[] {
  const rules: ConditionRule[] = [];
  const visit = (node: Condition): void => {
    if (node.kind === "rule") rules.push(node);
    else for (const child of node.children) visit(child);
  };
  visit(condition);
  return rules;
}

/** Nesting depth (a lone rule is 1) and number of rules and groups. */
export function conditionSize(condition: Condition): { depth: number; count: number } {
  if (condition.kind === "rule") return { depth: 1, count: 1 };
  let depth = 0;
  let count = 1;
  for (const child of condition.children) {
    const size = conditionSize(child);
    depth = Math.max(depth, size.depth);
    count += size.count;
  }
  return { depth: depth + 1, count };
}

function formatScalar(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}

/** Human text for a rule's expected value: "DE", "DE, AT, CH", "10 and 50". */
export function formatRuleValue(rule: ConditionRule): string {
  const value = rule.value;
  if (value === undefined || value === null) return "";
  if (!Array.isArray(value)) return formatScalar(value);
  if (rule.operator === "between") return value.map(formatScalar).join(" and ");
  return value.map(formatScalar).join(", ");
}

/** Human text for a rule, e.g. "country = DE", "employees between 10 and 50", "phone is empty". */
export function describeRule(rule: ConditionRule): string {
  const spec = OPERATOR_SPECS[rule.operator];
  if (spec.value === "none") return `${rule.field} ${spec.symbol}`;
  return `${rule.field} ${spec.symbol} ${formatRuleValue(rule)}`;
}
