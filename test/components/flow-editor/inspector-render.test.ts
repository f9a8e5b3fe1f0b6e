/**
 * Renders the inspector of every node type to HTML (no DOM needed) and checks what a person and an
 * end-to-end test see: labels, test ids, plain-language text, issues listed and marked on their
 * inputs, and read-only mode.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NodeInspector } from "@/components/flow-editor/inspector";
import type { InspectorContext } from "@/components/flow-editor/types";
import { type Condition, type FlowGraph, type FlowNode, type ValidationIssue, validateFlow } from "@/engine";

const at = { x: 0, y: 0 };

const CONTEXT: InspectorContext = {
  fields: [
    { name: "country", type: "string", label: "Country" },
    { name: "state", type: "string" },
    { name: "industry", type: "string" },
    { name: "employees", type: "number" },
    { name: "demo_requested", type: "boolean" },
  ],
  skills: ["fintech", "healthcare", "saas"],
  territories: ["APAC", "EMEA"],
  pools: [
    {
      id: "pool_emea",
      name: "EMEA",
      strategy: "weighted_round_robin",
      members: [
        {
          repId: "r1",
          name: "Ana Schmidt",
          weight: 2,
          status: "active",
          awayUntil: null,
          openLeads: 3,
          capacity: 10,
        },
        {
          repId: "r2",
          name: "Luca Romano",
          weight: 1,
          status: "away",
          awayUntil: new Date("2030-01-15T00:00:00Z"),
          openLeads: 0,
          capacity: null,
        },
      ],
    },
  ],
  reps: [
    { id: "r1", name: "Ana Schmidt", status: "active" },
    { id: "r2", name: "Luca Romano", status: "away" },
    { id: "r3", name: "Old Timer", status: "inactive" },
  ],
  queues: ["triage", "Unassigned"],
};

const NODES: FlowNode[] = [
  {
    id: "src",
    type: "source",
    label: "Inbound",
    position: at,
    data: {
      channels: ["web_form", "partner_portal"],
      fields: [...CONTEXT.fields, { name: "bad name", type: "string" }],
    },
  },
  {
    id: "score",
    type: "score",
    label: "Lead score",
    position: at,
    data: {
      rules: [
        {
          id: "demo",
          label: "Asked for a demo",
          condition: { kind: "rule", field: "demo_requested", operator: "is_true" },
          points: 40,
        },
        {
          id: "small",
          label: "Tiny company",
          condition: { kind: "rule", field: "employees", operator: "between", value: [1, 10] },
          points: -15,
        },
      ],
      min: 0,
      max: null,
      bands: { hot: 60, warm: 30 },
    },
  },
  {
    id: "region",
    type: "branch",
    label: "Region",
    position: at,
    data: {
      preset: "territory",
      cases: [
        {
          id: "emea",
          label: "EMEA",
          condition: { kind: "rule", field: "country", operator: "in_list", value: ["DE", "FR"] },
        },
        {
          id: "big_us",
          label: "",
          condition: {
            kind: "group",
            combinator: "all",
            children: [
              { kind: "rule", field: "country", operator: "equals", value: "US" },
              { kind: "rule", field: "employees", operator: "gte", value: "lots" },
            ],
          },
        },
      ],
    },
  },
  {
    id: "pool",
    type: "pool",
    label: "EMEA team",
    position: at,
    data: { poolId: "pool_emea", requiredSkills: ["saas"] },
  },
  { id: "owner", type: "assign", position: at, data: { target: { kind: "rep", repId: "r2" } } },
  {
    id: "fb",
    type: "fallback",
    label: "Triage",
    position: at,
    data: { target: { kind: "queue", queue: "" } },
  },
];

const GRAPH: FlowGraph = {
  version: 1,
  nodes: NODES,
  edges: [
    { id: "1", source: "src", sourceHandle: "next", target: "score" },
    { id: "2", source: "score", sourceHandle: "next", target: "region" },
    { id: "3", source: "region", sourceHandle: "emea", target: "pool" },
    { id: "4", source: "region", sourceHandle: "big_us", target: "owner" },
    { id: "5", source: "region", sourceHandle: "else", target: "fb" },
    { id: "6", source: "pool", sourceHandle: "no_eligible", target: "fb" },
  ],
};

const ISSUES = validateFlow(GRAPH).issues;

function node(id: string): FlowNode {
  const found = NODES.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function render(id: string, options: { readOnly?: boolean; issues?: ValidationIssue[] } = {}): string {
  return renderToStaticMarkup(
    createElement(NodeInspector, {
      node: node(id),
      onChange: () => {},
      context: CONTEXT,
      issues: options.issues ?? ISSUES.filter((issue) => issue.nodeId === id),
      readOnly: options.readOnly ?? false,
    }),
  );
}

/** The opening tag of the element with this test id. */
function tag(html: string, testId: string): string {
  const match = new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with data-testid="${testId}"`);
  return match[0];
}

/** Visible text, tags stripped, entities decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("the test flow", () => {
  it("has the problems the tests below look for", () => {
    expect(ISSUES.map((i) => `${i.nodeId}:${i.code}`).sort()).toEqual([
      "fb:missing_queue",
      "region:empty_label",
      "region:invalid_value",
      "src:invalid_field_name",
    ]);
  });
});

describe("NodeInspector", () => {
  it("shows the type, the editable name and the id in small print", () => {
    const html = render("score");
    expect(tag(html, "inspector")).toContain('data-node-type="score"');
    expect(tag(html, "inspector-label")).toContain('value="Lead score"');
    expect(tag(html, "inspector-label")).toContain('aria-label="Node name"');
    expect(text(html)).toContain("Score");
    expect(text(html)).toContain("id score");
    expect(html).not.toContain("inspector-issues");
  });

  it("lists the node's issues at the top and marks the inputs they concern", () => {
    const html = render("region");
    const list = html.slice(html.indexOf('data-testid="inspector-issues"'));
    expect(text(list)).toContain('Branch "Region": case 2 needs a label.');
    expect(text(list)).toContain("needs a number");
    expect(tag(html, "case-1-label")).toContain('aria-invalid="true"');
    expect(tag(html, "case-0-label")).not.toContain("aria-invalid");
    // The second case's rule on employees has the bad value: only that value input is marked.
    const values = [...html.matchAll(/<input[^>]*data-testid="rule-value"[^>]*>/g)].map((m) => m[0]);
    expect(values.filter((v) => v.includes('aria-invalid="true"'))).toHaveLength(1);
    expect(values.find((v) => v.includes('aria-invalid="true"'))).toContain(
      'aria-label="Case 2 rule 2 value"',
    );
  });

  it("disables every control when read-only", () => {
    const html = render("region", { readOnly: true });
    expect(html).toMatch(/<fieldset disabled=""/);
    expect(tag(html, "add-case")).toContain('disabled=""');
    expect(tag(html, "case-0-label")).toContain('disabled=""');
    expect(text(html)).toContain("Read only");
  });
});

describe("source form", () => {
  const html = render("src");

  it("offers the known channels as checkboxes and keeps other channels as tags", () => {
    expect(tag(html, "channel-web_form")).toContain('checked=""');
    expect(tag(html, "channel-chat")).not.toContain("checked");
    expect(text(html)).toContain("Web form");
    expect(text(html)).toContain("partner_portal");
    expect(text(html)).toContain("Leave all unticked to accept leads from every channel");
  });

  it("edits fields by name, label and type, and checks names as they are typed", () => {
    expect(tag(html, "field-0-name")).toContain('value="country"');
    expect(tag(html, "field-0-label")).toContain('value="Country"');
    expect(tag(html, "field-0-name")).toContain('aria-label="Field 1 name"');
    expect(tag(html, "field-5-name")).toContain('aria-invalid="true"');
    expect(text(html)).toContain("Start with a letter");
    expect(text(html)).toContain("list of tags");
    expect(text(html)).toContain("yes/no");
    expect(tag(html, "add-field")).toBeTruthy();
  });
});

describe("score form", () => {
  const html = render("score");

  it("explains the bands in a sentence", () => {
    expect(text(html)).toContain("Hot from 60 points, warm from 30, otherwise cold.");
    expect(tag(html, "band-hot")).toContain('value="60"');
    expect(tag(html, "score-min")).toContain('value="0"');
    expect(tag(html, "score-max")).toContain('value=""');
    expect(text(html)).toContain("Scores never go below 0.");
  });

  it("shows each rule with its points and a condition builder", () => {
    expect(tag(html, "score-rule-1-points")).toContain('value="-15"');
    expect(text(html)).toContain("Subtract 15 points when:");
    expect(text(html)).toContain("Add 40 points when:");
    expect(html).toContain('aria-label="Scoring rule 2 rule 1 from"');
    expect(html).toContain('aria-label="Scoring rule 2 rule 1 to"');
    expect(text(html)).toContain("All of (AND)");
    expect(text(html)).toContain("is yes");
    expect(tag(html, "add-score-rule")).toBeTruthy();
  });

  it("offers only the operators of the rule's field type, with human labels", () => {
    const operators = html.slice(html.indexOf('aria-label="Scoring rule 2 rule 1 operator"'));
    const options = operators.slice(operators.indexOf(">") + 1, operators.indexOf("</select>"));
    expect(text(options).trim().split(" ").filter(Boolean)).toEqual(
      ["is", "is not", "is one of", ">", "≥", "<", "≤", "between", "is empty"].flatMap((l) => l.split(" ")),
    );
  });
});

describe("branch form", () => {
  const html = render("region");

  it("shows territory cases as country pickers with names", () => {
    expect(tag(html, "branch-preset")).toBeTruthy();
    expect(tag(html, "case-0-label")).toContain('value="EMEA"');
    expect(tag(html, "case-0-countries")).toContain('aria-label="Case 1 countries"');
    expect(text(html)).toContain("Germany");
    expect(text(html)).toContain("France");
    // A state field is declared, so states and provinces can be picked too.
    expect(tag(html, "case-0-states")).toBeTruthy();
    expect(text(html)).toContain("Leads matching no case go out the else handle.");
  });

  it("falls back to the condition builder for a case the territory form cannot show", () => {
    const second = html.slice(html.indexOf('data-testid="case-1"'));
    expect(second).toContain('data-testid="condition-builder"');
    expect(text(second)).toContain("the territory form cannot show");
    expect(second).not.toContain('data-testid="case-1-countries"');
  });

  it("has add, move and remove controls for cases", () => {
    expect(tag(html, "add-case")).toBeTruthy();
    expect(tag(html, "case-0-up")).toContain('disabled=""');
    expect(tag(html, "case-0-down")).not.toContain('disabled=""');
    expect(tag(html, "case-1-remove")).toContain('aria-label="Remove case 2"');
  });

  it("shows skill cases as a field and tags with the reps' skills as suggestions", () => {
    const skill: FlowNode = {
      id: "skill",
      type: "branch",
      position: at,
      data: {
        preset: "skill",
        cases: [
          {
            id: "health",
            label: "Healthcare",
            condition: { kind: "rule", field: "industry", operator: "equals", value: "healthcare" },
          },
        ],
      },
    };
    const out = renderToStaticMarkup(
      createElement(NodeInspector, {
        node: skill,
        onChange: () => {},
        context: CONTEXT,
        issues: [],
        readOnly: false,
      }),
    );
    expect(tag(out, "case-0-field")).toContain('aria-label="Case 1 field"');
    expect(text(out)).toContain("healthcare");
    expect(out).toContain('value="fintech"');
  });
});

describe("issue marking inside conditions", () => {
  function renderBranch(preset: "custom" | "territory", condition: Condition): string {
    const branch: FlowNode = {
      id: "b",
      type: "branch",
      position: at,
      data: { preset, cases: [{ id: "c", label: "C", condition }] },
    };
    const graph: FlowGraph = {
      version: 1,
      nodes: [node("src"), branch, node("fb")],
      edges: [
        { id: "1", source: "src", sourceHandle: "next", target: "b" },
        { id: "2", source: "b", sourceHandle: "c", target: "fb" },
        { id: "3", source: "b", sourceHandle: "else", target: "fb" },
      ],
    };
    const issues = validateFlow(graph).issues.filter((issue) => issue.nodeId === "b");
    expect(issues.length).toBeGreaterThan(0);
    return renderToStaticMarkup(
      createElement(NodeInspector, {
        node: branch,
        onChange: () => {},
        context: CONTEXT,
        issues,
        readOnly: false,
      }),
    );
  }

  it("finds the input of a condition that is a single rule, shown as a group of one", () => {
    const html = renderBranch("custom", { kind: "rule", field: "employees", operator: "gte", value: "x" });
    expect(tag(html, "rule-value")).toContain('aria-invalid="true"');
    expect(tag(html, "rule-value")).toContain('aria-label="Case 1 rule 1 value"');
    expect(tag(html, "rule-field")).not.toContain("aria-invalid");
  });

  it("marks the field of a rule on an undeclared field, keeping the field shown", () => {
    const html = renderBranch("custom", { kind: "rule", field: "revenue", operator: "gte", value: 5 });
    expect(tag(html, "rule-field")).toContain('aria-invalid="true"');
    expect(html).toContain("revenue (not declared)");
  });

  it("marks the country picker of a territory case with no country", () => {
    const html = renderBranch("territory", {
      kind: "rule",
      field: "country",
      operator: "in_list",
      value: [],
    });
    expect(tag(html, "case-0-countries")).toContain('aria-invalid="true"');
  });
});

describe("pool form", () => {
  const html = render("pool");

  it("picks a pool and shows its members with load and status", () => {
    expect(tag(html, "pool-select")).toBeTruthy();
    expect(html).toMatch(/<option value="pool_emea" selected="">EMEA · weighted round robin<\/option>/);
    const members = text(html.slice(html.indexOf('data-testid="pool-members"')));
    expect(members).toContain("Ana Schmidt");
    expect(members).toContain("3 / 10");
    expect(members).toContain("0 / no limit");
    expect(members).toContain("Away until");
    expect(text(html)).toContain("Takes turns in proportion to weights");
  });

  it("filters members by skills and territories", () => {
    expect(text(html)).toContain("saas");
    expect(html).toContain('aria-label="Required skills"');
    expect(html).toContain('aria-label="Required territories"');
    expect(html).toContain('value="healthcare"');
    expect(html).toContain('value="EMEA"');
  });
});

describe("assign and fallback forms", () => {
  it("send to a rep, marking away and deactivated reps", () => {
    const html = render("owner");
    expect(tag(html, "target-kind-rep")).toContain('checked=""');
    expect(html).toMatch(/<option value="r2" selected="">Luca Romano \(away\)<\/option>/);
    expect(html).toContain("Old Timer (deactivated)");
    expect(text(html)).toContain("This rep is away");
  });

  it("send to a queue with suggestions, marked when empty", () => {
    const html = render("fb");
    expect(tag(html, "target-kind-queue")).toContain('checked=""');
    expect(tag(html, "target-queue")).toContain('aria-invalid="true"');
    expect(html).toContain('value="triage"');
    expect(text(html)).toContain("Fallback");
    expect(text(html)).toContain("does not name a queue");
  });
});
