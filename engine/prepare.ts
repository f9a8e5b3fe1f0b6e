/**
 * Preparing a compiled flow for evaluation: every condition becomes a predicate over the evaluation
 * state, terminal outcomes are built once, and node links become array indexes.
 *
 * Two condition back-ends:
 * - "reference": json-logic-js `apply` over the materialised context (buildContext), the semantic
 *   reference;
 * - "compiled": closures from compiled-evaluator.ts that read lead fields directly (normalised on
 *   read, exactly as buildContext would), plus case indexes for branches whose cases test one field
 *   for equality / list membership (CaseIndex). Identical results, checked by the differential test.
 */
import jsonLogic from "json-logic-js";
import { type CompiledFlow, type CompiledNode, parseCompiledFlow } from "./compile";
import {
  type CompiledRule,
  compileJsonLogic,
  compileJsonLogicWithResolver,
  plainVarName,
} from "./compiled-evaluator";
import { collectRules, compileRule, type JsonValue } from "./conditions";
import {
  type Band,
  BUILTIN_FIELDS,
  buildContext,
  type EvaluationContext,
  type FieldDefinition,
  type FieldValue,
  type LeadRecord,
  normalizeFieldValue,
} from "./fields";
import { LIMITS } from "./limits";
import { type EvaluationOutcome, outcomeOf } from "./outcome";
import type { Condition, ConditionRule, FieldType, NodeType } from "./schema";

export type EvaluatorKind = "compiled" | "reference";

/** What evaluation knows about one lead: the lead itself, and the score and band set so far. */
export class EvaluationState {
  score: number | null = null;
  band: Band | null = null;
  /** Normalised field values by field slot, read on first use (undefined = not read yet). */
  readonly values: Array<FieldValue | undefined>;
  private materialized: EvaluationContext | null = null;

  constructor(
    readonly lead: LeadRecord | null,
    private readonly fields: readonly FieldDefinition[],
  ) {
    this.values = new Array(fields.length);
  }

  /** The lead as a normalised context record (built on first use), with the current score and band. */
  context(): EvaluationContext {
    if (this.materialized === null) this.materialized = buildContext(this.fields, this.lead);
    this.materialized.score = this.score;
    this.materialized.band = this.band;
    return this.materialized;
  }
}

export type Predicate = (state: EvaluationState) => unknown;

export interface PreparedRule {
  rule: ConditionRule;
  test: Predicate;
}

export interface PreparedCase {
  when: Predicate;
  leaves: PreparedRule[];
  next: number;
}

/**
 * A case index for a branch whose first case tests one field f against constants: `===` / `in` on f,
 * alone or as the first operand of an `and`. Cases that start with such a test on f are candidates
 * only for the values it accepts, and then only what follows the test is left to check; the other
 * cases are candidates for every value. Candidates keep case order, so the first match still wins.
 */
export interface CaseIndex {
  read: Predicate;
  /** Value of f → positions of the candidate cases, in case order. */
  table: Map<unknown, readonly number[]>;
  /** Candidates for values not in the table: the cases that do not start with a test on f. */
  others: readonly number[];
  /** Per case: what is left to check once it is a candidate (null: it matches). */
  tests: ReadonlyArray<Predicate | null>;
}

export interface PreparedScoreRule {
  when: Predicate;
  points: number;
  leaves: PreparedRule[];
}

/**
 * One node ready for evaluation. Every node has the same shape whatever its type (unused members are
 * empty), which keeps property access in the evaluation loop monomorphic.
 */
export class PreparedNode {
  readonly id: string;
  readonly type: NodeType;

  constructor(
    /** The compiled node (used for traces). */
    readonly node: CompiledNode,
    /** Index of the next node: source/score next, branch else, pool no-eligible; -1 for terminals. */
    readonly next: number,
    /** Source: does the flow accept the lead? */
    readonly accept: Predicate | null,
    /** Score: rules and settings. */
    readonly scoreRules: readonly PreparedScoreRule[],
    readonly scoring: { min: number | null; max: number | null; hot: number; warm: number } | null,
    /** Branch: cases in order, and a case index when the cases allow one. */
    readonly cases: readonly PreparedCase[],
    readonly index: CaseIndex | null,
    /** Branch: every field the cases read, for the trace. */
    readonly fields: readonly string[],
    /** Source (rejection), pool, assign and fallback: the outcome of ending here. */
    readonly outcome: EvaluationOutcome | null,
  ) {
    this.id = node.id;
    this.type = node.type;
  }
}

/** A compiled flow with its conditions turned into predicates, ready for repeated evaluation. */
export interface PreparedFlow {
  readonly compiled: CompiledFlow;
  readonly evaluator: EvaluatorKind;
  /** The fields read from a lead: `source` and the declared ones. */
  readonly fields: readonly FieldDefinition[];
  readonly nodes: readonly PreparedNode[];
}

// A module-local copy: loaders that turn ES modules into CommonJS (tsx, vitest) make each use of
// an imported binding a getter call, and this one is read on every lead.
const MAX_LEAD_STRING_LENGTH = LIMITS.maxLeadStringLength;

/**
 * Whether a raw lead value of the given type needs no normalisation (a string within the length
 * limit, a finite number other than -0, a boolean): normalizeFieldValue returns such values as is.
 */
function isNormal(type: FieldType, raw: unknown): boolean {
  switch (type) {
    case "string":
      return typeof raw === "string" && raw.length <= MAX_LEAD_STRING_LENGTH;
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) && !Object.is(raw, -0);
    case "boolean":
      return typeof raw === "boolean";
    default:
      return false;
  }
}

/**
 * Reads field slot `slot` of the state, normalising the lead's value on first use exactly as
 * readLeadField (and so buildContext) does: an own property, normalised to the field's type, or null.
 */
function slotReader(slot: number, name: string, type: FieldType): Predicate {
  return (state) => {
    const cached = state.values[slot];
    if (cached !== undefined) return cached;
    const lead = state.lead;
    let value: FieldValue = null;
    if (lead !== null) {
      const raw = lead[name];
      if (raw !== undefined && Object.hasOwn(lead, name))
        value = isNormal(type, raw) ? (raw as FieldValue) : normalizeFieldValue(type, raw);
    }
    state.values[slot] = value;
    return value;
  };
}

class PredicateFactory {
  private readonly readers = new Map<string, Predicate>();

  /** `fields` are the lead fields in slot order (see EvaluationState.values). */
  constructor(
    private readonly evaluator: EvaluatorKind,
    fields: readonly FieldDefinition[],
  ) {
    this.readers.set("score", (state) => state.score);
    this.readers.set("band", (state) => state.band);
    fields.forEach((field, slot) => {
      if (!this.readers.has(field.name))
        this.readers.set(field.name, slotReader(slot, field.name, field.type));
    });
  }

  reader(name: string): Predicate | undefined {
    return this.readers.get(name);
  }

  predicate(rule: JsonValue): Predicate {
    if (this.evaluator === "reference") {
      const logic = rule as Parameters<typeof jsonLogic.apply>[0];
      return (state) => jsonLogic.apply(logic, state.context());
    }
    const direct = compileJsonLogicWithResolver(
      rule,
      (name) => this.readers.get(name) as CompiledRule | undefined,
    );
    if (direct !== null) return direct as Predicate;
    const generic = compileJsonLogic(rule);
    return (state) => generic(state.context());
  }
}

function isKey(value: JsonValue): value is string | number | boolean {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && !Number.isNaN(value))
  );
}

/** A test of one field against constants, and the rest of the `and` it opens (if any). */
interface KeyTest {
  field: string;
  keys: readonly JsonValue[];
  rest: readonly JsonValue[];
}

function logicEntry(value: JsonValue | undefined): [string, JsonValue] | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const ops = Object.keys(value);
  const op = ops[0];
  const args = op === undefined ? undefined : value[op];
  return ops.length === 1 && op !== undefined && args !== undefined ? [op, args] : null;
}

/**
 * Recognises `{"===": [{"var": f}, k]}` and `{"in": [{"var": f}, [k…]]}`, alone or as the first
 * operand of an `and`. Map lookups agree with `===` / indexOf for these keys (NaN is never a key),
 * and these tests are pure and evaluate to booleans, so an `and` they open holds exactly when its
 * other operands do.
 */
function keyTest(when: JsonValue | undefined): KeyTest | null {
  const entry = logicEntry(when);
  if (entry === null) return null;
  const [op, args] = entry;
  if (op === "and") {
    if (!Array.isArray(args) || args.length === 0) return null;
    const head = keyTest(args[0]);
    return head === null || head.rest.length > 0 ? null : { ...head, rest: args.slice(1) };
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  const field = plainVarName(args[0]);
  const operand = args[1];
  if (field === null || operand === undefined) return null;
  if (op === "===" && isKey(operand)) return { field, keys: [operand], rest: [] };
  if (op === "in" && Array.isArray(operand) && operand.every(isKey))
    return { field, keys: operand, rest: [] };
  return null;
}

/** Upper bound on the candidate lists of one index (keys × cases), to keep memory in check. */
const MAX_INDEX_ENTRIES = 100_000;

/**
 * Builds the case index of a branch, or null when its first case does not test a field against
 * constants. The first case reads f first, so reading f before anything else changes no read order.
 */
function caseIndex(
  whens: readonly JsonValue[],
  compiled: readonly Predicate[],
  factory: PredicateFactory,
): CaseIndex | null {
  const head = keyTest(whens[0]);
  const read = head === null ? undefined : factory.reader(head.field);
  if (head === null || read === undefined) return null;
  const accepted: Array<ReadonlySet<unknown> | null> = [];
  const tests: Array<Predicate | null> = [];
  const keys = new Set<unknown>();
  whens.forEach((when, position) => {
    const test = keyTest(when);
    if (test === null || test.field !== head.field) {
      accepted.push(null);
      tests.push(compiled[position] ?? null);
      return;
    }
    accepted.push(new Set(test.keys));
    for (const key of test.keys) keys.add(key);
    const [only] = test.rest;
    if (only === undefined) tests.push(null);
    else tests.push(factory.predicate(test.rest.length === 1 ? only : { and: [...test.rest] }));
  });
  /** Candidates in case order, up to the first that needs no further check. */
  const candidates = (key: unknown, keyed: boolean): number[] => {
    const list: number[] = [];
    for (let position = 0; position < whens.length; position += 1) {
      const accepts = accepted[position];
      if (accepts === undefined || (accepts !== null && (!keyed || !accepts.has(key)))) continue;
      list.push(position);
      if (tests[position] === null) break;
    }
    return list;
  };
  const table = new Map<unknown, readonly number[]>();
  let entries = 0;
  for (const key of keys) {
    const list = candidates(key, true);
    entries += list.length;
    if (entries > MAX_INDEX_ENTRIES) return null;
    table.set(key, list);
  }
  return { read, table, others: candidates(undefined, false), tests };
}

/**
 * Prepares a compiled flow for evaluation. The input is checked with `parseCompiledFlow`, so an
 * artifact read back from storage can be passed as is. Prepare once, evaluate many times.
 */
export function prepareFlow(
  compiled: CompiledFlow | unknown,
  evaluator: EvaluatorKind = "compiled",
): PreparedFlow {
  const flow = parseCompiledFlow(compiled);
  const fields: FieldDefinition[] = [{ name: "source", type: "string" }, ...flow.fields];
  const factory = new PredicateFactory(evaluator, fields);
  const types = new Map<string, FieldType>(BUILTIN_FIELDS.map((field) => [field.name, field.type]));
  for (const field of flow.fields) types.set(field.name, field.type);
  const position = new Map(flow.nodes.map((node, i) => [node.id, i]));
  const at = (id: string): number => position.get(id) ?? -1;
  const leavesOf = (condition: Condition): PreparedRule[] =>
    collectRules(condition).map((rule) => ({
      rule,
      test: factory.predicate(compileRule(rule, types.get(rule.field) ?? "string")),
    }));
  const prepareNode = (node: CompiledNode): PreparedNode => {
    const outcome = outcomeOf(node);
    switch (node.type) {
      case "source":
        return new PreparedNode(
          node,
          at(node.next),
          factory.predicate(node.accept),
          [],
          null,
          [],
          null,
          [],
          outcome,
        );
      case "score": {
        const rules = node.rules.map((rule) => ({
          when: factory.predicate(rule.when),
          points: rule.points,
          leaves: leavesOf(rule.condition),
        }));
        const scoring = { min: node.min, max: node.max, hot: node.bands.hot, warm: node.bands.warm };
        return new PreparedNode(node, at(node.next), null, rules, scoring, [], null, [], outcome);
      }
      case "branch": {
        const read = new Set<string>();
        for (const branchCase of node.cases)
          for (const rule of collectRules(branchCase.condition)) read.add(rule.field);
        const cases = node.cases.map((branchCase) => ({
          when: factory.predicate(branchCase.when),
          leaves: leavesOf(branchCase.condition),
          next: at(branchCase.next),
        }));
        const whens = node.cases.map((c) => c.when);
        const index =
          evaluator === "compiled"
            ? caseIndex(
                whens,
                cases.map((c) => c.when),
                factory,
              )
            : null;
        return new PreparedNode(node, at(node.else), null, [], null, cases, index, [...read], outcome);
      }
      case "pool":
        return new PreparedNode(node, at(node.noEligible), null, [], null, [], null, [], outcome);
      case "assign":
      case "fallback":
        return new PreparedNode(node, -1, null, [], null, [], null, [], outcome);
    }
  };
  return { compiled: flow, evaluator, fields, nodes: flow.nodes.map(prepareNode) };
}
