/**
 * Pure edits of condition trees for the condition builder: field options, rule defaults, edits at a
 * path, value conversion when a rule's field or operator changes, ids and size limits.
 * Every function returns a new tree and never mutates its input.
 */
import {
  BUILTIN_FIELDS,
  type Combinator,
  type Condition,
  type ConditionGroup,
  type ConditionRule,
  type FieldDecl,
  type FieldType,
  LIMITS,
  normalizeDateString,
  OPERATOR_SPECS,
  type Operator,
  operatorsForType,
  type RuleValue,
} from "@/engine";
import { BUILTIN_FIELD_LABELS } from "./labels";

/** Child indexes from the root group down: [] is the root, [1, 0] the first child of its second child. */
export type ConditionPath = readonly number[];

type Scalar = string | number | boolean | null;

export interface FieldOption {
  name: string;
  type: FieldType;
  /** What the person sees: the declared label, else the name. */
  label: string;
  builtin: boolean;
}

/** The fields a rule can test: the declared ones (named, first declaration wins), then the built-ins. */
export function fieldOptions(declared: readonly FieldDecl[]): FieldOption[] {
  const builtinNames = new Set(BUILTIN_FIELDS.map((field) => field.name));
  const seen = new Set<string>();
  const options: FieldOption[] = [];
  for (const field of declared) {
    if (field.name === "" || seen.has(field.name) || builtinNames.has(field.name)) continue;
    seen.add(field.name);
    options.push({
      name: field.name,
      type: field.type,
      label: field.label?.trim() || field.name,
      builtin: false,
    });
  }
  for (const field of BUILTIN_FIELDS) {
    options.push({
      name: field.name,
      type: field.type,
      label: BUILTIN_FIELD_LABELS[field.name] ?? field.name,
      builtin: true,
    });
  }
  return options;
}

/**
 * The operator a new rule on a field of this type starts with. Text starts as "is one of" with no
 * values rather than "is" with an empty text, which would be complete (matching empty values) and so
 * never flagged as unfinished.
 */
export function defaultOperator(type: FieldType): Operator {
  switch (type) {
    case "string":
      return "in_list";
    case "boolean":
      return "is_true";
    case "string_list":
      return "matches_any_tag";
    default:
      return "equals";
  }
}

function emptyScalar(type: FieldType): Scalar {
  switch (type) {
    case "number":
      return null;
    case "boolean":
      return true;
    default:
      return "";
  }
}

/** A value of one field type from a value written for another, or null when it does not fit. */
export function coerceScalar(value: unknown, type: FieldType): Scalar {
  switch (type) {
    case "string":
    case "string_list":
      if (typeof value === "string") return value;
      return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
    case "number": {
      if (typeof value === "number") return Number.isFinite(value) ? value : null;
      if (typeof value !== "string" || value.trim() === "") return null;
      const parsed = Number(value.trim());
      return Number.isFinite(parsed) ? parsed : null;
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true") return true;
      if (value === "false") return false;
      return null;
    case "date":
      return typeof value === "string" && normalizeDateString(value) !== null ? value : null;
  }
}

/**
 * The value a rule gets when its operator or field type changes: what still fits is kept (a scalar
 * becomes a one-item list, a list's first item becomes the scalar, the lower bound of a range…),
 * what does not is reset to an empty value of the right shape.
 */
export function convertValue(
  value: RuleValue | undefined,
  operator: Operator,
  type: FieldType,
): RuleValue | undefined {
  const shape = OPERATOR_SPECS[operator].value;
  if (shape === "none") return undefined;
  const items = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) =>
    coerceScalar(item, type),
  );
  const present = items.filter((item): item is string | number | boolean => item !== null && item !== "");
  switch (shape) {
    case "scalar":
      return present[0] ?? emptyScalar(type);
    case "list":
      return [...new Set(present)];
    case "range":
      if (Array.isArray(value) && value.length === 2) return [items[0] ?? null, items[1] ?? null];
      return [present[0] ?? null, null];
  }
}

/** The empty value of an operator's shape for a field type. */
export function emptyValue(operator: Operator, type: FieldType): RuleValue | undefined {
  return convertValue(undefined, operator, type);
}

function withValue(rule: ConditionRule, value: RuleValue | undefined): ConditionRule {
  const { value: _old, ...rest } = rule;
  return value === undefined ? rest : { ...rest, value };
}

/** A rule on a field with the type's default operator and an empty value; an unset rule without fields. */
export function newRule(field: FieldOption | undefined, id?: string): ConditionRule {
  const base = id === undefined ? {} : { id };
  if (field === undefined) return { kind: "rule", ...base, field: "", operator: "equals", value: "" };
  const operator = defaultOperator(field.type);
  return withValue({ kind: "rule", ...base, field: field.name, operator }, emptyValue(operator, field.type));
}

export function newGroup(combinator: Combinator, children: Condition[], id?: string): ConditionGroup {
  return id === undefined
    ? { kind: "group", combinator, children }
    : { kind: "group", id, combinator, children };
}

/** Points a rule at another field: the operator is kept when the new type allows it, and the value converted. */
export function changeRuleField(rule: ConditionRule, field: FieldOption): ConditionRule {
  const operator = operatorsForType(field.type).includes(rule.operator)
    ? rule.operator
    : defaultOperator(field.type);
  return withValue({ ...rule, field: field.name, operator }, convertValue(rule.value, operator, field.type));
}

export function changeRuleOperator(rule: ConditionRule, operator: Operator, type: FieldType): ConditionRule {
  return withValue({ ...rule, operator }, convertValue(rule.value, operator, type));
}

export function setRuleValue(rule: ConditionRule, value: RuleValue | undefined): ConditionRule {
  return withValue(rule, value);
}

/** The node at a path, or undefined when the path leads nowhere. */
export function getAt(root: Condition, path: ConditionPath): Condition | undefined {
  let node: Condition | undefined = root;
  for (const index of path) {
    if (node === undefined || node.kind !== "group") return undefined;
    node = node.children[index];
  }
  return node;
}

/** Replaces the node at a path with `edit(node)`; a path that leads nowhere leaves the tree as it is. */
export function updateAt(
  root: Condition,
  path: ConditionPath,
  edit: (node: Condition) => Condition,
): Condition {
  const [index, ...rest] = path;
  if (index === undefined) return edit(root);
  if (root.kind !== "group") return root;
  const child = root.children[index];
  if (child === undefined) return root;
  const children = root.children.slice();
  children[index] = updateAt(child, rest, edit);
  return { ...root, children };
}

/**
 * Removes the node at a path (not the root). A nested group left empty is removed too, so a removal
 * never leaves an empty group behind except the root.
 */
export function removeAt(root: Condition, path: ConditionPath): Condition {
  if (path.length === 0 || root.kind !== "group") return root;
  const [index, ...rest] = path;
  if (index === undefined) return root;
  const child = root.children[index];
  if (child === undefined) return root;
  if (rest.length === 0) return { ...root, children: root.children.filter((_, i) => i !== index) };
  const updated = removeAt(child, rest);
  const children =
    updated.kind === "group" && updated.children.length === 0
      ? root.children.filter((_, i) => i !== index)
      : root.children.map((c, i) => (i === index ? updated : c));
  return { ...root, children };
}

/** Adds a child at the end of the group at `groupPath`. */
export function appendChild(root: Condition, groupPath: ConditionPath, child: Condition): Condition {
  return updateAt(root, groupPath, (node) =>
    node.kind === "group" ? { ...node, children: [...node.children, child] } : node,
  );
}

export function setCombinator(root: Condition, path: ConditionPath, combinator: Combinator): Condition {
  return updateAt(root, path, (node) => (node.kind === "group" ? { ...node, combinator } : node));
}

/** A copy of the list with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** Shows a condition as a group: a lone rule appears as an "all" group of one. */
export function asGroup(condition: Condition): ConditionGroup {
  return condition.kind === "group" ? condition : newGroup("all", [condition]);
}

/**
 * The inverse of `asGroup` for a condition that was a lone rule: an "all" group still holding just
 * that one rule goes back to being the rule, so showing a rule as a group never rewrites it.
 */
export function unwrapSingleRule(group: ConditionGroup): Condition {
  const [only] = group.children;
  if (
    group.id === undefined &&
    group.combinator === "all" &&
    group.children.length === 1 &&
    only?.kind === "rule"
  )
    return only;
  return group;
}

/**
 * `prefix-N` with N one above the highest number already used with that prefix. Numbers are not
 * reused after a removal, so a new branch case never picks up a connection left by a removed one.
 */
export function makeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let highest = 0;
  for (const id of used) {
    if (!id.startsWith(`${prefix}-`)) continue;
    const n = Number(id.slice(prefix.length + 1));
    if (Number.isSafeInteger(n) && n > highest) highest = n;
  }
  let n = highest + 1;
  while (used.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** Ids already used by rules and groups of a tree. */
export function conditionIds(root: Condition): string[] {
  const ids: string[] = [];
  const visit = (node: Condition): void => {
    if (node.id !== undefined) ids.push(node.id);
    if (node.kind === "group") for (const child of node.children) visit(child);
  };
  visit(root);
  return ids;
}

/** Nesting depth (a lone rule is 1) and number of rules and groups, as the engine counts them. */
export function conditionStats(root: Condition): { depth: number; count: number } {
  if (root.kind === "rule") return { depth: 1, count: 1 };
  let depth = 0;
  let count = 1;
  for (const child of root.children) {
    const stats = conditionStats(child);
    depth = Math.max(depth, stats.depth);
    count += stats.count;
  }
  return { depth: depth + 1, count };
}

export function withinLimits(root: Condition): boolean {
  const { depth, count } = conditionStats(root);
  return depth <= LIMITS.maxConditionDepth && count <= LIMITS.maxConditionSize;
}

const PLACEHOLDER_RULE: ConditionRule = { kind: "rule", field: "", operator: "is_empty" };

/** Whether a rule can be added to the group at `groupPath` without passing the engine's limits. */
export function canAddRule(root: Condition, groupPath: ConditionPath): boolean {
  return (
    getAt(root, groupPath)?.kind === "group" && withinLimits(appendChild(root, groupPath, PLACEHOLDER_RULE))
  );
}

/** Whether a group holding one rule can be added to the group at `groupPath` within the limits. */
export function canAddGroup(root: Condition, groupPath: ConditionPath): boolean {
  return (
    getAt(root, groupPath)?.kind === "group" &&
    withinLimits(appendChild(root, groupPath, newGroup("all", [PLACEHOLDER_RULE])))
  );
}
