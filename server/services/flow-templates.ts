import type { Condition, FieldDecl, FlowGraphInput } from "@/engine";
import type { FlowTemplateId } from "@/server/schemas";

type GraphNode = FlowGraphInput["nodes"][number];
type GraphEdge = FlowGraphInput["edges"][number];
type Position = { x: number; y: number };

/** A new flow starts valid: every lead goes to the "Unassigned" queue until the manager draws more. */
export function starterGraph(): FlowGraphInput {
  return {
    version: 1,
    nodes: [
      {
        id: "source",
        type: "source",
        label: "Incoming leads",
        position: { x: 0, y: 0 },
        data: { channels: [], fields: [] },
      },
      queueTarget("fallback", "fallback", "Unassigned queue", "Unassigned", { x: 0, y: 200 }),
    ],
    edges: [edge("source", "next", "fallback")],
  };
}

export interface TerritoryPool {
  caseLabel: string;
  countries: string[];
  poolId: string;
}

/** A territory case leads to a pool, or to a regional queue while the workspace has no pool for it. */
type TerritoryTarget = { caseLabel: string; countries: string[] } & ({ poolId: string } | { queue: string });

const TERRITORY_FIELDS: FieldDecl[] = [
  { name: "country", type: "string", label: "Country" },
  { name: "company_size", type: "number", label: "Company size" },
  { name: "industry", type: "string", label: "Industry" },
];

function sourceNode(fields: FieldDecl[], channels: string[], label = "Inbound leads"): GraphNode {
  return { id: "source", type: "source", label, position: { x: 0, y: 0 }, data: { channels, fields } };
}

function queueTarget(
  id: string,
  type: "assign" | "fallback",
  label: string,
  queue: string,
  position: Position,
): GraphNode {
  return { id, type, label, position, data: { target: { kind: "queue", queue } } };
}

function poolNode(id: string, label: string, poolId: string, position: Position, requiredSkills?: string[]) {
  const node: GraphNode = {
    id,
    type: "pool",
    label,
    position,
    data: requiredSkills ? { poolId, requiredSkills } : { poolId },
  };
  return node;
}

function edge(source: string, sourceHandle: string, target: string, id?: string): GraphEdge {
  return { id: id ?? `${source}-${sourceHandle}`, source, sourceHandle, target };
}

/** "Territory then round robin": country decides the territory pool; anything else falls back to a queue. */
export function territoryGraph(territories: TerritoryPool[], fallbackQueue = "Unassigned"): FlowGraphInput {
  return territoryBranchGraph(territories, fallbackQueue);
}

function territoryBranchGraph(territories: TerritoryTarget[], fallbackQueue: string): FlowGraphInput {
  const nodes: GraphNode[] = [
    sourceNode(TERRITORY_FIELDS, ["web_form", "chat", "api"]),
    {
      id: "territory",
      type: "branch",
      label: "Territory",
      position: { x: 0, y: 160 },
      data: {
        preset: "territory",
        cases: territories.map((t, i) => ({
          id: `case-${i + 1}`,
          label: t.caseLabel,
          condition: { kind: "rule", field: "country", operator: "in_list", value: t.countries },
        })),
      },
    },
    queueTarget("fallback", "fallback", `${fallbackQueue} queue`, fallbackQueue, { x: 0, y: 480 }),
  ];
  const edges: GraphEdge[] = [
    edge("source", "next", "territory", "source-next"),
    edge("territory", "else", "fallback", "territory-else"),
  ];
  territories.forEach((t, i) => {
    const position = { x: (i - (territories.length - 1) / 2) * 260, y: 320 };
    const caseHandle = `case-${i + 1}`;
    if ("poolId" in t) {
      const nodeId = `pool-${i + 1}`;
      nodes.push(poolNode(nodeId, `${t.caseLabel} pool`, t.poolId, position));
      edges.push(edge("territory", caseHandle, nodeId, `territory-${caseHandle}`));
      edges.push(edge(nodeId, "no_eligible", "fallback", `${nodeId}-no-eligible`));
    } else {
      const nodeId = `queue-${i + 1}`;
      nodes.push(queueTarget(nodeId, "assign", `${t.queue} queue`, t.queue, position));
      edges.push(edge("territory", caseHandle, nodeId, `territory-${caseHandle}`));
    }
  });
  return { version: 1, nodes, edges };
}

// ---------------------------------------------------------------------------------------------------
// Templates for the new-flow dialog, built from the workspace's own pools.

/** A pool as the templates see it: its active members' skills. */
export interface TemplatePool {
  id: string;
  name: string;
  /** Skills of each member who is not deactivated. */
  memberSkills: string[][];
}

export interface FlowTemplateInfo {
  id: FlowTemplateId;
  name: string;
  description: string;
}

export const FLOW_TEMPLATE_INFO: readonly FlowTemplateInfo[] = [
  {
    id: "blank",
    name: "Blank",
    description: "Every lead goes to the Unassigned queue until you draw the flow.",
  },
  {
    id: "round_robin",
    name: "Round robin",
    description: "Every lead goes to one pool, which takes turns; the Unassigned queue catches the rest.",
  },
  {
    id: "territory",
    name: "Territory",
    description: "Country decides the region (North America, EMEA, APAC, LATAM) and the region's pool.",
  },
  {
    id: "score_intent_skill",
    name: "Score, intent and skill",
    description:
      "Scores size, seniority and intent; sales-ready leads go to reps with the industry's skill, the rest to Nurture.",
  },
];

const FALLBACK_QUEUE = "Unassigned";

/** The pool with the most active members (ties: the name first in order); null when there are none. */
function largestPool(pools: readonly TemplatePool[]): TemplatePool | null {
  let best: TemplatePool | null = null;
  for (const pool of pools) {
    if (
      best === null ||
      pool.memberSkills.length > best.memberSkills.length ||
      (pool.memberSkills.length === best.memberSkills.length && pool.name.localeCompare(best.name) < 0)
    ) {
      best = pool;
    }
  }
  return best;
}

function roundRobinGraph(pools: readonly TemplatePool[]): FlowGraphInput {
  const pool = largestPool(pools);
  const fallback = queueTarget("fallback", "fallback", `${FALLBACK_QUEUE} queue`, FALLBACK_QUEUE, {
    x: 0,
    y: 320,
  });
  const source = sourceNode(TERRITORY_FIELDS, []);
  // Without a pool yet the template is the blank flow with fields: valid, and ready for a pool node.
  if (pool === null)
    return { version: 1, nodes: [source, fallback], edges: [edge("source", "next", "fallback")] };
  return {
    version: 1,
    nodes: [source, poolNode("pool", `${pool.name} pool`, pool.id, { x: 0, y: 160 }), fallback],
    edges: [edge("source", "next", "pool"), edge("pool", "no_eligible", "fallback")],
  };
}

interface Territory {
  label: string;
  countries: string[];
  /** Pool names that serve this territory. */
  poolName: RegExp;
}

const TERRITORIES: readonly Territory[] = [
  { label: "North America", countries: ["US", "CA"], poolName: /\b(na|north america|amer|americas|us)\b/i },
  {
    label: "EMEA",
    countries: ["DE", "FR", "GB", "IT", "ES", "NL", "SE", "CH", "AT", "BE", "IE", "AE", "ZA"],
    poolName: /\b(emea|europe|eu|dach|uk)\b/i,
  },
  {
    label: "APAC",
    countries: ["JP", "SG", "AU", "IN", "KR", "NZ", "CN", "HK"],
    poolName: /\b(apac|asia|pacific|anz|japan)\b/i,
  },
  {
    label: "LATAM",
    countries: ["BR", "MX", "AR", "CO", "CL", "PE"],
    poolName: /\b(latam|latin america|south america)\b/i,
  },
];

function territoryTemplate(pools: readonly TemplatePool[]): FlowGraphInput {
  const withPools = TERRITORIES.flatMap((t) => {
    const pool = largestPool(pools.filter((p) => t.poolName.test(p.name)));
    return pool ? [{ caseLabel: t.label, countries: t.countries, poolId: pool.id }] : [];
  });
  if (withPools.length > 0) return territoryBranchGraph(withPools, FALLBACK_QUEUE);
  // No pool is named after a territory: regional queues keep the regions apart until pools exist.
  return territoryBranchGraph(
    TERRITORIES.map((t) => ({ caseLabel: t.label, countries: t.countries, queue: t.label })),
    FALLBACK_QUEUE,
  );
}

/** Industries the skill branch looks for among the reps' skills, in this order. */
const INDUSTRY_SKILLS = ["healthcare", "fintech", "saas", "manufacturing", "retail"] as const;
const MAX_SKILL_CASES = 3;

const SENIOR_TITLE_WORDS = ["Chief", "VP", "Vice President", "Head", "Director", "Founder"];
const HIGH_INTENT = ["demo_request", "pricing", "contact_sales"];
const EARLY_INTENT = ["content_download", "webinar"];

function capitalised(word: string): string {
  return word === "saas" ? "SaaS" : word.charAt(0).toUpperCase() + word.slice(1);
}

/** The pool with the most members who have the skill (ties: the smaller, more specialised pool). */
function bestPoolForSkill(pools: readonly TemplatePool[], skill: string): TemplatePool | null {
  let best: { pool: TemplatePool; count: number } | null = null;
  for (const pool of pools) {
    const count = pool.memberSkills.filter((skills) => skills.includes(skill)).length;
    if (count === 0) continue;
    if (
      best === null ||
      count > best.count ||
      (count === best.count && pool.memberSkills.length < best.pool.memberSkills.length)
    ) {
      best = { pool, count };
    }
  }
  return best?.pool ?? null;
}

const SCORE_FIELDS: FieldDecl[] = [
  { name: "country", type: "string", label: "Country" },
  { name: "company_size", type: "number", label: "Company size" },
  { name: "title", type: "string", label: "Job title" },
  { name: "intent", type: "string", label: "Intent (last action)" },
  { name: "industry", type: "string", label: "Industry" },
];

function scoreNode(): GraphNode {
  const seniority: Condition = {
    kind: "group",
    combinator: "any",
    children: SENIOR_TITLE_WORDS.map((word) => ({
      kind: "rule",
      field: "title",
      operator: "contains",
      value: word,
    })),
  };
  return {
    id: "score",
    type: "score",
    label: "Lead score",
    position: { x: 0, y: 140 },
    data: {
      rules: [
        {
          id: "enterprise",
          label: "Enterprise (1000+ employees)",
          condition: { kind: "rule", field: "company_size", operator: "gte", value: 1000 },
          points: 30,
        },
        {
          id: "mid-market",
          label: "Mid-market (200–999)",
          condition: { kind: "rule", field: "company_size", operator: "between", value: [200, 999] },
          points: 15,
        },
        { id: "senior-title", label: "Senior title", condition: seniority, points: 20 },
        {
          id: "high-intent",
          label: "Asked for a demo or pricing",
          condition: { kind: "rule", field: "intent", operator: "in_list", value: HIGH_INTENT },
          points: 30,
        },
        {
          id: "early-intent",
          label: "Early research",
          condition: { kind: "rule", field: "intent", operator: "in_list", value: EARLY_INTENT },
          points: 5,
        },
      ],
      min: 0,
      max: 100,
      bands: { hot: 60, warm: 30 },
    },
  };
}

function scoreIntentSkillGraph(pools: readonly TemplatePool[]): FlowGraphInput {
  const general = largestPool(pools);
  const fallback = queueTarget("fallback", "fallback", `${FALLBACK_QUEUE} queue`, FALLBACK_QUEUE, {
    x: 0,
    y: 760,
  });
  const nodes: GraphNode[] = [
    sourceNode(SCORE_FIELDS, []),
    scoreNode(),
    {
      id: "intent",
      type: "branch",
      label: "Buying intent",
      position: { x: 0, y: 280 },
      data: {
        preset: "intent",
        cases: [
          {
            id: "sales-ready",
            label: "Sales-ready (hot or warm)",
            condition: { kind: "rule", field: "band", operator: "in_list", value: ["hot", "warm"] },
          },
        ],
      },
    },
    queueTarget("nurture", "assign", "Nurture queue", "Nurture", { x: 320, y: 420 }),
    fallback,
  ];
  const edges: GraphEdge[] = [
    edge("source", "next", "score"),
    edge("score", "next", "intent"),
    edge("intent", "else", "nurture"),
  ];
  // Specialists first: for each industry some pool's reps know, that pool restricted to the skill.
  const skills = INDUSTRY_SKILLS.flatMap((skill) => {
    const pool = general ? bestPoolForSkill(pools, skill) : null;
    return pool ? [{ skill, pool }] : [];
  }).slice(0, MAX_SKILL_CASES);
  const generalId = "pool-general";
  if (general) {
    nodes.push(poolNode(generalId, `${general.name} pool`, general.id, { x: 0, y: 600 }));
    edges.push(edge(generalId, "no_eligible", "fallback"));
  }
  const otherwise = general ? generalId : "fallback";
  // Without pools the skill branch sends each industry to its team's queue.
  const cases: Array<{ skill: string; pool: TemplatePool | null }> =
    skills.length > 0 || general
      ? skills
      : INDUSTRY_SKILLS.slice(0, MAX_SKILL_CASES).map((skill) => ({ skill, pool: null }));
  if (cases.length === 0) {
    edges.push(edge("intent", "sales-ready", otherwise));
    return { version: 1, nodes, edges };
  }
  nodes.push({
    id: "skill",
    type: "branch",
    label: "Industry expertise",
    position: { x: -160, y: 420 },
    data: {
      preset: "skill",
      cases: cases.map(({ skill }) => ({
        id: skill,
        label: capitalised(skill),
        condition: { kind: "rule", field: "industry", operator: "equals", value: skill },
      })),
    },
  });
  edges.push(edge("intent", "sales-ready", "skill"), edge("skill", "else", otherwise));
  cases.forEach(({ skill, pool }, i) => {
    const position = { x: -480 + i * 220, y: 600 };
    const nodeId = `${pool ? "pool" : "queue"}-${skill}`;
    if (pool) {
      nodes.push(poolNode(nodeId, `${capitalised(skill)} specialists`, pool.id, position, [skill]));
      edges.push(edge(nodeId, "no_eligible", otherwise));
    } else {
      const queue = `${capitalised(skill)} team`;
      nodes.push(queueTarget(nodeId, "assign", `${queue} queue`, queue, position));
    }
    edges.push(edge("skill", skill, nodeId));
  });
  return { version: 1, nodes, edges };
}

/**
 * The starting graph of a template for a workspace with these pools. Every template validates: where
 * a pool is missing, leads go to a queue instead.
 */
export function templateGraph(template: FlowTemplateId, pools: readonly TemplatePool[]): FlowGraphInput {
  switch (template) {
    case "blank":
      return starterGraph();
    case "round_robin":
      return roundRobinGraph(pools);
    case "territory":
      return territoryTemplate(pools);
    case "score_intent_skill":
      return scoreIntentSkillGraph(pools);
  }
}

/** One line on what the template will use in this workspace, for the new-flow dialog. */
export function templateNote(template: FlowTemplateId, pools: readonly TemplatePool[]): string {
  const general = largestPool(pools);
  switch (template) {
    case "blank":
      return "Valid from the first minute; draw the rest yourself.";
    case "round_robin":
      return general
        ? `Uses your largest pool, ${general.name}.`
        : "You have no pools yet: leads go to the Unassigned queue until you add one.";
    case "territory": {
      const matched = TERRITORIES.filter((t) => pools.some((p) => t.poolName.test(p.name)));
      return matched.length > 0
        ? `Uses your pools for ${matched.map((t) => t.label).join(", ")}.`
        : "No pool is named after a region: each region gets its own queue until you add pools.";
    }
    case "score_intent_skill": {
      if (!general) return "You have no pools yet: sales-ready leads go to industry queues.";
      const skills = INDUSTRY_SKILLS.filter((s) => bestPoolForSkill(pools, s)).slice(0, MAX_SKILL_CASES);
      return skills.length > 0
        ? `Specialists for ${skills.map(capitalised).join(", ")}, then your ${general.name} pool.`
        : `Sales-ready leads go to your ${general.name} pool.`;
    }
  }
}
