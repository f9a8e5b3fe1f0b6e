/**
 * The compiler: a validated flow graph → one deterministic artifact (format below and in
 * engine/README.md), its canonical JSON and SHA-256 hash.
 *
 * The artifact lists the nodes reachable from the source in topological order (ties broken by id).
 * Every decision point carries JSON Logic (`accept`, `when`) next to the authored condition tree
 * (`condition`, used for traces and the editor). Editor-only data (positions, rule ids inside
 * conditions, edge ids) is left out, so moving a node does not change the hash.
 */
import { z } from "zod";
import { canonicalJson, sha256Hex } from "./canonical-json";
import { compileCondition, type JsonValue } from "./conditions";
import { type FieldDefinition, fieldTypeMap } from "./fields";
import { compareIds, indexGraph, NODE_TYPE_NAMES, topologicalOrder } from "./graph";
import { checkJsonDepth } from "./json-shape";
import { LIMITS } from "./limits";
import {
  BRANCH_PRESETS,
  type BranchPreset,
  type Condition,
  conditionSchema,
  FIELD_TYPES,
  type FlowNode,
  HANDLES,
  idSchema,
  labelSchema,
  nameListSchema,
  refSchema,
  type Target,
  targetSchema,
} from "./schema";
import { type ValidationContext, type ValidationIssue, validateFlow } from "./validate";

export const COMPILED_FLOW_FORMAT = "switchyard.compiled-flow/1";

export interface CompiledSourceNode {
  type: "source";
  id: string;
  label: string;
  /** Accepted channels, sorted; empty accepts every lead. */
  channels: string[];
  /** JSON Logic over the context: does the flow accept this lead? */
  accept: JsonValue;
  next: string;
}

export interface CompiledScoreRule {
  id: string;
  label: string;
  points: number;
  condition: Condition;
  when: JsonValue;
}

export interface CompiledScoreNode {
  type: "score";
  id: string;
  label: string;
  rules: CompiledScoreRule[];
  min: number | null;
  max: number | null;
  bands: { hot: number; warm: number };
  next: string;
}

export interface CompiledCase {
  id: string;
  label: string;
  condition: Condition;
  when: JsonValue;
  next: string;
}

export interface CompiledBranchNode {
  type: "branch";
  id: string;
  label: string;
  preset: BranchPreset;
  cases: CompiledCase[];
  else: string;
}

export interface CompiledPoolNode {
  type: "pool";
  id: string;
  label: string;
  poolId: string;
  requiredSkills: string[];
  requiredTerritories: string[];
  noEligible: string;
}

export interface CompiledAssignNode {
  type: "assign";
  id: string;
  label: string;
  target: Target;
}

export interface CompiledFallbackNode {
  type: "fallback";
  id: string;
  label: string;
  target: Target;
}

export type CompiledNode =
  | CompiledSourceNode
  | CompiledScoreNode
  | CompiledBranchNode
  | CompiledPoolNode
  | CompiledAssignNode
  | CompiledFallbackNode;

export interface CompiledFlow {
  format: typeof COMPILED_FLOW_FORMAT;
  /** Id of the source node (always the first node). */
  entry: string;
  /** Declared lead fields, sorted by name. The built-ins (source, score, band) are implicit. */
  fields: FieldDefinition[];
  /** Reachable nodes in topological order; every `next`/`else`/`noEligible` points further down. */
  nodes: CompiledNode[];
}

export type CompileResult =
  | { ok: true; compiled: CompiledFlow; json: string; hash: string }
  | { ok: false; issues: ValidationIssue[] };

/** Validates and compiles a flow graph. Same graph → byte-identical `json` and the same `hash`. */
export function compileFlow(input: unknown, context: ValidationContext = {}): CompileResult {
  const validation = validateFlow(input, context);
  if (!validation.ok) return { ok: false, issues: validation.issues };
  const flow = validation.flow;
  const index = indexGraph(flow);
  const source = flow.nodes.find((node) => node.type === "source");
  const order = source === undefined ? null : topologicalOrder(index, source.id);
  if (source?.type !== "source" || order === null) {
    throw new Error("compileFlow: a valid flow has one source and no cycle");
  }
  const fields = [...source.data.fields]
    .map((field) => ({ name: field.name, type: field.type }))
    .sort((a, b) => compareIds(a.name, b.name));
  const types = fieldTypeMap(fields);
  const typeOf = (field: string) => types.get(field) ?? "string";
  const target = (node: FlowNode, handle: string): string => {
    const edge = index.outgoing.get(node.id)?.get(handle);
    if (edge === undefined) throw new Error(`compileFlow: missing edge ${node.id}/${handle}`);
    return edge.target;
  };
  const compileNode = (id: string): CompiledNode => {
    const node = index.nodes.get(id);
    if (node === undefined) throw new Error(`compileFlow: unknown node ${id}`);
    const label = node.label?.trim() || NODE_TYPE_NAMES[node.type];
    switch (node.type) {
      case "source": {
        const channels = [...new Set(node.data.channels)].sort(compareIds);
        const accept: JsonValue = channels.length === 0 ? true : { in: [{ var: "source" }, channels] };
        return { type: "source", id, label, channels, accept, next: target(node, HANDLES.next) };
      }
      case "score":
        return {
          type: "score",
          id,
          label,
          rules: node.data.rules.map((rule) => {
            const condition = stripIds(rule.condition);
            return {
              id: rule.id,
              label: rule.label?.trim() || rule.id,
              points: rule.points,
              condition,
              when: compileCondition(condition, typeOf),
            };
          }),
          min: node.data.min ?? null,
          max: node.data.max ?? null,
          bands: { hot: node.data.bands.hot, warm: node.data.bands.warm },
          next: target(node, HANDLES.next),
        };
      case "branch":
        return {
          type: "branch",
          id,
          label,
          preset: node.data.preset,
          cases: node.data.cases.map((branchCase) => {
            const condition = stripIds(branchCase.condition);
            return {
              id: branchCase.id,
              label: branchCase.label.trim(),
              condition,
              when: compileCondition(condition, typeOf),
              next: target(node, branchCase.id),
            };
          }),
          else: target(node, HANDLES.else),
        };
      case "pool":
        return {
          type: "pool",
          id,
          label,
          poolId: node.data.poolId,
          requiredSkills: [...new Set(node.data.requiredSkills ?? [])].sort(compareIds),
          requiredTerritories: [...new Set(node.data.requiredTerritories ?? [])].sort(compareIds),
          noEligible: target(node, HANDLES.noEligible),
        };
      case "assign":
      case "fallback":
        return { type: node.type, id, label, target: copyTarget(node.data.target) };
    }
  };
  const nodes = order.map(compileNode);
  const compiled: CompiledFlow = { format: COMPILED_FLOW_FORMAT, entry: source.id, fields, nodes };
  const json = serializeCompiledFlow(compiled);
  return { ok: true, compiled, json, hash: sha256Hex(json) };
}

function copyTarget(target: Target): Target {
  return target.kind === "rep"
    ? { kind: "rep", repId: target.repId }
    : { kind: "queue", queue: target.queue };
}

/** The condition without editor ids and without undefined members. */
function stripIds(condition: Condition): Condition {
  if (condition.kind === "group") {
    return { kind: "group", combinator: condition.combinator, children: condition.children.map(stripIds) };
  }
  const rule: Condition = { kind: "rule", field: condition.field, operator: condition.operator };
  if (condition.value !== undefined) rule.value = condition.value;
  return rule;
}

/** Canonical JSON of a compiled flow (sorted keys, no whitespace). */
export function serializeCompiledFlow(compiled: CompiledFlow): string {
  return canonicalJson(compiled as unknown as JsonValue);
}

/** SHA-256 (hex) of the canonical JSON of a compiled flow. */
export function hashCompiledFlow(compiled: CompiledFlow): string {
  return sha256Hex(serializeCompiledFlow(compiled));
}

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

const compiledNodeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("source"),
    id: idSchema,
    label: labelSchema,
    channels: nameListSchema,
    accept: jsonValueSchema,
    next: idSchema,
  }),
  z.object({
    type: z.literal("score"),
    id: idSchema,
    label: labelSchema,
    rules: z
      .array(
        z.object({
          id: idSchema,
          label: labelSchema,
          points: z.number(),
          condition: conditionSchema,
          when: jsonValueSchema,
        }),
      )
      .max(LIMITS.maxScoreRules),
    min: z.number().nullable(),
    max: z.number().nullable(),
    bands: z.object({ hot: z.number(), warm: z.number() }),
    next: idSchema,
  }),
  z.object({
    type: z.literal("branch"),
    id: idSchema,
    label: labelSchema,
    preset: z.enum(BRANCH_PRESETS),
    cases: z
      .array(
        z.object({
          id: idSchema,
          label: labelSchema,
          condition: conditionSchema,
          when: jsonValueSchema,
          next: idSchema,
        }),
      )
      .max(LIMITS.maxBranchCases),
    else: idSchema,
  }),
  z.object({
    type: z.literal("pool"),
    id: idSchema,
    label: labelSchema,
    poolId: refSchema,
    requiredSkills: nameListSchema,
    requiredTerritories: nameListSchema,
    noEligible: idSchema,
  }),
  z.object({ type: z.literal("assign"), id: idSchema, label: labelSchema, target: targetSchema }),
  z.object({ type: z.literal("fallback"), id: idSchema, label: labelSchema, target: targetSchema }),
]);

const compiledFlowSchema = z.object({
  format: z.literal(COMPILED_FLOW_FORMAT),
  entry: idSchema,
  fields: z
    .array(z.object({ name: z.string().max(LIMITS.maxIdLength), type: z.enum(FIELD_TYPES) }))
    .max(LIMITS.maxFields),
  nodes: z.array(compiledNodeSchema).min(1).max(LIMITS.maxNodes),
});

/** Every node a compiled node can continue to. */
export function successorsOf(node: CompiledNode): string[] {
  switch (node.type) {
    case "source":
    case "score":
      return [node.next];
    case "branch":
      return [...node.cases.map((c) => c.next), node.else];
    case "pool":
      return [node.noEligible];
    case "assign":
    case "fallback":
      return [];
  }
}

/**
 * Checks untrusted input (e.g. an artifact read back from storage) and returns it as a compiled flow:
 * structure, size, unique ids, the entry being the first node and a source, and every continuation
 * pointing to a later node (so evaluation always terminates). Throws with a message otherwise.
 */
export function parseCompiledFlow(input: unknown): CompiledFlow {
  const depthProblem = checkJsonDepth(input, LIMITS.maxJsonDepth);
  if (depthProblem !== null) throw new Error(`Invalid compiled flow: ${depthProblem}`);
  const parsed = compiledFlowSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `Invalid compiled flow at ${first?.path.join(".") ?? "?"}: ${first?.message ?? "malformed"}`,
    );
  }
  const compiled = parsed.data as CompiledFlow;
  const position = new Map<string, number>();
  compiled.nodes.forEach((node, i) => {
    if (position.has(node.id)) throw new Error(`Invalid compiled flow: duplicate node id "${node.id}"`);
    position.set(node.id, i);
  });
  if (compiled.nodes[0]?.type !== "source" || compiled.nodes[0].id !== compiled.entry) {
    throw new Error("Invalid compiled flow: the first node must be the source named by entry");
  }
  compiled.nodes.forEach((node, i) => {
    if (i > 0 && node.type === "source") throw new Error("Invalid compiled flow: more than one source");
    for (const next of successorsOf(node)) {
      if ((position.get(next) ?? -1) <= i) {
        throw new Error(
          `Invalid compiled flow: "${node.id}" continues to "${next}", which is not a later node`,
        );
      }
    }
  });
  return compiled;
}
