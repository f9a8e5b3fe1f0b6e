/**
 * Preparing a compiled flow for evaluation: every condition becomes a predicate over the evaluation
 * state, terminal outcomes are built once, and node links become array indexes.
 *
 * Two condition back-ends:
 * - "reference": json-logic-js `apply` over the materialised context (buildContext), the semantic
 *   reference;
 * - "compiled": closures from compiled-evaluator.ts that read lead fields directly (normalised on
 *   read, exactly as buildContext would), plus dispatch tables for branches whose cases all test one
 *   field for equality / list membership. Identical results, checked by the differential test.
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
  readLeadField,
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

/** A branch whose cases all test one field against constants: value → index of the first case. */
export interface DispatchTable {
  read: Predicate;
  table: Map<unknown, number>;
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
    /** Branch: cases in order, and a dispatch table when the cases allow one. */
    readonly cases: readonly PreparedCase[],
    readonly dispatch: DispatchTable | null,
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

/** Normalises one raw value exactly as buildContext does (strings take a fast path). */
function leadReader(name: string, type: FieldType): (lead: LeadRecord | null) => FieldValue {
  if (type !== "string") return (lead) => readLeadField(lead, name, type);
  return (lead) => {
    if (lead === null) return null;
    const raw = lead[name];
    if (typeof raw === "string" && raw.length <= LIMITS.maxLeadStringLength && Object.hasOwn(lead, name))
      return raw;
    return readLeadField(lead, name, type);
  };
}

/** Reads field slot `slot` of the state, normalising the lead's value on first use. */
function slotReader(slot: number, name: string, type: FieldType): Predicate {
  const read = leadReader(name, type);
  return (state) => {
    let value = state.values[slot];
    if (value === undefined) {
      value = read(state.lead);
      state.values[slot] = value;
    }
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

/**
 * Recognises `{"===": [{"var": f}, k]}` and `{"in": [{"var": f}, [k…]]}` on one field f across all
 * cases. Map lookups agree with `===` / indexOf for these keys (NaN is never a key).
 */
function dispatchTable(whens: readonly JsonValue[], factory: PredicateFactory): DispatchTable | null {
  let field: string | null = null;
  const table = new Map<unknown, number>();
  for (let index = 0; index < whens.length; index += 1) {
    const when = whens[index];
    if (when === null || typeof when !== "object" || Array.isArray(when) || Object.keys(when).length !== 1)
      return null;
    const op = Object.keys(when)[0];
    const args = op === undefined ? undefined : when[op];
    if (!Array.isArray(args) || args.length !== 2) return null;
    const name = plainVarName(args[0]);
    if (name === null || (field !== null && name !== field)) return null;
    field = name;
    const operand = args[1];
    let keys: JsonValue[];
    if (op === "===" && operand !== undefined && isKey(operand)) keys = [operand];
    else if (op === "in" && Array.isArray(operand) && operand.every(isKey)) keys = operand;
    else return null;
    for (const key of keys) if (!table.has(key)) table.set(key, index);
  }
  const read = field === null ? undefined : factory.reader(field);
  return read === undefined ? null : { read, table };
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
        const dispatch = evaluator === "compiled" ? dispatchTable(whens, factory) : null;
        return new PreparedNode(node, at(node.else), null, [], null, cases, dispatch, [...read], outcome);
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
