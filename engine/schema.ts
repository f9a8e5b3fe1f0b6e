/**
 * The flow graph model: zod schemas and the types inferred from them.
 *
 * The schemas check structure and size only. Meaning (edges, field types, ids, reachability…) is
 * checked by `validateFlow`, which reports node-level issues the editor can show.
 */
import { z } from "zod";
import { LIMITS } from "./limits";

export const FIELD_TYPES = ["string", "number", "boolean", "string_list", "date"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const OPERATORS = [
  "equals",
  "not_equals",
  "in_list",
  "contains",
  "starts_with",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "is_empty",
  "is_true",
  "matches_any_tag",
] as const;
export type Operator = (typeof OPERATORS)[number];

export const COMBINATORS = ["all", "any", "not"] as const;
export type Combinator = (typeof COMBINATORS)[number];

export const NODE_TYPES = ["source", "score", "branch", "pool", "assign", "fallback"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const BRANCH_PRESETS = ["territory", "skill", "intent", "custom"] as const;
export type BranchPreset = (typeof BRANCH_PRESETS)[number];

/** Channels the editor offers for the source filter. Other channel names are allowed. */
export const KNOWN_CHANNELS = ["web_form", "chat", "api", "event"] as const;

/** Outgoing edge handles besides branch case ids. */
export const HANDLES = { next: "next", else: "else", noEligible: "no_eligible" } as const;

export const idSchema = z.string().min(1).max(LIMITS.maxIdLength);
/** Reference ids (pool, rep, queue) may be empty while editing; validation reports it. */
export const refSchema = z.string().max(LIMITS.maxIdLength);
export const labelSchema = z.string().max(LIMITS.maxLabelLength);
const valueStringSchema = z.string().max(LIMITS.maxValueLength);
export const nameListSchema = z.array(z.string().max(LIMITS.maxIdLength)).max(LIMITS.maxListItems);

const scalarValueSchema = z.union([valueStringSchema, z.number(), z.boolean(), z.null()]);

/** Any scalar or list; whether it fits the operator and field type is checked by validation. */
export const ruleValueSchema = z.union([
  scalarValueSchema,
  z.array(scalarValueSchema).max(LIMITS.maxListItems),
]);
export type RuleValue = z.infer<typeof ruleValueSchema>;

export interface ConditionRule {
  kind: "rule";
  /** Optional stable id for editors. */
  id?: string | undefined;
  field: string;
  operator: Operator;
  /** Shape depends on the operator: see `OPERATOR_SPECS` in conditions.ts. */
  value?: RuleValue | undefined;
}

export interface ConditionGroup {
  kind: "group";
  id?: string | undefined;
  /** all = AND, any = OR, not = NOT of the AND of the children (engine/README.md). */
  combinator: Combinator;
  children: Condition[];
}

export type Condition = ConditionRule | ConditionGroup;

export const conditionRuleSchema = z.object({
  kind: z.literal("rule"),
  id: idSchema.optional(),
  field: z.string().max(LIMITS.maxIdLength),
  operator: z.enum(OPERATORS),
  value: ruleValueSchema.optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([conditionRuleSchema, conditionGroupSchema]),
);

export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.object({
  kind: z.literal("group"),
  id: idSchema.optional(),
  combinator: z.enum(COMBINATORS),
  children: z.array(conditionSchema).max(LIMITS.maxConditionSize),
});

export const fieldDeclSchema = z.object({
  name: z.string().max(LIMITS.maxIdLength),
  type: z.enum(FIELD_TYPES),
  label: labelSchema.optional(),
});
export type FieldDecl = z.infer<typeof fieldDeclSchema>;

export const targetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rep"), repId: refSchema }),
  z.object({ kind: z.literal("queue"), queue: refSchema }),
]);
export type Target = z.infer<typeof targetSchema>;

export const sourceDataSchema = z.object({
  /** Accepted values of the lead's `source` field; empty = every channel. */
  channels: nameListSchema,
  fields: z.array(fieldDeclSchema).max(LIMITS.maxFields),
});

export const scoreRuleSchema = z.object({
  id: idSchema,
  label: labelSchema.optional(),
  condition: conditionSchema,
  points: z.number().min(-1_000_000).max(1_000_000),
});
export type ScoreRule = z.infer<typeof scoreRuleSchema>;

export const scoreDataSchema = z.object({
  rules: z.array(scoreRuleSchema).max(LIMITS.maxScoreRules),
  /** Optional caps: the sum of points is clamped to [min, max]. */
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  /** score >= hot → "hot"; score >= warm → "warm"; otherwise "cold". */
  bands: z.object({ hot: z.number(), warm: z.number() }),
});

export const branchCaseSchema = z.object({
  id: idSchema,
  label: labelSchema,
  condition: conditionSchema,
});
export type BranchCase = z.infer<typeof branchCaseSchema>;

export const branchDataSchema = z.object({
  /** Editor preset the branch was built with; all presets compile to plain conditions. */
  preset: z.enum(BRANCH_PRESETS),
  cases: z.array(branchCaseSchema).max(LIMITS.maxBranchCases),
});

export const poolDataSchema = z.object({
  poolId: refSchema,
  /** A member must have every one of these skills. */
  requiredSkills: nameListSchema.optional(),
  /** A member must cover at least one of these territories (when the list is not empty). */
  requiredTerritories: nameListSchema.optional(),
});

export const assignDataSchema = z.object({ target: targetSchema });
export const fallbackDataSchema = z.object({ target: targetSchema });

const positionSchema = z.object({ x: z.number(), y: z.number() });

const nodeBase = {
  id: idSchema,
  position: positionSchema,
  label: labelSchema.optional(),
};

export const sourceNodeSchema = z.object({ ...nodeBase, type: z.literal("source"), data: sourceDataSchema });
export const scoreNodeSchema = z.object({ ...nodeBase, type: z.literal("score"), data: scoreDataSchema });
export const branchNodeSchema = z.object({ ...nodeBase, type: z.literal("branch"), data: branchDataSchema });
export const poolNodeSchema = z.object({ ...nodeBase, type: z.literal("pool"), data: poolDataSchema });
export const assignNodeSchema = z.object({ ...nodeBase, type: z.literal("assign"), data: assignDataSchema });
export const fallbackNodeSchema = z.object({
  ...nodeBase,
  type: z.literal("fallback"),
  data: fallbackDataSchema,
});

export const flowNodeSchema = z.discriminatedUnion("type", [
  sourceNodeSchema,
  scoreNodeSchema,
  branchNodeSchema,
  poolNodeSchema,
  assignNodeSchema,
  fallbackNodeSchema,
]);

export type SourceNode = z.infer<typeof sourceNodeSchema>;
export type ScoreNode = z.infer<typeof scoreNodeSchema>;
export type BranchNode = z.infer<typeof branchNodeSchema>;
export type PoolNode = z.infer<typeof poolNodeSchema>;
export type AssignNode = z.infer<typeof assignNodeSchema>;
export type FallbackNode = z.infer<typeof fallbackNodeSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  /** "next" (source, score), a case id or "else" (branch), "no_eligible" (pool). */
  sourceHandle: idSchema,
  target: idSchema,
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowGraphSchema = z.object({
  version: z.literal(1).default(1),
  nodes: z.array(flowNodeSchema).max(LIMITS.maxNodes * 2),
  edges: z.array(flowEdgeSchema).max(LIMITS.maxEdges * 2),
});
/** A parsed flow graph. */
export type FlowGraph = z.infer<typeof flowGraphSchema>;
/** What callers may pass in (version is optional). */
export type FlowGraphInput = z.input<typeof flowGraphSchema>;
