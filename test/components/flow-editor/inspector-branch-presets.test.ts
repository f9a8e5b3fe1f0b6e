import { describe, expect, it } from "vitest";
import {
  defaultTagField,
  newCaseCondition,
  readTagCase,
  readTerritory,
  tagCaseCondition,
  territoryCondition,
  territoryFields,
} from "@/components/flow-editor/inspector/branch-presets";
import { newGroup } from "@/components/flow-editor/inspector/condition-ops";
import {
  type Condition,
  type ConditionRule,
  type FieldDecl,
  type FlowGraph,
  flowGraphSchema,
  validateFlow,
} from "@/engine";
import { FLOW_TEMPLATE_INFO, templateGraph, territoryGraph } from "@/server/services/flow-templates";

const rule = (
  field: string,
  operator: ConditionRule["operator"],
  value?: ConditionRule["value"],
): ConditionRule =>
  value === undefined ? { kind: "rule", field, operator } : { kind: "rule", field, operator, value };

const FIELDS: FieldDecl[] = [
  { name: "country", type: "string" },
  { name: "state", type: "string" },
  { name: "industry", type: "string" },
  { name: "intent", type: "string" },
  { name: "products", type: "string_list" },
  { name: "employees", type: "number" },
];
const WITH_STATE = territoryFields(FIELDS);
const COUNTRY_ONLY = territoryFields([{ name: "country", type: "string" }]);

function caseIssues(condition: Condition, fields: FieldDecl[] = FIELDS): string[] {
  const at = { x: 0, y: 0 };
  const flow: FlowGraph = {
    version: 1,
    nodes: [
      { id: "src", type: "source", position: at, data: { channels: [], fields } },
      {
        id: "b",
        type: "branch",
        position: at,
        data: { preset: "custom", cases: [{ id: "c", label: "C", condition }] },
      },
      { id: "fb", type: "fallback", position: at, data: { target: { kind: "queue", queue: "q" } } },
    ],
    edges: [
      { id: "1", source: "src", sourceHandle: "next", target: "b" },
      { id: "2", source: "b", sourceHandle: "c", target: "fb" },
      { id: "3", source: "b", sourceHandle: "else", target: "fb" },
    ],
  };
  return validateFlow(flow).issues.map((i) => i.code);
}

describe("territory fields", () => {
  it("use country, and state only when the flow declares it", () => {
    expect(WITH_STATE).toEqual({ country: "country", state: "state" });
    expect(COUNTRY_ONLY).toEqual({ country: "country", state: null });
    expect(territoryFields([])).toEqual({ country: "country", state: null });
    expect(
      territoryFields([
        { name: "Country_Code", type: "string" },
        { name: "province", type: "string" },
      ]),
    ).toEqual({
      country: "Country_Code",
      state: "province",
    });
    // A number field called state is not a state picker's field.
    expect(territoryFields([{ name: "state", type: "number" }]).state).toBeNull();
  });
});

describe("territory cases", () => {
  it("read the conditions the territory template writes", () => {
    const graph = flowGraphSchema.parse(
      territoryGraph([{ caseLabel: "EMEA", countries: ["DE", "FR"], poolId: "p" }]),
    );
    const branch = graph.nodes.find((n) => n.type === "branch");
    if (branch?.type !== "branch") throw new Error("no branch");
    const condition = branch.data.cases[0]?.condition;
    if (!condition) throw new Error("no case");
    expect(readTerritory(condition, COUNTRY_ONLY)).toEqual({ countries: ["DE", "FR"], states: [] });
  });

  it("write what they read, and what the engine accepts", () => {
    const values = [
      { countries: ["DE", "AT"], states: [] },
      { countries: [], states: ["CA", "WA"] },
      { countries: ["GB"], states: ["QC"] },
    ];
    for (const value of values) {
      const condition = territoryCondition(value, WITH_STATE);
      expect(readTerritory(condition, WITH_STATE)).toEqual(value);
      expect(caseIssues(condition)).toEqual([]);
    }
    expect(territoryCondition({ countries: ["GB"], states: ["QC"] }, WITH_STATE)).toEqual(
      newGroup("any", [rule("country", "in_list", ["GB"]), rule("state", "in_list", ["QC"])]),
    );
  });

  it("start empty, which validation reports as a value to fill in", () => {
    const empty = newCaseCondition("territory", FIELDS);
    expect(empty).toEqual(rule("country", "in_list", []));
    expect(readTerritory(empty, WITH_STATE)).toEqual({ countries: [], states: [] });
    expect(caseIssues(empty)).toEqual(["invalid_value"]);
  });

  it("ignore picked states when the flow has no state field", () => {
    expect(territoryCondition({ countries: ["US"], states: ["CA"] }, COUNTRY_ONLY)).toEqual(
      rule("country", "in_list", ["US"]),
    );
  });

  it("read equals and single-rule groups as lists", () => {
    expect(readTerritory(rule("country", "equals", "DE"), WITH_STATE)).toEqual({
      countries: ["DE"],
      states: [],
    });
    expect(readTerritory(newGroup("all", [rule("state", "in_list", ["TX"])]), WITH_STATE)).toEqual({
      countries: [],
      states: ["TX"],
    });
    expect(
      readTerritory(
        newGroup("any", [rule("state", "in_list", ["TX"]), rule("country", "equals", "MX")]),
        WITH_STATE,
      ),
    ).toEqual({
      countries: ["MX"],
      states: ["TX"],
    });
  });

  it("refuse anything the territory form cannot show, so the builder keeps it intact", () => {
    const others: Condition[] = [
      rule("country", "not_equals", "DE"),
      rule("country", "in_list", [1, 2]),
      rule("industry", "in_list", ["saas"]),
      rule("state", "in_list", ["TX"]), // fine with a state field, but not without one (below)
      newGroup("all", [rule("country", "in_list", ["DE"]), rule("employees", "gte", 100)]),
      newGroup("not", [rule("country", "in_list", ["DE"])]),
      newGroup("any", [rule("country", "in_list", ["DE"]), rule("country", "in_list", ["FR"])]),
    ];
    for (const condition of others) expect(readTerritory(condition, COUNTRY_ONLY)).toBeNull();
    expect(readTerritory(rule("state", "in_list", ["TX"]), WITH_STATE)).not.toBeNull();
  });
});

describe("skill and intent cases", () => {
  it("pick a conventional field by default", () => {
    expect(defaultTagField("skill", FIELDS)).toBe("industry");
    expect(defaultTagField("intent", FIELDS)).toBe("intent");
    expect(defaultTagField("skill", [{ name: "vertical", type: "string" }])).toBe("vertical");
    expect(defaultTagField("skill", [])).toBe("industry");
    expect(defaultTagField("intent", [{ name: "lead_intent", type: "string_list" }])).toBe("lead_intent");
  });

  it("write “is one of” on text fields and “has any of tags” on tag lists, and read them back", () => {
    const text = tagCaseCondition({ field: "industry", values: ["healthcare"] }, FIELDS);
    expect(text).toEqual(rule("industry", "in_list", ["healthcare"]));
    const tags = tagCaseCondition({ field: "products", values: ["crm", "erp"] }, FIELDS);
    expect(tags).toEqual(rule("products", "matches_any_tag", ["crm", "erp"]));
    for (const condition of [text, tags]) {
      expect(caseIssues(condition)).toEqual([]);
      expect(readTagCase(condition, FIELDS)).not.toBeNull();
    }
    expect(readTagCase(tags, FIELDS)).toEqual({ field: "products", values: ["crm", "erp"] });
  });

  it("read the intent fixture's band case and single values", () => {
    expect(readTagCase(rule("band", "equals", "hot"), FIELDS)).toEqual({ field: "band", values: ["hot"] });
    expect(readTagCase(rule("industry", "equals", "healthcare"), FIELDS)).toEqual({
      field: "industry",
      values: ["healthcare"],
    });
    expect(readTagCase(rule("products", "contains", "crm"), FIELDS)).toEqual({
      field: "products",
      values: ["crm"],
    });
    // Undeclared fields read as text, so the form can show them and validation asks to declare them.
    expect(readTagCase(rule("language", "in_list", ["de"]), FIELDS)).toEqual({
      field: "language",
      values: ["de"],
    });
  });

  it("refuse what the form cannot show", () => {
    const others: Condition[] = [
      rule("employees", "in_list", [10]),
      rule("industry", "not_equals", "saas"),
      rule("industry", "in_list", "saas"),
      rule("products", "in_list", ["crm"]),
      rule("", "in_list", []),
      newGroup("all", [rule("industry", "in_list", ["a"]), rule("intent", "in_list", ["b"])]),
    ];
    for (const condition of others) expect(readTagCase(condition, FIELDS)).toBeNull();
  });
});

describe("new cases", () => {
  it("start with conditions of their preset that only lack values", () => {
    expect(readTagCase(newCaseCondition("skill", FIELDS), FIELDS)).toEqual({ field: "industry", values: [] });
    expect(readTagCase(newCaseCondition("intent", FIELDS), FIELDS)).toEqual({ field: "intent", values: [] });
    const custom = newCaseCondition("custom", FIELDS, "rule-1");
    expect(custom).toEqual(newGroup("all", [{ ...rule("country", "in_list", []), id: "rule-1" }]));
    for (const preset of ["territory", "skill", "intent", "custom"] as const)
      expect(caseIssues(newCaseCondition(preset, FIELDS))).toEqual(["invalid_value"]);
  });
});

describe("the flow templates", () => {
  const pools = [
    { id: "p-emea", name: "EMEA", memberSkills: [["healthcare", "saas"], ["fintech"]] },
    { id: "p-na", name: "NA SMB", memberSkills: [["saas"]] },
  ];

  it("write every preset case in a form the inspector shows as its preset, not as raw conditions", () => {
    let checked = 0;
    for (const info of FLOW_TEMPLATE_INFO) {
      for (const withPools of [pools, []]) {
        const graph = flowGraphSchema.parse(templateGraph(info.id, withPools));
        const fields = graph.nodes.flatMap((n) => (n.type === "source" ? n.data.fields : []));
        for (const node of graph.nodes) {
          if (node.type !== "branch") continue;
          for (const c of node.data.cases) {
            const preset = node.data.preset;
            const read =
              preset === "territory"
                ? readTerritory(c.condition, territoryFields(fields))
                : preset === "custom"
                  ? c.condition
                  : readTagCase(c.condition, fields);
            expect(read, `${info.id} ${node.id} ${c.id}`).not.toBeNull();
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
