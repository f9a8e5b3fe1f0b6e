"use client";

import { TagInput } from "@/components/ui/tag-input";
import {
  BRANCH_PRESETS,
  type BranchCase,
  type BranchNode,
  type BranchPreset,
  type Condition,
  LIMITS,
  type ValidationIssue,
} from "@/engine";
import type { InspectorContext, NodeInspectorProps } from "../../types";
import {
  newCaseCondition,
  readTagCase,
  readTerritory,
  type TagCaseValue,
  type TerritoryValue,
  tagCaseCondition,
  tagCaseFields,
  territoryCondition,
  territoryFields,
} from "../branch-presets";
import { ConditionBuilder } from "../condition-builder";
import { makeId, moveItem } from "../condition-ops";
import { COUNTRIES, COUNTRY_GROUPS } from "../data/countries";
import { REGIONS } from "../data/regions";
import { type IssuePath, issuesAt, issuesUnder, issueText } from "../issues";
import { FIELD_TYPE_LABELS } from "../labels";
import { BAND_VALUES, INTENT_SUGGESTIONS, valueSuggestions } from "../suggestions";
import { Detail, InspectorField, Section } from "../widgets/field";
import { AddButton, RowActions } from "../widgets/row-actions";
import { type PickOption, SearchMultiSelect } from "../widgets/search-multi-select";
import { controlClass } from "../widgets/styles";

export const PRESET_LABELS: Readonly<Record<BranchPreset, string>> = {
  territory: "Territory (country / state)",
  skill: "Skill (industry, product, language…)",
  intent: "Intent (what the lead asked for)",
  custom: "Custom conditions",
};

const PRESET_HINTS: Readonly<Record<BranchPreset, string>> = {
  territory: "Each case lists the countries (and states) it covers.",
  skill: "Each case lists the values of a lead field that need a matching skill.",
  intent: "Each case lists what the lead asked for, e.g. a demo or pricing.",
  custom: "Each case has its own conditions.",
};

const COUNTRY_OPTIONS: readonly PickOption[] = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const REGION_OPTIONS: readonly PickOption[] = REGIONS.map((r) => ({
  value: r.code,
  label: `${r.name} (${r.country === "US" ? "US" : "Canada"})`,
}));

export function BranchForm({ node, onChange, context, issues, readOnly }: NodeInspectorProps<BranchNode>) {
  const { preset, cases } = node.data;
  const setData = (data: Partial<BranchNode["data"]>) =>
    onChange({ ...node, data: { ...node.data, ...data } });
  const setCase = (index: number, next: BranchCase) =>
    setData({ cases: cases.map((c, i) => (i === index ? next : c)) });
  const noCases = issuesAt(issues, ["data", "cases"]);

  function addCase() {
    const id = makeId(
      "case",
      cases.map((c) => c.id),
    );
    const label = preset === "territory" ? `Territory ${cases.length + 1}` : `Case ${cases.length + 1}`;
    setData({ cases: [...cases, { id, label, condition: newCaseCondition(preset, context.fields) }] });
  }

  return (
    <>
      <Section title="Decide by" hint={PRESET_HINTS[preset]}>
        <select
          aria-label="Decide by"
          data-testid="branch-preset"
          className={controlClass()}
          value={preset}
          disabled={readOnly}
          onChange={(e) => setData({ preset: e.target.value as BranchPreset })}
        >
          {BRANCH_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
      </Section>
      <Section
        title="Cases"
        hint="Checked from top to bottom: a lead goes out the first case it matches."
        invalid={noCases.length > 0}
        testId="branch-cases"
      >
        {cases.length === 0 ? <p className="text-xs text-slate-500">No cases yet: add one.</p> : null}
        <ol className="space-y-2">
          {cases.map((branchCase, i) => (
            <CaseCard
              key={branchCase.id}
              index={i}
              count={cases.length}
              branchCase={branchCase}
              preset={preset}
              context={context}
              issues={issuesUnder(issues, ["data", "cases", i])}
              readOnly={readOnly}
              onChange={(next) => setCase(i, next)}
              onMove={(to) => setData({ cases: moveItem(cases, i, to) })}
              onRemove={() => setData({ cases: cases.filter((_, j) => j !== i) })}
            />
          ))}
        </ol>
        <AddButton
          testId="add-case"
          onClick={addCase}
          disabled={readOnly || cases.length >= LIMITS.maxBranchCases}
        >
          Case
        </AddButton>
      </Section>
      <Section title="Else">
        <p className="text-xs text-slate-600" data-testid="branch-else">
          Leads matching no case go out the <strong>else</strong> handle. Connect it on the canvas to say
          where they go.
        </p>
      </Section>
    </>
  );
}

interface CaseProps {
  index: number;
  count: number;
  branchCase: BranchCase;
  preset: BranchPreset;
  context: InspectorContext;
  /** Issues under this case (["data", "cases", index, …]). */
  issues: ValidationIssue[];
  readOnly: boolean;
  onChange: (next: BranchCase) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function CaseCard({
  index,
  count,
  branchCase,
  preset,
  context,
  issues,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: CaseProps) {
  const n = index + 1;
  const base: IssuePath = ["data", "cases", index];
  const own = issuesAt(issues, base);
  const labelIssues = issuesAt(issues, [...base, "label"]);
  const conditionPath: IssuePath = [...base, "condition"];
  const conditionIssues = issuesUnder(issues, conditionPath);
  const setCondition = (condition: Condition) => onChange({ ...branchCase, condition });
  const body: BodyProps = {
    name: `Case ${n}`,
    testId: `case-${index}`,
    condition: branchCase.condition,
    onCondition: setCondition,
    context,
    issues: conditionIssues,
    issuePath: conditionPath,
    readOnly,
  };

  return (
    <li
      className={`space-y-1.5 rounded-md p-2 ring-1 ${own.length > 0 ? "ring-rose-300 bg-rose-50/40" : "ring-slate-200"}`}
      data-testid={`case-${index}`}
      title={issueText(own)}
    >
      <div className="flex items-center gap-1">
        <span className="w-5 shrink-0 text-xs font-semibold text-slate-400">{n}.</span>
        <input
          aria-label={`Case ${n} name`}
          data-testid={`case-${index}-label`}
          className={controlClass(labelIssues.length > 0, "min-w-0 flex-1 font-medium")}
          aria-invalid={labelIssues.length > 0 || undefined}
          title={issueText(labelIssues)}
          value={branchCase.label}
          placeholder="Name, e.g. EMEA"
          disabled={readOnly}
          onChange={(e) => onChange({ ...branchCase, label: e.target.value })}
        />
        <RowActions
          name={`case ${n}`}
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
          disabled={readOnly}
          testIdPrefix={`case-${index}`}
        />
      </div>
      <CaseBody preset={preset} {...body} />
      <Detail>handle {branchCase.id}</Detail>
    </li>
  );
}

interface BodyProps {
  name: string;
  testId: string;
  condition: Condition;
  onCondition: (condition: Condition) => void;
  context: InspectorContext;
  issues: ValidationIssue[];
  issuePath: IssuePath;
  readOnly: boolean;
}

function CaseBody({ preset, ...props }: BodyProps & { preset: BranchPreset }) {
  const fields = props.context.fields;
  if (preset === "territory") {
    const tf = territoryFields(fields);
    const value = readTerritory(props.condition, tf);
    if (value !== null)
      return (
        <TerritoryCase
          {...props}
          value={value}
          stateField={tf.state}
          countryDeclared={fields.some((f) => f.name === tf.country)}
          countryField={tf.country}
          onValue={(v) => props.onCondition(territoryCondition(v, tf))}
        />
      );
  } else if (preset === "skill" || preset === "intent") {
    const value = readTagCase(props.condition, fields);
    if (value !== null)
      return (
        <TagCase
          {...props}
          preset={preset}
          value={value}
          onValue={(v) => props.onCondition(tagCaseCondition(v, fields))}
        />
      );
  } else {
    return <CaseConditions {...props} />;
  }
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-500">
        This case uses conditions the {preset} form cannot show, so they are edited here as they are.
      </p>
      <CaseConditions {...props} />
      <button
        type="button"
        className="text-xs text-brand-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline"
        disabled={props.readOnly}
        onClick={() => props.onCondition(newCaseCondition(preset, fields))}
        data-testid={`${props.testId}-reset`}
      >
        Start over with the {preset} form (clears these conditions)
      </button>
    </div>
  );
}

function CaseConditions({ name, condition, onCondition, context, issues, issuePath, readOnly }: BodyProps) {
  return (
    <ConditionBuilder
      value={condition}
      onChange={onCondition}
      context={context}
      issues={issues}
      issuePath={issuePath}
      name={name}
      readOnly={readOnly}
    />
  );
}

function TerritoryCase({
  name,
  testId,
  value,
  onValue,
  stateField,
  countryField,
  countryDeclared,
  issues,
  readOnly,
}: BodyProps & {
  value: TerritoryValue;
  onValue: (value: TerritoryValue) => void;
  stateField: string | null;
  countryField: string;
  countryDeclared: boolean;
}) {
  const invalid = issues.length > 0;
  const title = issueText(issues);
  const addGroup = (codes: readonly string[]) =>
    onValue({
      ...value,
      countries: [...value.countries, ...codes.filter((c) => !value.countries.includes(c))],
    });
  return (
    <div className="space-y-1.5">
      <InspectorField
        label="Countries"
        hint={
          countryDeclared ? undefined : `Declare a text field “${countryField}” on the Source node first.`
        }
      >
        <SearchMultiSelect
          label={`${name} countries`}
          testId={`${testId}-countries`}
          options={COUNTRY_OPTIONS}
          value={value.countries}
          onChange={(countries) => onValue({ ...value, countries })}
          placeholder="Type a country…"
          disabled={readOnly}
          invalid={invalid}
          title={title}
        />
      </InspectorField>
      <div className="flex flex-wrap items-center gap-1 text-[11px] text-slate-500">
        Add:
        {COUNTRY_GROUPS.map((group) => (
          <button
            key={group.name}
            type="button"
            className="rounded px-1 text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-400"
            disabled={readOnly}
            onClick={() => addGroup(group.codes)}
            aria-label={`${name}: add ${group.name} countries`}
          >
            {group.name}
          </button>
        ))}
      </div>
      {stateField !== null ? (
        <InspectorField
          label="US states / Canadian provinces"
          hint="A lead in any of these countries or states matches."
        >
          <SearchMultiSelect
            label={`${name} states`}
            testId={`${testId}-states`}
            options={REGION_OPTIONS}
            value={value.states}
            onChange={(states) => onValue({ ...value, states })}
            placeholder="Type a state or province…"
            disabled={readOnly}
            invalid={invalid}
            title={title}
          />
        </InspectorField>
      ) : null}
    </div>
  );
}

function tagSuggestions(preset: "skill" | "intent", field: string, context: InspectorContext): string[] {
  if (field === "band") return [...BAND_VALUES];
  const byName = valueSuggestions(field, context);
  if (byName.length > 0) return byName;
  return preset === "skill" ? context.skills : [...INTENT_SUGGESTIONS];
}

function TagCase({
  name,
  testId,
  preset,
  value,
  onValue,
  context,
  issues,
  issuePath,
  readOnly,
}: BodyProps & { preset: "skill" | "intent"; value: TagCaseValue; onValue: (value: TagCaseValue) => void }) {
  const options = tagCaseFields(context.fields);
  const field = options.find((o) => o.name === value.field);
  const fieldIssues = issuesUnder(issues, [...issuePath, "field"]);
  const valueIssues = issues.filter((issue) => !fieldIssues.includes(issue));
  const list = field?.type === "string_list";
  return (
    <div className="space-y-1.5">
      <InspectorField label="Lead field">
        <select
          aria-label={`${name} field`}
          data-testid={`${testId}-field`}
          className={controlClass(fieldIssues.length > 0)}
          aria-invalid={fieldIssues.length > 0 || undefined}
          title={issueText(fieldIssues)}
          value={value.field}
          disabled={readOnly}
          onChange={(e) => onValue({ ...value, field: e.target.value })}
        >
          {field === undefined ? <option value={value.field}>{value.field} (not declared)</option> : null}
          {options.map((o) => (
            <option key={o.name} value={o.name}>
              {o.label === o.name ? o.name : `${o.label} (${o.name})`} · {FIELD_TYPE_LABELS[o.type]}
            </option>
          ))}
        </select>
      </InspectorField>
      <InspectorField
        label={list ? "Has any of these tags" : "Is one of"}
        hint={
          field === undefined
            ? `Declare “${value.field}” on the Source node, or pick another field.`
            : preset === "skill"
              ? "Suggestions come from your reps’ skills."
              : undefined
        }
      >
        <TagInput
          size="compact"
          label={`${name} values`}
          testId={`${testId}-values`}
          value={value.values}
          onChange={(values) => onValue({ ...value, values })}
          suggestions={tagSuggestions(preset, value.field, context)}
          placeholder="Type a value, Enter"
          disabled={readOnly}
          invalid={valueIssues.length > 0}
          title={issueText(valueIssues)}
        />
      </InspectorField>
    </div>
  );
}
