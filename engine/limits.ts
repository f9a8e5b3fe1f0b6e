/**
 * Hard limits of the engine. They bound the work any single flow or lead can cause, so a hostile or
 * accidental input cannot exhaust memory or the stack. Documented in engine/README.md.
 */
export const LIMITS = {
  /** Nodes in one flow graph. */
  maxNodes: 500,
  /** Edges in one flow graph. */
  maxEdges: 2_000,
  /** Longest path from the source, counted in nodes. */
  maxDepth: 64,
  /** Nesting of condition groups (a rule directly under the root group is at depth 2). */
  maxConditionDepth: 12,
  /** Rules and groups in one condition tree. */
  maxConditionSize: 1_000,
  /** Cases of one branch node. */
  maxBranchCases: 500,
  /** Rules of one score node. */
  maxScoreRules: 200,
  /** Declared lead fields. */
  maxFields: 200,
  /** Items of a list value (in list, tags, channels, required skills…). */
  maxListItems: 1_000,
  /** Characters of an id (node, edge, case, rule, pool, rep, queue). */
  maxIdLength: 128,
  /** Characters of a label. */
  maxLabelLength: 200,
  /** Characters of a string value written in a condition. */
  maxValueLength: 1_000,
  /** Characters of a lead string value; longer values are treated as missing. */
  maxLeadStringLength: 10_000,
  /** Items of a lead list value; longer lists are treated as missing. */
  maxLeadListItems: 1_000,
  /** Nesting of untrusted JSON accepted by parseFlowGraph / parseCompiledFlow. */
  maxJsonDepth: 64,
  /** Nesting of a JSON Logic rule accepted by the JSON Logic compiler. */
  maxJsonLogicDepth: 256,
  /** Characters of a value copied into a trace (longer values are shortened for display). */
  maxTraceValueLength: 200,
} as const;
