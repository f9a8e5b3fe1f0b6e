/**
 * Engine benchmark: leads per second through small (~5 conditions), medium (~30) and large (~300,
 * a 50-state × 6-segment territory table) flows over 100k generated leads, for
 *   - json-logic-js `apply` (the flow walker with the reference back-end),
 *   - the compiled evaluator (closures), with and without the trace,
 *   - a hand-written JavaScript function of the same rules.
 * Every evaluator's outcome is checked against the hand-written one before timing.
 * Targets (not assertions): compiled ≥ 10× json-logic-js, and within 3× of hand-written.
 */
import {
  type Condition,
  compileFlow,
  type EvaluationOutcome,
  evaluateFlow,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type PreparedFlow,
  prepareFlow,
} from "@/engine";
import { all, rule as r } from "@/test/engine/fixtures";
import type { BenchmarkModule } from "./index";

const LEADS = 100_000;

// ---------------------------------------------------------------------------------------------
// Deterministic lead generation

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
];
const COUNTRIES = [
  "US",
  "CA",
  "DE",
  "AT",
  "CH",
  "GB",
  "IE",
  "FR",
  "SE",
  "NO",
  "DK",
  "FI",
  "ES",
  "IT",
  "BR",
  "JP",
];
const INDUSTRIES = ["healthcare", "pharma", "software", "saas", "it", "finance", "retail", "manufacturing"];
const CHANNELS = ["web_form", "web_form", "web_form", "chat", "api", "event", "fax"];
const TAGS = ["enterprise", "partner", "newsletter", "webinar", "trial"];

type Lead = Record<string, unknown>;

function generateLeads(count: number, seed: number): Lead[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maybe = <T>(value: T, presence = 0.92): T | undefined => (random() < presence ? value : undefined);
  const leads: Lead[] = [];
  for (let i = 0; i < count; i += 1) {
    const lead: Lead = { source: pick(CHANNELS) };
    const set = (key: string, value: unknown): void => {
      if (value !== undefined) lead[key] = value;
    };
    set("country", maybe(pick(COUNTRIES)));
    set("state", maybe(pick(STATES), 0.95));
    set("industry", maybe(pick(INDUSTRIES)));
    set("employees", maybe(Math.round(10 ** (random() * 4.5))));
    set("demo_requested", maybe(random() < 0.2));
    set("pricing_seconds", maybe(Math.floor(random() * 300), 0.7));
    set("pages_visited", maybe(Math.floor(random() * 12), 0.8));
    set("language", maybe(pick(["de", "en", "fr"])));
    set(
      "tags",
      maybe(
        TAGS.filter(() => random() < 0.25),
        0.6,
      ),
    );
    leads.push(lead);
  }
  return leads;
}

// ---------------------------------------------------------------------------------------------
// Flow construction helpers

const position = { x: 0, y: 0 };

class FlowBuilder {
  readonly nodes: FlowNode[] = [];
  readonly edges: FlowEdge[] = [];

  add(node: FlowNode): string {
    this.nodes.push(node);
    return node.id;
  }

  connect(source: string, handle: string, target: string): void {
    this.edges.push({ id: `${source}/${handle}`, source, sourceHandle: handle, target });
  }

  source(
    channels: string[],
    fields: Array<[string, "string" | "number" | "boolean" | "string_list"]>,
  ): string {
    return this.add({
      id: "source",
      type: "source",
      position,
      data: { channels, fields: fields.map(([name, type]) => ({ name, type })) },
    });
  }

  branch(id: string, cases: Array<[string, Condition, string]>, otherwise: string): string {
    this.add({
      id,
      type: "branch",
      position,
      label: id,
      data: {
        preset: "custom",
        cases: cases.map(([caseId, condition]) => ({ id: caseId, label: caseId, condition })),
      },
    });
    for (const [caseId, , target] of cases) this.connect(id, caseId, target);
    this.connect(id, "else", otherwise);
    return id;
  }

  pool(poolId: string, noEligible: string): string {
    const id = `pool_${poolId}`;
    if (!this.nodes.some((node) => node.id === id)) {
      this.add({ id, type: "pool", position, label: poolId, data: { poolId } });
      this.connect(id, "no_eligible", noEligible);
    }
    return id;
  }

  fallback(): string {
    return this.add({
      id: "fallback",
      type: "fallback",
      position,
      label: "Triage",
      data: { target: { kind: "queue", queue: "triage" } },
    });
  }

  graph(): FlowGraph {
    return { version: 1, nodes: this.nodes, edges: this.edges };
  }
}

function countRules(flow: FlowGraph): number {
  const count = (condition: Condition): number =>
    condition.kind === "rule" ? 1 : condition.children.reduce((sum, child) => sum + count(child), 0);
  let total = 0;
  for (const node of flow.nodes) {
    if (node.type === "source") total += node.data.channels.length > 0 ? 1 : 0;
    if (node.type === "branch") for (const c of node.data.cases) total += count(c.condition);
    if (node.type === "score") for (const rule of node.data.rules) total += count(rule.condition);
  }
  return total;
}

// Outcomes shared by the hand-written functions.
type Outcome = string;
const REJECTED: Outcome = "rejected";
const FALLBACK: Outcome = "queue:triage";
const pool = (poolId: string): Outcome => `pool:${poolId}`;

function outcomeKey(outcome: EvaluationOutcome): Outcome {
  switch (outcome.kind) {
    case "pool":
      return pool(outcome.poolId);
    case "rep":
      return `rep:${outcome.repId}`;
    case "queue":
      return `queue:${outcome.queue}`;
    case "rejected":
      return REJECTED;
  }
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

// ---------------------------------------------------------------------------------------------
// Small flow: 1 channel filter + 5 rules

function smallFlow(): FlowGraph {
  const b = new FlowBuilder();
  const fb = b.fallback();
  b.source(
    ["web_form", "chat"],
    [
      ["country", "string"],
      ["industry", "string"],
      ["employees", "number"],
    ],
  );
  const region = b.branch(
    "region",
    [
      ["dach", r("country", "in_list", ["DE", "AT", "CH"]), b.pool("dach", fb)],
      ["us_ent", all(r("country", "equals", "US"), r("employees", "gte", 1000)), b.pool("us_ent", fb)],
      ["us", r("country", "equals", "US"), b.pool("us", fb)],
      ["health", r("industry", "equals", "healthcare"), b.pool("health", fb)],
    ],
    fb,
  );
  b.connect("source", "next", region);
  return b.graph();
}

function smallHand(lead: Lead): Outcome {
  if (lead.source !== "web_form" && lead.source !== "chat") return REJECTED;
  const country = str(lead.country);
  if (country === "DE" || country === "AT" || country === "CH") return pool("dach");
  const employees = num(lead.employees);
  if (country === "US" && employees !== null && employees >= 1000) return pool("us_ent");
  if (country === "US") return pool("us");
  if (str(lead.industry) === "healthcare") return pool("health");
  return FALLBACK;
}

// ---------------------------------------------------------------------------------------------
// Medium flow: score (8 rules) → intent (3 cases) → territory (6) → DACH / US skill branches (4 each)

function mediumFlow(): FlowGraph {
  const b = new FlowBuilder();
  const fb = b.fallback();
  b.source(
    ["web_form", "chat", "api"],
    [
      ["country", "string"],
      ["industry", "string"],
      ["employees", "number"],
      ["demo_requested", "boolean"],
      ["pricing_seconds", "number"],
      ["pages_visited", "number"],
      ["language", "string"],
      ["tags", "string_list"],
    ],
  );
  b.add({
    id: "score",
    type: "score",
    position,
    data: {
      rules: [
        { id: "demo", condition: r("demo_requested", "is_true"), points: 40 },
        { id: "pricing", condition: r("pricing_seconds", "gte", 60), points: 20 },
        { id: "pages", condition: r("pages_visited", "gte", 5), points: 10 },
        { id: "big", condition: r("employees", "gte", 1000), points: 20 },
        { id: "tags", condition: r("tags", "matches_any_tag", ["enterprise", "partner"]), points: 10 },
        { id: "vertical", condition: r("industry", "in_list", ["healthcare", "finance"]), points: 5 },
        { id: "bounce", condition: r("pages_visited", "lt", 2), points: -10 },
        {
          id: "core_market",
          condition: {
            kind: "group",
            combinator: "not",
            children: [r("country", "in_list", ["US", "CA", "GB", "DE", "FR"])],
          },
          points: -5,
        },
      ],
      min: 0,
      max: 100,
      bands: { hot: 70, warm: 40 },
    },
  });
  b.connect("source", "next", "score");
  const dach = b.branch(
    "dach_skill",
    [
      [
        "dach_health_de",
        all(r("industry", "equals", "healthcare"), r("language", "equals", "de")),
        b.pool("dach_health", fb),
      ],
      ["health", r("industry", "equals", "healthcare"), b.pool("health", fb)],
      ["dach_mid", r("employees", "between", [500, 5000]), b.pool("dach_mid", fb)],
      ["dach_ent", r("employees", "gt", 5000), b.pool("dach_ent", fb)],
    ],
    b.pool("dach", fb),
  );
  const us = b.branch(
    "us_skill",
    [
      ["us_health", r("industry", "in_list", ["healthcare", "pharma"]), b.pool("us_health", fb)],
      [
        "us_tech_ent",
        all(r("industry", "in_list", ["software", "saas"]), r("employees", "gte", 1000)),
        b.pool("us_tech_ent", fb),
      ],
      ["us_tech", r("industry", "in_list", ["software", "saas"]), b.pool("us_tech", fb)],
      ["us_ent", r("employees", "gte", 1000), b.pool("us_ent", fb)],
    ],
    b.pool("us", fb),
  );
  const territory = b.branch(
    "territory",
    [
      ["dach", r("country", "in_list", ["DE", "AT", "CH"]), dach],
      ["uk", r("country", "in_list", ["GB", "IE"]), b.pool("uk", fb)],
      ["france", r("country", "equals", "FR"), b.pool("france", fb)],
      ["nordics", r("country", "in_list", ["SE", "NO", "DK", "FI"]), b.pool("nordics", fb)],
      ["us", r("country", "equals", "US"), us],
      ["canada", r("country", "equals", "CA"), b.pool("canada", fb)],
    ],
    fb,
  );
  const intent = b.branch(
    "intent",
    [
      ["hot", r("band", "equals", "hot"), b.pool("enterprise", fb)],
      ["demo", all(r("demo_requested", "is_true"), r("employees", "gte", 200)), b.pool("demo", fb)],
      ["pricing", all(r("pricing_seconds", "gte", 120), r("pages_visited", "gte", 3)), b.pool("demo", fb)],
    ],
    territory,
  );
  b.connect("score", "next", intent);
  return b.graph();
}

const MEDIUM_CHANNELS = new Set(["web_form", "chat", "api"]);

function mediumHand(lead: Lead): Outcome {
  if (!MEDIUM_CHANNELS.has(str(lead.source) ?? "")) return REJECTED;
  const country = str(lead.country);
  const industry = str(lead.industry);
  const employees = num(lead.employees);
  const demo = lead.demo_requested === true;
  const pricing = num(lead.pricing_seconds);
  const pages = num(lead.pages_visited);
  const language = str(lead.language);
  const tags = Array.isArray(lead.tags) ? lead.tags : null;
  let score = 0;
  if (demo) score += 40;
  if (pricing !== null && pricing >= 60) score += 20;
  if (pages !== null && pages >= 5) score += 10;
  if (employees !== null && employees >= 1000) score += 20;
  if (tags?.some((tag) => tag === "enterprise" || tag === "partner")) score += 10;
  if (industry === "healthcare" || industry === "finance") score += 5;
  if (pages !== null && pages < 2) score -= 10;
  if (!(country === "US" || country === "CA" || country === "GB" || country === "DE" || country === "FR"))
    score -= 5;
  score = Math.min(100, Math.max(0, score));
  if (score >= 70) return pool("enterprise");
  if (demo && employees !== null && employees >= 200) return pool("demo");
  if (pricing !== null && pricing >= 120 && pages !== null && pages >= 3) return pool("demo");
  switch (country) {
    case "DE":
    case "AT":
    case "CH":
      if (industry === "healthcare" && language === "de") return pool("dach_health");
      if (industry === "healthcare") return pool("health");
      if (employees !== null && employees >= 500 && employees <= 5000) return pool("dach_mid");
      if (employees !== null && employees > 5000) return pool("dach_ent");
      return pool("dach");
    case "GB":
    case "IE":
      return pool("uk");
    case "FR":
      return pool("france");
    case "SE":
    case "NO":
    case "DK":
    case "FI":
      return pool("nordics");
    case "US": {
      const tech = industry === "software" || industry === "saas";
      if (industry === "healthcare" || industry === "pharma") return pool("us_health");
      if (tech && employees !== null && employees >= 1000) return pool("us_tech_ent");
      if (tech) return pool("us_tech");
      if (employees !== null && employees >= 1000) return pool("us_ent");
      return pool("us");
    }
    case "CA":
      return pool("canada");
    default:
      return FALLBACK;
  }
}

// ---------------------------------------------------------------------------------------------
// Large flow: 50 states × 6 segments = 300 segment conditions (plus the 50 state cases)

const SEGMENTS: Array<[string, Condition]> = [
  ["ent_health", all(r("industry", "in_list", ["healthcare", "pharma"]), r("employees", "gte", 1000))],
  ["mid_health", all(r("industry", "in_list", ["healthcare", "pharma"]), r("employees", "gte", 100))],
  ["ent_tech", all(r("industry", "in_list", ["software", "saas", "it"]), r("employees", "gte", 1000))],
  [
    "mid_tech",
    all(r("industry", "in_list", ["software", "saas", "it"]), r("employees", "between", [100, 999])),
  ],
  ["ent", r("employees", "gte", 1000)],
  ["mid", r("employees", "gte", 100)],
];

function largeFlow(): FlowGraph {
  const b = new FlowBuilder();
  const fb = b.fallback();
  b.source(
    ["web_form", "chat", "api", "event"],
    [
      ["state", "string"],
      ["industry", "string"],
      ["employees", "number"],
    ],
  );
  const stateCases: Array<[string, Condition, string]> = STATES.map((state) => {
    const segmentBranch = b.branch(
      `segment_${state}`,
      SEGMENTS.map(([segment, condition]) => [segment, condition, b.pool(`${state}_${segment}`, fb)]),
      fb,
    );
    return [state, r("state", "equals", state), segmentBranch];
  });
  const states = b.branch("state", stateCases, fb);
  b.connect("source", "next", states);
  return b.graph();
}

const LARGE_CHANNELS = new Set(["web_form", "chat", "api", "event"]);
const KNOWN_STATES = new Set(STATES);

function largeHand(lead: Lead): Outcome {
  if (!LARGE_CHANNELS.has(str(lead.source) ?? "")) return REJECTED;
  const state = str(lead.state);
  if (state === null || !KNOWN_STATES.has(state)) return FALLBACK;
  const industry = str(lead.industry);
  const employees = num(lead.employees);
  if (employees === null) return FALLBACK;
  const health = industry === "healthcare" || industry === "pharma";
  const tech = industry === "software" || industry === "saas" || industry === "it";
  if (health && employees >= 1000) return pool(`${state}_ent_health`);
  if (health && employees >= 100) return pool(`${state}_mid_health`);
  if (tech && employees >= 1000) return pool(`${state}_ent_tech`);
  if (tech && employees >= 100 && employees <= 999) return pool(`${state}_mid_tech`);
  if (employees >= 1000) return pool(`${state}_ent`);
  if (employees >= 100) return pool(`${state}_mid`);
  return FALLBACK;
}

// ---------------------------------------------------------------------------------------------
// Measurement

function leadsPerSecond(leads: readonly Lead[], evaluate: (lead: Lead) => unknown, repeats: number): number {
  const warmup = Math.min(leads.length, 20_000);
  for (let i = 0; i < warmup; i += 1) evaluate(leads[i] as Lead);
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let run = 0; run < repeats; run += 1) {
    const start = performance.now();
    for (const lead of leads) if (evaluate(lead) !== undefined) sink += 1;
    best = Math.min(best, performance.now() - start);
  }
  if (sink === 0) console.log("(no results)");
  return (leads.length / best) * 1000;
}

function checkAgreement(
  name: string,
  leads: readonly Lead[],
  hand: (lead: Lead) => Outcome,
  flows: PreparedFlow[],
) {
  for (const lead of leads) {
    const expected = hand(lead);
    for (const flow of flows) {
      const actual = outcomeKey(evaluateFlow(flow, lead, { trace: false }).outcome);
      if (actual !== expected) {
        throw new Error(
          `${name}: ${flow.evaluator} evaluator gives ${actual}, hand-written gives ${expected} for ${JSON.stringify(lead)}`,
        );
      }
    }
  }
}

function format(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function pad(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}

async function run(): Promise<void> {
  const leads = generateLeads(LEADS, 42);
  const cases: Array<{ name: string; flow: FlowGraph; hand: (lead: Lead) => Outcome }> = [
    { name: "small", flow: smallFlow(), hand: smallHand },
    { name: "medium", flow: mediumFlow(), hand: mediumHand },
    { name: "large", flow: largeFlow(), hand: largeHand },
  ];
  const header = [
    pad("flow", 7, true),
    pad("nodes", 6),
    pad("rules", 6),
    pad("json-logic-js", 14),
    pad("compiled", 12),
    pad("compiled+trace", 15),
    pad("hand-written", 13),
    pad("compiled/jl", 12),
    pad("hand/compiled", 14),
  ];
  const rows: string[] = [];
  for (const { name, flow, hand } of cases) {
    const result = compileFlow(flow);
    if (!result.ok) throw new Error(`${name} flow is invalid: ${JSON.stringify(result.issues, null, 2)}`);
    const reference = prepareFlow(result.compiled, "reference");
    const compiled = prepareFlow(result.compiled, "compiled");
    checkAgreement(name, leads, hand, [reference, compiled]);
    const jl = leadsPerSecond(leads, (lead) => evaluateFlow(reference, lead, { trace: false }), 1);
    const fast = leadsPerSecond(leads, (lead) => evaluateFlow(compiled, lead, { trace: false }), 5);
    const traced = leadsPerSecond(leads, (lead) => evaluateFlow(compiled, lead), 3);
    const handRate = leadsPerSecond(leads, hand, 5);
    rows.push(
      [
        pad(name, 7, true),
        pad(String(flow.nodes.length), 6),
        pad(String(countRules(flow)), 6),
        pad(format(jl), 14),
        pad(format(fast), 12),
        pad(format(traced), 15),
        pad(format(handRate), 13),
        pad(`${(fast / jl).toFixed(1)}×`, 12),
        pad(`${(handRate / fast).toFixed(2)}×`, 14),
      ].join(" │ "),
    );
  }
  console.log(
    `${LEADS.toLocaleString("en-US")} generated leads per flow; leads/s, best of 5 runs (json-logic-js: 1 run, compiled+trace: best of 3).`,
  );
  console.log(
    "Targets: compiled/jl ≥ 10×, hand/compiled ≤ 3×. Outcomes of all evaluators agree on every lead.\n",
  );
  console.log(header.join(" │ "));
  console.log(header.map((cell) => "─".repeat(cell.length)).join("─┼─"));
  for (const row of rows) console.log(row);
}

export const engineBenchmark: BenchmarkModule = {
  name: "engine",
  description: "flow evaluation throughput (json-logic-js vs compiled vs hand-written)",
  run,
};
