/**
 * Flow validation: structural parsing plus every semantic check a flow must pass before it can be
 * compiled and published. Issues point at a node or edge (and, inside a node, a `path`), with a
 * message written for the person editing the flow.
 */
import { collectRules, conditionSize, OPERATOR_SPECS, ruleValueProblem } from "./conditions";
import { checkFieldName, fieldTypeMap, SCORE_FIELDS } from "./fields";
import {
  depths,
  expectedHandles,
  findCycles,
  type GraphIndex,
  indexGraph,
  isTerminal,
  NODE_TYPE_NAMES,
  nodeName,
  reachableFrom,
  topologicalOrder,
} from "./graph";
import { checkJsonDepth } from "./json-shape";
import { LIMITS } from "./limits";
import {
  type Condition,
  type ConditionGroup,
  type ConditionRule,
  type FieldType,
  type FlowGraph,
  type FlowNode,
  flowGraphSchema,
  HANDLES,
  type SourceNode,
  type Target,
} from "./schema";

export type ValidationCode =
  | "invalid_structure"
  | "too_many_nodes"
  | "too_many_edges"
  | "too_deep"
  | "duplicate_node_id"
  | "duplicate_edge_id"
  | "no_source"
  | "multiple_sources"
  | "edge_unknown_node"
  | "edge_into_source"
  | "unknown_handle"
  | "duplicate_edge"
  | "missing_edge"
  | "branch_without_else"
  | "pool_without_no_eligible_edge"
  | "cycle"
  | "unreachable"
  | "invalid_field_name"
  | "reserved_field_name"
  | "duplicate_field"
  | "empty_channel"
  | "undeclared_field"
  | "type_mismatch"
  | "invalid_value"
  | "empty_group"
  | "condition_too_complex"
  | "score_unavailable"
  | "invalid_bands"
  | "invalid_caps"
  | "duplicate_rule_id"
  | "no_cases"
  | "duplicate_case_id"
  | "reserved_case_id"
  | "empty_label"
  | "missing_pool"
  | "unknown_pool"
  | "missing_rep"
  | "unknown_rep"
  | "missing_queue"
  | "unknown_queue"
  | "empty_filter_value";

export interface ValidationIssue {
  code: ValidationCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Location inside the node (or the graph for structural issues), e.g. ["data", "cases", 2, "condition"]. */
  path?: Array<string | number>;
}

/**
 * Known ids. Each list is optional: when it is given, references to ids outside it are reported;
 * when it is omitted, any non-empty id is accepted.
 */
export interface ValidationContext {
  poolIds?: Iterable<string>;
  repIds?: Iterable<string>;
  queueNames?: Iterable<string>;
}

export type ValidationResult =
  | { ok: true; flow: FlowGraph; issues: [] }
  | { ok: false; flow: FlowGraph | null; issues: ValidationIssue[] };

/** Parses untrusted input into a flow graph (structure and size only). */
export function parseFlowGraph(
  input: unknown,
): { ok: true; flow: FlowGraph } | { ok: false; issues: ValidationIssue[] } {
  const depthProblem = checkJsonDepth(input, LIMITS.maxJsonDepth);
  if (depthProblem !== null) {
    return {
      ok: false,
      issues: [{ code: "invalid_structure", message: `The flow is malformed: ${depthProblem}.` }],
    };
  }
  const parsed = flowGraphSchema.safeParse(input);
  if (parsed.success) return { ok: true, flow: parsed.data };
  const nodes = input !== null && typeof input === "object" && "nodes" in input ? input.nodes : undefined;
  const issues = parsed.error.issues.slice(0, 50).map((issue): ValidationIssue => {
    const path = issue.path.map((part) => (typeof part === "symbol" ? String(part) : part));
    const result: ValidationIssue = {
      code: "invalid_structure",
      message: `The flow is malformed at ${path.join(".") || "the top level"}: ${issue.message}.`,
      path,
    };
    if (path[0] === "nodes" && typeof path[1] === "number" && Array.isArray(nodes)) {
      const node: unknown = nodes[path[1]];
      if (node !== null && typeof node === "object" && "id" in node && typeof node.id === "string") {
        result.nodeId = node.id;
      }
    }
    return result;
  });
  return { ok: false, issues };
}

/** Validates a flow graph (parsed or untrusted) against the rules in engine/README.md. */
export function validateFlow(input: unknown, context: ValidationContext = {}): ValidationResult {
  const parsed = parseFlowGraph(input);
  if (!parsed.ok) return { ok: false, flow: null, issues: parsed.issues };
  const issues = checkFlow(parsed.flow, context);
  return issues.length === 0
    ? { ok: true, flow: parsed.flow, issues: [] }
    : { ok: false, flow: parsed.flow, issues };
}

interface Checker {
  flow: FlowGraph;
  issues: ValidationIssue[];
  fieldTypes: Map<string, FieldType>;
  known: { pools: Set<string> | null; reps: Set<string> | null; queues: Set<string> | null };
}

function toSet(values: Iterable<string> | undefined): Set<string> | null {
  return values === undefined ? null : new Set(values);
}

function checkFlow(flow: FlowGraph, context: ValidationContext): ValidationIssue[] {
  const sources = flow.nodes.filter((node): node is SourceNode => node.type === "source");
  const checker: Checker = {
    flow,
    issues: [],
    fieldTypes: fieldTypeMap(sources[0]?.data.fields ?? []),
    known: { pools: toSet(context.poolIds), reps: toSet(context.repIds), queues: toSet(context.queueNames) },
  };
  const { issues } = checker;
  if (flow.nodes.length > LIMITS.maxNodes) {
    issues.push({
      code: "too_many_nodes",
      message: `The flow has ${flow.nodes.length} nodes; at most ${LIMITS.maxNodes} are allowed.`,
    });
  }
  if (flow.edges.length > LIMITS.maxEdges) {
    issues.push({
      code: "too_many_edges",
      message: `The flow has ${flow.edges.length} connections; at most ${LIMITS.maxEdges} are allowed.`,
    });
  }
  checkUniqueIds(checker);
  if (sources.length === 0) {
    issues.push({ code: "no_source", message: "The flow needs a Source node where leads enter." });
  }
  for (const extra of sources.slice(1)) {
    issues.push({
      code: "multiple_sources",
      nodeId: extra.id,
      message: `${nodeName(extra)} is a second Source node; a flow has exactly one entry point.`,
    });
  }
  for (const node of flow.nodes) checkNodeData(checker, node);
  const index = indexGraph(flow);
  checkEdges(checker, index);
  checkGraphShape(checker, index, sources[0]);
  return issues;
}

function checkUniqueIds(checker: Checker): void {
  const seenNodes = new Set<string>();
  for (const node of checker.flow.nodes) {
    if (seenNodes.has(node.id)) {
      checker.issues.push({
        code: "duplicate_node_id",
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}"; node ids must be unique.`,
      });
    }
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of checker.flow.edges) {
    if (seenEdges.has(edge.id)) {
      checker.issues.push({
        code: "duplicate_edge_id",
        edgeId: edge.id,
        message: `Two connections share the id "${edge.id}"; connection ids must be unique.`,
      });
    }
    seenEdges.add(edge.id);
  }
}

function checkNodeData(checker: Checker, node: FlowNode): void {
  const issue = (code: ValidationCode, message: string, path: Array<string | number>): void => {
    checker.issues.push({ code, nodeId: node.id, message, path });
  };
  const name = nodeName(node);
  switch (node.type) {
    case "source": {
      const seen = new Set<string>();
      node.data.fields.forEach((field, i) => {
        const path = ["data", "fields", i, "name"];
        const problem = checkFieldName(field.name);
        if (problem === "invalid") {
          issue(
            "invalid_field_name",
            `${name}: field name "${field.name}" must start with a letter and use only letters, digits and underscores (at most 64).`,
            path,
          );
        } else if (problem === "reserved") {
          issue(
            "reserved_field_name",
            `${name}: "${field.name}" is a reserved name; choose another field name.`,
            path,
          );
        } else if (seen.has(field.name)) {
          issue("duplicate_field", `${name}: the field "${field.name}" is declared twice.`, path);
        }
        seen.add(field.name);
      });
      node.data.channels.forEach((channel, i) => {
        if (channel.trim() === "")
          issue("empty_channel", `${name}: a channel in the filter is empty.`, ["data", "channels", i]);
      });
      return;
    }
    case "score": {
      const { bands, min, max } = node.data;
      if (bands.warm > bands.hot) {
        issue(
          "invalid_bands",
          `${name}: the warm threshold (${bands.warm}) must not be above the hot threshold (${bands.hot}).`,
          ["data", "bands"],
        );
      }
      if (min !== undefined && min !== null && max !== undefined && max !== null && min > max) {
        issue("invalid_caps", `${name}: the minimum score (${min}) is above the maximum (${max}).`, [
          "data",
          "min",
        ]);
      }
      const ids = new Set<string>();
      node.data.rules.forEach((rule, i) => {
        if (ids.has(rule.id))
          issue("duplicate_rule_id", `${name}: two scoring rules share the id "${rule.id}".`, [
            "data",
            "rules",
            i,
          ]);
        ids.add(rule.id);
        checkCondition(checker, node, rule.condition, ["data", "rules", i, "condition"]);
      });
      return;
    }
    case "branch": {
      if (node.data.cases.length === 0) {
        issue("no_cases", `${name} has no cases; add at least one case or remove the branch.`, [
          "data",
          "cases",
        ]);
      }
      const ids = new Set<string>();
      node.data.cases.forEach((branchCase, i) => {
        const path = ["data", "cases", i];
        if (branchCase.id === HANDLES.else) {
          issue(
            "reserved_case_id",
            `${name}: a case cannot use the id "else", which names the else connection.`,
            path,
          );
        } else if (ids.has(branchCase.id)) {
          issue("duplicate_case_id", `${name}: two cases share the id "${branchCase.id}".`, path);
        }
        ids.add(branchCase.id);
        if (branchCase.label.trim() === "")
          issue("empty_label", `${name}: case ${i + 1} needs a label.`, [...path, "label"]);
        checkCondition(checker, node, branchCase.condition, [...path, "condition"]);
      });
      return;
    }
    case "pool": {
      const { poolId } = node.data;
      if (poolId.trim() === "")
        issue("missing_pool", `${name} does not say which pool to use.`, ["data", "poolId"]);
      else if (checker.known.pools !== null && !checker.known.pools.has(poolId)) {
        issue("unknown_pool", `${name} uses the pool "${poolId}", which does not exist.`, ["data", "poolId"]);
      }
      for (const key of ["requiredSkills", "requiredTerritories"] as const) {
        node.data[key]?.forEach((value, i) => {
          if (value.trim() === "")
            issue("empty_filter_value", `${name}: a member filter value is empty.`, ["data", key, i]);
        });
      }
      return;
    }
    case "assign":
    case "fallback":
      checkTarget(checker, node, node.data.target);
      return;
  }
}

function checkTarget(checker: Checker, node: FlowNode, target: Target): void {
  const name = nodeName(node);
  const push = (code: ValidationCode, message: string, key: string): void => {
    checker.issues.push({ code, nodeId: node.id, message, path: ["data", "target", key] });
  };
  if (target.kind === "rep") {
    if (target.repId.trim() === "")
      push("missing_rep", `${name} does not say which rep gets the lead.`, "repId");
    else if (checker.known.reps !== null && !checker.known.reps.has(target.repId)) {
      push("unknown_rep", `${name} assigns to the rep "${target.repId}", who does not exist.`, "repId");
    }
  } else if (target.queue.trim() === "") {
    push("missing_queue", `${name} does not name a queue.`, "queue");
  } else if (checker.known.queues !== null && !checker.known.queues.has(target.queue)) {
    push("unknown_queue", `${name} uses the queue "${target.queue}", which does not exist.`, "queue");
  }
}

type Path = Array<string | number>;

/** Every rule and group of a condition with its path, depth first. */
function walkCondition(
  condition: Condition,
  path: Path,
  out: {
    rules: Array<{ rule: ConditionRule; path: Path }>;
    groups: Array<{ group: ConditionGroup; path: Path }>;
  },
): typeof out {
  if (condition.kind === "rule") {
    out.rules.push({ rule: condition, path });
  } else {
    out.groups.push({ group: condition, path });
    condition.children.forEach((child, i) => {
      walkCondition(child, [...path, "children", i], out);
    });
  }
  return out;
}

function checkCondition(
  checker: Checker,
  node: FlowNode,
  condition: Condition,
  base: Array<string | number>,
): void {
  const name = nodeName(node);
  const push = (code: ValidationCode, message: string, path: Array<string | number>): void => {
    checker.issues.push({ code, nodeId: node.id, message, path });
  };
  const size = conditionSize(condition);
  if (size.depth > LIMITS.maxConditionDepth || size.count > LIMITS.maxConditionSize) {
    push(
      "condition_too_complex",
      `${name}: a condition is too complex (at most ${LIMITS.maxConditionDepth} levels and ${LIMITS.maxConditionSize} rules and groups).`,
      base,
    );
  }
  const { rules, groups } = walkCondition(condition, base, { rules: [], groups: [] });
  for (const { group, path } of groups) {
    if (group.children.length === 0) {
      push("empty_group", `${name}: a condition group is empty; add a rule or remove the group.`, path);
    }
  }
  for (const { rule, path } of rules) {
    const type = checker.fieldTypes.get(rule.field);
    if (rule.field.trim() === "") {
      push("undeclared_field", `${name}: a rule does not say which field it checks.`, [...path, "field"]);
      continue;
    }
    if (type === undefined) {
      push(
        "undeclared_field",
        `${name}: the field "${rule.field}" is not declared on the Source node; declare it with its type first.`,
        [...path, "field"],
      );
      continue;
    }
    const spec = OPERATOR_SPECS[rule.operator];
    if (!spec.types.includes(type)) {
      push(
        "type_mismatch",
        `${name}: "${spec.label}" cannot be used on "${rule.field}", which is a ${typeLabel(type)} field.`,
        [...path, "operator"],
      );
      continue;
    }
    const problem = ruleValueProblem(type, rule.operator, rule.value);
    if (problem !== null) {
      push("invalid_value", `${name}: "${rule.field} ${spec.label}" needs ${problem}.`, [...path, "value"]);
    }
  }
}

const TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  string: "text",
  number: "number",
  boolean: "yes/no",
  string_list: "list",
  date: "date",
};

function typeLabel(type: FieldType): string {
  return TYPE_LABELS[type];
}

function checkEdges(checker: Checker, index: GraphIndex): void {
  const { issues } = checker;
  const used = new Set<string>();
  for (const edge of checker.flow.edges) {
    const from = index.nodes.get(edge.source);
    const to = index.nodes.get(edge.target);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? edge.source : edge.target;
      issues.push({
        code: "edge_unknown_node",
        edgeId: edge.id,
        message: `A connection refers to the node "${missing}", which does not exist.`,
      });
      continue;
    }
    if (to.type === "source") {
      issues.push({
        code: "edge_into_source",
        edgeId: edge.id,
        nodeId: to.id,
        message: `${nodeName(from)} connects back into the Source node; nothing may lead into the Source.`,
      });
    }
    const handles = expectedHandles(from);
    if (!handles.includes(edge.sourceHandle)) {
      issues.push({
        code: "unknown_handle",
        edgeId: edge.id,
        nodeId: from.id,
        message: isTerminal(from.type)
          ? `${nodeName(from)} ends the flow and cannot have outgoing connections.`
          : `${nodeName(from)} has a connection from "${edge.sourceHandle}", which is not one of its outputs.`,
      });
      continue;
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (used.has(key)) {
      issues.push({
        code: "duplicate_edge",
        edgeId: edge.id,
        nodeId: from.id,
        message: `${nodeName(from)} has more than one connection from "${edge.sourceHandle}"; each output leads to exactly one node.`,
      });
    }
    used.add(key);
  }
  for (const node of index.nodes.values()) {
    const out = index.outgoing.get(node.id);
    for (const handle of expectedHandles(node)) {
      if (out?.has(handle)) continue;
      issues.push(missingEdgeIssue(node, handle));
    }
  }
}

function missingEdgeIssue(node: FlowNode, handle: string): ValidationIssue {
  const name = nodeName(node);
  if (node.type === "branch" && handle === HANDLES.else) {
    return {
      code: "branch_without_else",
      nodeId: node.id,
      message: `${name} has no "else" connection, so leads that match no case would go nowhere.`,
    };
  }
  if (node.type === "pool") {
    return {
      code: "pool_without_no_eligible_edge",
      nodeId: node.id,
      message: `${name} has no "no eligible rep" connection, so leads would go nowhere when every rep is away or at capacity.`,
    };
  }
  if (node.type === "branch") {
    const branchCase = node.data.cases.find((c) => c.id === handle);
    return {
      code: "missing_edge",
      nodeId: node.id,
      message: `${name}: the case "${branchCase?.label || handle}" is not connected, so matching leads would go nowhere.`,
    };
  }
  return {
    code: "missing_edge",
    nodeId: node.id,
    message: `${name} is not connected to a next node, so leads would go nowhere.`,
  };
}

function checkGraphShape(checker: Checker, index: GraphIndex, source: SourceNode | undefined): void {
  const { issues } = checker;
  const cycles = findCycles(index);
  for (const cycle of cycles) {
    const names = cycle.map((id) => {
      const node = index.nodes.get(id);
      return node === undefined ? id : nodeName(node);
    });
    const first = cycle[0];
    issues.push({
      code: "cycle",
      ...(first === undefined ? {} : { nodeId: first }),
      message: `${names.join(" → ")} → ${names[0] ?? ""} form a loop; a flow must always move forward.`,
    });
  }
  if (source === undefined) return;
  const reachable = new Set(reachableFrom(index, source.id));
  for (const node of index.nodes.values()) {
    if (reachable.has(node.id) || node.type === "source") continue;
    issues.push({
      code: "unreachable",
      nodeId: node.id,
      message: `${nodeName(node)} cannot be reached from the Source node; connect it or remove it.`,
    });
  }
  const order = topologicalOrder(index, source.id);
  if (order === null) return;
  const depth = depths(index, order);
  for (const id of order) {
    if ((depth.get(id) ?? 0) > LIMITS.maxDepth) {
      const node = index.nodes.get(id);
      issues.push({
        code: "too_deep",
        nodeId: id,
        message: `${node ? nodeName(node) : id} is more than ${LIMITS.maxDepth} steps from the Source; shorten the path.`,
      });
      break;
    }
  }
  checkScoreAvailability(checker, index, order);
}

/**
 * `score` and `band` exist only after a score node. A node may use them only if every path from the
 * source to it passes through a score node.
 */
function checkScoreAvailability(checker: Checker, index: GraphIndex, order: readonly string[]): void {
  const scored = new Map<string, boolean>();
  for (const id of order) {
    const node = index.nodes.get(id);
    if (node === undefined) continue;
    const preds = (index.predecessors.get(id) ?? []).filter((p) => scored.has(p));
    const before =
      node.type !== "source" && preds.length > 0 && preds.every((p) => isScoreOrScored(index, scored, p));
    scored.set(id, before);
    const conditions: Array<{ condition: Condition; path: Array<string | number> }> = [];
    if (node.type === "branch") {
      node.data.cases.forEach((c, i) => {
        conditions.push({ condition: c.condition, path: ["data", "cases", i, "condition"] });
      });
    } else if (node.type === "score") {
      node.data.rules.forEach((r, i) => {
        conditions.push({ condition: r.condition, path: ["data", "rules", i, "condition"] });
      });
    }
    if (before) continue;
    for (const { condition, path } of conditions) {
      const rule = collectRules(condition).find((r) => SCORE_FIELDS.has(r.field));
      if (rule === undefined) continue;
      checker.issues.push({
        code: "score_unavailable",
        nodeId: id,
        path,
        message: `${nodeName(node)} uses "${rule.field}", but not every path to it passes through a ${NODE_TYPE_NAMES.score} node, so it may not be set yet.`,
      });
      break;
    }
  }
}

function isScoreOrScored(index: GraphIndex, scored: Map<string, boolean>, id: string): boolean {
  return index.nodes.get(id)?.type === "score" || scored.get(id) === true;
}
