/** Hand-built flows shared by the engine tests. */
import type { Condition, ConditionRule, FlowEdge, FlowGraph, FlowNode, RuleValue } from "../../engine";

export function rule(field: string, operator: ConditionRule["operator"], value?: RuleValue): ConditionRule {
  return value === undefined ? { kind: "rule", field, operator } : { kind: "rule", field, operator, value };
}

export function all(...children: Condition[]): Condition {
  return { kind: "group", combinator: "all", children };
}

export function any(...children: Condition[]): Condition {
  return { kind: "group", combinator: "any", children };
}

export function not(...children: Condition[]): Condition {
  return { kind: "group", combinator: "not", children };
}

export function edge(source: string, sourceHandle: string, target: string): FlowEdge {
  return { id: `${source}:${sourceHandle}`, source, sourceHandle, target };
}

const at = { x: 0, y: 0 };

/**
 * Web form / chat / API leads → score → hot leads to the enterprise pool; the rest by territory
 * (EMEA split by industry, North America) with a fallback queue.
 */
export function demoFlow(): FlowGraph {
  const nodes: FlowNode[] = [
    {
      id: "src",
      type: "source",
      position: at,
      label: "Inbound",
      data: {
        channels: ["web_form", "chat", "api"],
        fields: [
          { name: "country", type: "string" },
          { name: "industry", type: "string" },
          { name: "employees", type: "number" },
          { name: "tags", type: "string_list" },
          { name: "demo_requested", type: "boolean" },
          { name: "pricing_seconds", type: "number" },
          { name: "created_at", type: "date" },
        ],
      },
    },
    {
      id: "score",
      type: "score",
      position: at,
      label: "Lead score",
      data: {
        rules: [
          { id: "demo", label: "Demo requested", condition: rule("demo_requested", "is_true"), points: 40 },
          { id: "pricing", label: "Pricing page", condition: rule("pricing_seconds", "gte", 60), points: 20 },
          { id: "big", label: "Large company", condition: rule("employees", "gte", 1000), points: 30 },
          {
            id: "tag",
            label: "Enterprise tag",
            condition: rule("tags", "matches_any_tag", ["enterprise"]),
            points: 20,
          },
        ],
        min: 0,
        max: 100,
        bands: { hot: 70, warm: 40 },
      },
    },
    {
      id: "intent",
      type: "branch",
      position: at,
      label: "Intent",
      data: {
        preset: "intent",
        cases: [{ id: "hot", label: "Hot", condition: rule("band", "equals", "hot") }],
      },
    },
    {
      id: "region",
      type: "branch",
      position: at,
      label: "Region",
      data: {
        preset: "territory",
        cases: [
          { id: "emea", label: "EMEA", condition: rule("country", "in_list", ["DE", "FR", "GB", "NL"]) },
          { id: "na", label: "North America", condition: rule("country", "in_list", ["US", "CA"]) },
        ],
      },
    },
    {
      id: "emea_skill",
      type: "branch",
      position: at,
      label: "EMEA industry",
      data: {
        preset: "skill",
        cases: [{ id: "health", label: "Healthcare", condition: rule("industry", "equals", "healthcare") }],
      },
    },
    { id: "p_ent", type: "pool", position: at, label: "Enterprise AEs", data: { poolId: "pool_enterprise" } },
    {
      id: "p_health",
      type: "pool",
      position: at,
      label: "Healthcare pool",
      data: { poolId: "pool_health", requiredSkills: ["healthcare"] },
    },
    { id: "p_emea", type: "pool", position: at, label: "EMEA pool", data: { poolId: "pool_emea" } },
    {
      id: "a_na",
      type: "assign",
      position: at,
      label: "NA owner",
      data: { target: { kind: "rep", repId: "rep_na" } },
    },
    {
      id: "fb",
      type: "fallback",
      position: at,
      label: "Triage queue",
      data: { target: { kind: "queue", queue: "triage" } },
    },
  ];
  const edges: FlowEdge[] = [
    edge("src", "next", "score"),
    edge("score", "next", "intent"),
    edge("intent", "hot", "p_ent"),
    edge("intent", "else", "region"),
    edge("region", "emea", "emea_skill"),
    edge("region", "na", "a_na"),
    edge("region", "else", "fb"),
    edge("emea_skill", "health", "p_health"),
    edge("emea_skill", "else", "p_emea"),
    edge("p_ent", "no_eligible", "region"),
    edge("p_health", "no_eligible", "p_emea"),
    edge("p_emea", "no_eligible", "fb"),
  ];
  return { version: 1, nodes, edges };
}

export const DEMO_CONTEXT = {
  poolIds: ["pool_enterprise", "pool_health", "pool_emea"],
  repIds: ["rep_na"],
  queueNames: ["triage"],
};
