/**
 * A JSON Logic compiler: turns a rule into a tree of closures once, so evaluating it is a few function
 * calls instead of a re-interpretation of the rule for every lead.
 *
 * json-logic-js 2.0.5 `apply` is the semantic reference: every operation here mirrors its code,
 * including JavaScript coercions (`==`, `+` via parseFloat, string comparison), argument evaluation
 * order, and what happens with too few or too many arguments. The differential test
 * (test/engine/differential.test.ts) and the conformance suite check that they agree.
 *
 * Deliberate differences, documented in engine/README.md:
 * - dotted operation names ("a.b", json-logic-js's method lookup) always throw "Unrecognized operation";
 * - rules nested deeper than LIMITS.maxJsonLogicDepth are rejected at compile time;
 * - unknown operations throw when evaluated (like json-logic-js), after their arguments are evaluated.
 */
import { LIMITS } from "./limits";

export type CompiledRule = (data: unknown) => unknown;

/** JSON Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function isLogic(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1
  );
}

type Values = unknown[];

/** `{"var": [a, b]}` with `data` as the scope, exactly as json-logic-js resolves it. */
function lookupVar(data: unknown, a: unknown, b: unknown): unknown {
  const notFound = b === undefined ? null : b;
  if (typeof a === "undefined" || a === "" || a === null) return data;
  const subProps = String(a).split(".");
  let current = data;
  for (const prop of subProps) {
    if (current === null || current === undefined) return notFound;
    current = (current as Record<string, unknown>)[prop];
    if (current === undefined) return notFound;
  }
  return current;
}

function missing(data: unknown, args: Values): unknown[] {
  const result: unknown[] = [];
  const first = args[0];
  const keys: ArrayLike<unknown> = Array.isArray(first) ? first : args;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const value =
      key !== null && typeof key === "object"
        ? compileJsonLogic({ var: key })(data)
        : lookupVar(data, key, undefined);
    if (value === null || value === "") result.push(key);
  }
  return result;
}

function missingSome(data: unknown, needCount: unknown, options: unknown): unknown {
  const areMissing = compileJsonLogic({ missing: options })(data) as { length: number };
  if ((options as { length: number }).length - areMissing.length >= (needCount as number)) return [];
  return areMissing;
}

const num = (value: unknown): number => value as number;
const str = (value: unknown): string => value as string;

/** Operations that read at most three arguments (the rest are still evaluated, then ignored). */
type FixedOperation = (a: unknown, b: unknown, c: unknown) => unknown;

const FIXED_OPERATIONS: ReadonlyMap<string, FixedOperation> = new Map<string, FixedOperation>([
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic "==" is JavaScript loose equality.
  ["==", (a, b) => a == b],
  ["===", (a, b) => a === b],
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic "!=" is JavaScript loose inequality.
  ["!=", (a, b) => a != b],
  ["!==", (a, b) => a !== b],
  [">", (a, b) => num(a) > num(b)],
  [">=", (a, b) => num(a) >= num(b)],
  ["<", (a, b, c) => (c === undefined ? num(a) < num(b) : num(a) < num(b) && num(b) < num(c))],
  ["<=", (a, b, c) => (c === undefined ? num(a) <= num(b) : num(a) <= num(b) && num(b) <= num(c))],
  ["!!", (a) => truthy(a)],
  ["!", (a) => !truthy(a)],
  ["%", (a, b) => num(a) % num(b)],
  [
    "log",
    (a) => {
      console.log(a);
      return a;
    },
  ],
  ["in", (a, b) => inOperation(a, b)],
  ["substr", (source, start, end) => substr(source, start, end)],
  ["-", (a, b) => (b === undefined ? -num(a) : num(a) - num(b))],
  ["/", (a, b) => num(a) / num(b)],
]);

/** Operations over all their arguments, or over the data scope. */
type Operation = (data: unknown, args: Values) => unknown;

const VARIADIC_OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ["cat", (_d, args) => args.join("")],
  [
    "+",
    (_d, args) => args.reduce((a: number, b) => Number.parseFloat(str(a)) + Number.parseFloat(str(b)), 0),
  ],
  ["*", (_d, args) => args.reduce((a, b) => Number.parseFloat(str(a)) * Number.parseFloat(str(b)))],
  ["min", (_d, args) => Math.min(...args.map(num))],
  ["max", (_d, args) => Math.max(...args.map(num))],
  ["merge", (_d, args) => args.reduce((a: unknown[], b) => a.concat(b), [])],
  ["var", (data, [a, b]) => lookupVar(data, a, b)],
  ["missing", (data, args) => missing(data, args)],
  ["missing_some", (data, [needCount, options]) => missingSome(data, needCount, options)],
]);

function inOperation(a: unknown, b: unknown): boolean {
  if (!b || typeof (b as { indexOf?: unknown }).indexOf === "undefined") return false;
  return (b as { indexOf(item: unknown): number }).indexOf(a) !== -1;
}

function substr(source: unknown, start: unknown, end: unknown): string {
  if (num(end) < 0) {
    const temp = String(source).substr(num(start));
    return temp.substr(0, temp.length + num(end));
  }
  return String(source).substr(num(start), num(end));
}

/**
 * How `{"var": name}` reads the top-level data scope. Used by the flow evaluator to read lead fields
 * straight from the lead (normalised on read) instead of building a context object per lead.
 */
export type VarResolver = (name: string) => CompiledRule | undefined;

/** Tracks whether a rule only reads the top-level scope through resolvable `var`s. */
interface Scope {
  resolve: VarResolver;
  opaque: boolean;
}

/** Compiles a JSON Logic rule. Throws only for rules nested deeper than LIMITS.maxJsonLogicDepth. */
export function compileJsonLogic(rule: unknown): CompiledRule {
  return build(rule, 0, null);
}

/**
 * Compiles a rule whose top-level data is opaque: every top-level `{"var": "name"}` is replaced by
 * `resolveVar(name)`. Variables inside map/filter/reduce/all/none/some scopes read their element as
 * usual. Returns null when the rule uses the top-level data any other way (a var that does not
 * resolve, a default value, a computed or dotted path, "", missing, missing_some); callers then
 * evaluate it with `compileJsonLogic` over materialised data.
 */
export function compileJsonLogicWithResolver(rule: unknown, resolveVar: VarResolver): CompiledRule | null {
  const scope: Scope = { resolve: resolveVar, opaque: false };
  const compiled = build(rule, 0, scope);
  return scope.opaque ? null : compiled;
}

/** Compiles and applies in one go (convenient, but compile once when evaluating repeatedly). */
export function applyCompiled(rule: unknown, data?: unknown): unknown {
  return compileJsonLogic(rule)(data);
}

function constant(value: unknown): CompiledRule {
  return () => value;
}

function isConstant(rule: unknown): boolean {
  return rule === null || (typeof rule !== "object" && typeof rule !== "function");
}

function resolveTopLevel(op: string, values: Values, scope: Scope | null): CompiledRule | null {
  if (scope === null) return null;
  if (op === "var") {
    const name = values[0];
    const resolved = values.length === 1 && typeof name === "string" ? scope.resolve(name) : undefined;
    if (resolved !== undefined) return resolved;
    scope.opaque = true;
  } else if (op === "missing" || op === "missing_some") {
    scope.opaque = true;
  }
  return null;
}

function build(rule: unknown, depth: number, scope: Scope | null): CompiledRule {
  if (depth > LIMITS.maxJsonLogicDepth) {
    throw new RangeError(`JSON Logic rule nests deeper than ${LIMITS.maxJsonLogicDepth} levels`);
  }
  if (Array.isArray(rule)) {
    const items = rule.map((item) => build(item, depth + 1, scope));
    return (data) => items.map((item) => item(data));
  }
  if (!isLogic(rule)) return constant(rule);
  const op = Object.keys(rule)[0] ?? "";
  const raw = rule[op];
  const values: Values = Array.isArray(raw) ? raw : [raw];
  const fused = scope === null ? null : fuseGuardedComparison(op, values, scope);
  if (fused !== null) return fused;
  const special = buildSpecial(op, values, depth, scope);
  if (special !== null) return special;
  const args = values.map((value) => build(value, depth + 1, scope));
  const resolved = resolveTopLevel(op, values, scope);
  if (resolved !== null) return resolved;
  const fixed = FIXED_OPERATIONS.get(op);
  if (fixed !== undefined) return buildFixed(op, fixed, values, args);
  const operation = VARIADIC_OPERATIONS.get(op);
  if (operation === undefined) {
    return (data) => {
      for (const arg of args) arg(data);
      throw new Error(`Unrecognized operation ${op}`);
    };
  }
  if (op === "var" && values.length <= 2 && isConstant(values[0]) && isConstant(values[1])) {
    return buildVar(values[0], values[1]);
  }
  return (data) =>
    operation(
      data,
      args.map((arg) => arg(data)),
    );
}

/** Operations that decide themselves which arguments to evaluate (and with which scope). */
function buildSpecial(op: string, values: Values, depth: number, scope: Scope | null): CompiledRule | null {
  const sub = (value: unknown): CompiledRule => build(value, depth + 1, scope);
  /** The per-element logic of map/filter/… reads the element, never the top-level scope. */
  const element = (value: unknown): CompiledRule => build(value, depth + 1, null);
  switch (op) {
    case "if":
    case "?:": {
      const parts = values.map(sub);
      const pairs = Math.floor(values.length / 2);
      const otherwise = values.length % 2 === 1 ? parts[values.length - 1] : undefined;
      return (data) => {
        for (let i = 0; i < pairs; i += 1) {
          if (truthy((parts[2 * i] as CompiledRule)(data))) return (parts[2 * i + 1] as CompiledRule)(data);
        }
        return otherwise === undefined ? null : otherwise(data);
      };
    }
    case "and": {
      const parts = values.map(sub);
      const [first, second] = parts;
      if (parts.length === 2 && first !== undefined && second !== undefined) {
        return (data) => {
          const current = first(data);
          return truthy(current) ? second(data) : current;
        };
      }
      return (data) => {
        let current: unknown;
        for (const part of parts) {
          current = part(data);
          if (!truthy(current)) return current;
        }
        return current;
      };
    }
    case "or": {
      const parts = values.map(sub);
      const [first, second] = parts;
      if (parts.length === 2 && first !== undefined && second !== undefined) {
        return (data) => {
          const current = first(data);
          return truthy(current) ? current : second(data);
        };
      }
      return (data) => {
        let current: unknown;
        for (const part of parts) {
          current = part(data);
          if (truthy(current)) return current;
        }
        return current;
      };
    }
    case "filter":
    case "map":
    case "all":
    case "none":
    case "some":
      return buildScoped(op, sub(values[0]), element(values[1]));
    case "reduce": {
      const scoped = sub(values[0]);
      const logic = element(values[1]);
      const initial = typeof values[2] !== "undefined" ? sub(values[2]) : constant(null);
      return (data) => {
        const items = scoped(data);
        const start = initial(data);
        if (!Array.isArray(items)) return start;
        return items.reduce(
          (accumulator: unknown, current: unknown) => logic({ current, accumulator }),
          start,
        );
      };
    }
    default:
      return null;
  }
}

function buildScoped(op: string, scoped: CompiledRule, logic: CompiledRule): CompiledRule {
  switch (op) {
    case "filter":
      return (data) => {
        const items = scoped(data);
        return Array.isArray(items) ? items.filter((item) => truthy(logic(item))) : [];
      };
    case "map":
      return (data) => {
        const items = scoped(data);
        return Array.isArray(items) ? items.map((item) => logic(item)) : [];
      };
    case "all":
      return (data) => {
        const items = scoped(data);
        if (!Array.isArray(items) || !items.length) return false;
        for (let i = 0; i < items.length; i += 1) if (!truthy(logic(items[i]))) return false;
        return true;
      };
    case "none":
      return (data) => {
        const items = scoped(data);
        if (!Array.isArray(items) || !items.length) return true;
        for (let i = 0; i < items.length; i += 1) if (truthy(logic(items[i]))) return false;
        return true;
      };
    default:
      return (data) => {
        const items = scoped(data);
        if (!Array.isArray(items) || !items.length) return false;
        for (let i = 0; i < items.length; i += 1) if (truthy(logic(items[i]))) return true;
        return false;
      };
  }
}

/** `{"var": "name"}` (or `{"var": ["name"]}`) → "name"; anything else → null. */
export function plainVarName(rule: unknown): string | null {
  if (!isLogic(rule) || !Object.hasOwn(rule, "var")) return null;
  const path = rule.var;
  if (typeof path === "string") return path;
  if (Array.isArray(path) && path.length === 1 && typeof path[0] === "string") return path[0];
  return null;
}

/**
 * `{"and": [{"!==": [V, null]}, {op: [V, k]}]}` (a comparison guarded against a missing value, as
 * the flow compiler emits for gt/gte/lt/lte/between) over a resolved variable V, as one closure.
 * Only used with resolved variables, whose reads are pure, so reading V once is equivalent.
 */
function fuseGuardedComparison(op: string, values: Values, scope: Scope): CompiledRule | null {
  if (op !== "and" || values.length !== 2) return null;
  const [guard, test] = values;
  if (!isLogic(guard) || !isLogic(test) || !Array.isArray(guard["!=="])) return null;
  const [guarded, nothing] = guard["!=="] as Values;
  const name = plainVarName(guarded);
  if (name === null || nothing !== null || (guard["!=="] as Values).length !== 2) return null;
  const read = scope.resolve(name);
  if (read === undefined) return null;
  const testOp = Object.keys(test)[0] ?? "";
  const args = test[testOp];
  if (!Array.isArray(args)) return null;
  if (args.length === 2 && plainVarName(args[0]) === name && isConstant(args[1])) {
    const k = num(args[1]);
    switch (testOp) {
      case ">":
        return (data) => {
          const v = read(data);
          return v !== null && num(v) > k;
        };
      case ">=":
        return (data) => {
          const v = read(data);
          return v !== null && num(v) >= k;
        };
      case "<":
        return (data) => {
          const v = read(data);
          return v !== null && num(v) < k;
        };
      case "<=":
        return (data) => {
          const v = read(data);
          return v !== null && num(v) <= k;
        };
    }
  }
  const [low, middle, high] = args;
  if (
    args.length === 3 &&
    plainVarName(middle) === name &&
    isConstant(low) &&
    isConstant(high) &&
    high !== undefined
  ) {
    const lo = num(low);
    const hi = num(high);
    if (testOp === "<=") {
      return (data) => {
        const v = read(data);
        return v !== null && lo <= num(v) && num(v) <= hi;
      };
    }
    if (testOp === "<") {
      return (data) => {
        const v = read(data);
        return v !== null && lo < num(v) && num(v) < hi;
      };
    }
  }
  return null;
}

/**
 * Fixed-arity operations, called without building an argument array, with fast paths for the shapes
 * the flow compiler emits (comparison with a constant, membership in a constant list, negation).
 * Arguments are evaluated left to right, all of them, as json-logic-js does.
 */
function buildFixed(
  op: string,
  operation: FixedOperation,
  values: Values,
  args: CompiledRule[],
): CompiledRule {
  const [a, b, c] = args;
  if (a === undefined) return () => operation(undefined, undefined, undefined);
  if (b === undefined) {
    if (op === "!" || op === "!!") {
      const negate = op === "!";
      return (data) => truthy(a(data)) !== negate;
    }
    return (data) => operation(a(data), undefined, undefined);
  }
  if (c === undefined) {
    const right = values[1];
    if ((op === "===" || op === "!==") && isConstant(right)) {
      const negate = op === "!==";
      return (data) => (a(data) === right) !== negate;
    }
    if (op === "in" && Array.isArray(right) && right.every(isConstant)) return buildInList(a, right);
    return (data) => operation(a(data), b(data), undefined);
  }
  if (args.length === 3) return (data) => operation(a(data), b(data), c(data));
  return (data) => {
    const evaluated = args.map((arg) => arg(data));
    return operation(evaluated[0], evaluated[1], evaluated[2]);
  };
}

function buildVar(path: unknown, fallback: unknown): CompiledRule {
  if (path === undefined || path === "" || path === null) return (data) => data;
  const notFound = fallback === undefined ? null : fallback;
  const parts = String(path).split(".");
  const key = parts[0];
  if (parts.length === 1 && key !== undefined) {
    return (data) => {
      if (data === null || data === undefined) return notFound;
      const value = (data as Record<string, unknown>)[key];
      return value === undefined ? notFound : value;
    };
  }
  return (data) => lookupVar(data, path, fallback);
}

/**
 * `{"in": [x, [constants…]]}`: Array.prototype.indexOf semantics (strict equality, NaN never found).
 * Long lists use a Set, which differs from indexOf only for NaN, handled explicitly.
 */
function buildInList(item: CompiledRule, list: unknown[]): CompiledRule {
  if (list.length < 8) {
    return (data) => {
      const value = item(data);
      for (let i = 0; i < list.length; i += 1) if (list[i] === value) return true;
      return false;
    };
  }
  const set = new Set(list);
  return (data) => {
    const value = item(data);
    return !Number.isNaN(value) && set.has(value);
  };
}
