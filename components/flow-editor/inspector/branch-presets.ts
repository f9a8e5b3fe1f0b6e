/**
 * Branch presets as forms: reading a case's condition into the simple values a preset form shows
 * (countries and states; a field and its values) and writing those values back as a condition.
 * A condition the form cannot show reads as null, and the inspector then shows the condition
 * builder for that case instead, so nothing is lost.
 */
import type { BranchPreset, Condition, ConditionRule, FieldDecl, FieldType } from "@/engine";
import { type FieldOption, fieldOptions, newGroup, newRule } from "./condition-ops";

export interface TerritoryFields {
  /** The field holding the lead's country code. */
  country: string;
  /** The field holding the US state / Canadian province code, when the flow declares one. */
  state: string | null;
}

const COUNTRY_NAMES = ["country", "country_code", "countrycode"];
const STATE_NAMES = ["state", "province", "state_code", "region_code"];

function findTextField(fields: readonly FieldDecl[], names: readonly string[]): string | null {
  for (const name of names) {
    const match = fields.find((f) => f.type === "string" && f.name.toLowerCase() === name);
    if (match) return match.name;
  }
  return null;
}

/** Which fields the territory form reads: "country" unless another country field is declared. */
export function territoryFields(fields: readonly FieldDecl[]): TerritoryFields {
  return {
    country: findTextField(fields, COUNTRY_NAMES) ?? "country",
    state: findTextField(fields, STATE_NAMES),
  };
}

export interface TerritoryValue {
  countries: string[];
  states: string[];
}

/** Codes of an `in_list` or `equals` rule on `field` whose values are all text, else null. */
function codesOf(rule: ConditionRule, field: string): string[] | null {
  if (rule.field !== field) return null;
  if (rule.operator === "equals" && typeof rule.value === "string") return [rule.value];
  if (rule.operator !== "in_list" || !Array.isArray(rule.value)) return null;
  const codes: string[] = [];
  for (const item of rule.value) {
    if (typeof item !== "string") return null;
    codes.push(item);
  }
  return codes;
}

/** A single rule, or the only child of an All of / Any of group. */
function singleRule(condition: Condition): ConditionRule | null {
  if (condition.kind === "rule") return condition;
  const [only] = condition.children;
  if (condition.combinator !== "not" && condition.children.length === 1 && only?.kind === "rule") return only;
  return null;
}

/**
 * Reads "country is one of …", "state is one of …" or "country is one of … OR state is one of …"
 * (equals counts as a list of one). Anything else is null.
 */
export function readTerritory(condition: Condition, fields: TerritoryFields): TerritoryValue | null {
  const rule = singleRule(condition);
  if (rule !== null) {
    const countries = codesOf(rule, fields.country);
    if (countries !== null) return { countries, states: [] };
    const states = fields.state === null ? null : codesOf(rule, fields.state);
    return states === null ? null : { countries: [], states };
  }
  if (condition.kind !== "group" || condition.combinator !== "any" || condition.children.length !== 2)
    return null;
  const [a, b] = condition.children;
  if (a?.kind !== "rule" || b?.kind !== "rule" || fields.state === null) return null;
  const countries = codesOf(a, fields.country) ?? codesOf(b, fields.country);
  const states = codesOf(a, fields.state) ?? codesOf(b, fields.state);
  return countries !== null && states !== null ? { countries, states } : null;
}

/**
 * The condition of a territory case: leads from any of the countries, or from any of the states.
 * With nothing picked it is "country is one of (nothing)", which validation reports as incomplete.
 */
export function territoryCondition(value: TerritoryValue, fields: TerritoryFields): Condition {
  const countryRule: ConditionRule = {
    kind: "rule",
    field: fields.country,
    operator: "in_list",
    value: value.countries,
  };
  if (fields.state === null || value.states.length === 0) return countryRule;
  const stateRule: ConditionRule = {
    kind: "rule",
    field: fields.state,
    operator: "in_list",
    value: value.states,
  };
  return value.countries.length === 0 ? stateRule : newGroup("any", [countryRule, stateRule]);
}

/** A case of the skill or intent preset: one field and the values that send a lead down the case. */
export interface TagCaseValue {
  field: string;
  values: string[];
}

/** Fields a skill / intent case can match on: text and tag-list fields, declared or built in. */
export function tagCaseFields(fields: readonly FieldDecl[]): FieldOption[] {
  return fieldOptions(fields).filter((o) => o.type === "string" || o.type === "string_list");
}

function textValues(value: unknown): string[] | null {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return null;
  const values: string[] = [];
  for (const item of value) {
    if (typeof item !== "string") return null;
    values.push(item);
  }
  return values;
}

/**
 * Reads "field is one of …" / "field is …" on a text field, or "field has any of tags …" /
 * "field contains …" on a tag-list field. An undeclared field is read as text. Anything else is null.
 */
export function readTagCase(condition: Condition, fields: readonly FieldDecl[]): TagCaseValue | null {
  const rule = singleRule(condition);
  if (rule === null || rule.field === "") return null;
  const type: FieldType | undefined = fieldOptions(fields).find((o) => o.name === rule.field)?.type;
  const ops: readonly string[] =
    type === undefined || type === "string"
      ? ["in_list", "equals"]
      : type === "string_list"
        ? ["matches_any_tag", "contains"]
        : [];
  if (!ops.includes(rule.operator)) return null;
  const single = rule.operator === "equals" || rule.operator === "contains";
  const values = single ? (typeof rule.value === "string" ? [rule.value] : null) : textValues(rule.value);
  if (values === null || (!single && !Array.isArray(rule.value))) return null;
  return { field: rule.field, values };
}

/** The condition of a skill / intent case: "is one of" on text fields, "has any of tags" on tag lists. */
export function tagCaseCondition(value: TagCaseValue, fields: readonly FieldDecl[]): Condition {
  const type = fieldOptions(fields).find((o) => o.name === value.field)?.type;
  return {
    kind: "rule",
    field: value.field,
    operator: type === "string_list" ? "matches_any_tag" : "in_list",
    value: value.values,
  };
}

const SKILL_FIELD_NAMES = ["industry", "skill", "skills", "product", "products", "language"];
const INTENT_FIELD_NAMES = ["intent", "intents", "interest"];

/** The field a new skill / intent case matches on: a conventional name when declared, else a sensible default. */
export function defaultTagField(preset: "skill" | "intent", fields: readonly FieldDecl[]): string {
  const candidates = tagCaseFields(fields).filter((o) => !o.builtin);
  const names = preset === "skill" ? SKILL_FIELD_NAMES : INTENT_FIELD_NAMES;
  for (const name of names) {
    const match = candidates.find((o) => o.name.toLowerCase() === name);
    if (match) return match.name;
  }
  const loose = candidates.find((o) => o.name.toLowerCase().includes(preset));
  if (loose) return loose.name;
  return preset === "skill" ? (candidates[0]?.name ?? "industry") : "intent";
}

/** The condition a new case starts with under a preset. */
export function newCaseCondition(preset: BranchPreset, fields: readonly FieldDecl[], id?: string): Condition {
  switch (preset) {
    case "territory":
      return territoryCondition({ countries: [], states: [] }, territoryFields(fields));
    case "skill":
    case "intent":
      return tagCaseCondition({ field: defaultTagField(preset, fields), values: [] }, fields);
    case "custom":
      return newGroup("all", [newRule(fieldOptions(fields)[0], id)]);
  }
}
