/**
 * Switchyard routing engine: the pure core shared by the server and the editor.
 * See engine/README.md for the graph model, the compiled artifact format and the strategies.
 */

export { canonicalJson, sha256Hex } from "./canonical-json";
export {
  COMPILED_FLOW_FORMAT,
  type CompiledAssignNode,
  type CompiledBranchNode,
  type CompiledCase,
  type CompiledFallbackNode,
  type CompiledFlow,
  type CompiledNode,
  type CompiledPoolNode,
  type CompiledScoreNode,
  type CompiledScoreRule,
  type CompiledSourceNode,
  type CompileResult,
  compileFlow,
  hashCompiledFlow,
  parseCompiledFlow,
  serializeCompiledFlow,
} from "./compile";
export {
  applyCompiled,
  type CompiledRule,
  compileJsonLogic,
  compileJsonLogicWithResolver,
  truthy,
  type VarResolver,
} from "./compiled-evaluator";
export {
  collectRules,
  compileCondition,
  compileRule,
  describeRule,
  formatRuleValue,
  type JsonValue,
  OPERATOR_SPECS,
  type OperatorSpec,
  type OperatorValueShape,
  operatorsForType,
  ruleValueProblem,
} from "./conditions";
export {
  type EvaluateOptions,
  type EvaluationOutcome,
  type EvaluationResult,
  evaluateFlow,
  type PoolOutcome,
  preparedFlowOf,
  type RoutingDecision,
  routeLead,
} from "./evaluate";
export {
  asLeadRecord,
  type Band,
  BUILTIN_FIELDS,
  buildContext,
  checkFieldName,
  type EvaluationContext,
  FIELD_NAME_PATTERN,
  type FieldDefinition,
  type FieldValue,
  type LeadRecord,
  normalizeDateString,
  normalizeFieldValue,
  readLeadField,
} from "./fields";
export { expectedHandles, NODE_TYPE_NAMES, nodeName } from "./graph";
export { checkJsonDepth } from "./json-shape";
export { LIMITS } from "./limits";
export { EvaluationState, type EvaluatorKind, type PreparedFlow, prepareFlow } from "./prepare";
export * from "./schema";
export {
  INITIAL_SELECTION_STATE,
  type IneligibleReason,
  ineligibleReason,
  isAtCapacity,
  isAway,
  leastLoaded,
  type PoolMember,
  parseSelectionState,
  roundRobin,
  SELECTION_STRATEGIES,
  type SelectionOptions,
  type SelectionResult,
  type SelectionState,
  type SelectionStrategy,
  selectionStateSchema,
  selectRep,
  smoothWeightedRoundRobin,
  utilisation,
} from "./selection";
export type {
  AssignStep,
  BranchStep,
  FallbackStep,
  PoolStep,
  RuleCheck,
  ScoreStep,
  SourceStep,
  TraceStep,
} from "./trace";
export {
  parseFlowGraph,
  type ValidationCode,
  type ValidationContext,
  type ValidationIssue,
  type ValidationResult,
  validateFlow,
} from "./validate";
