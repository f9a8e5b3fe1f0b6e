"use client";

import {
  COMBINATORS,
  type Combinator,
  type Condition,
  type ConditionGroup,
  type ConditionRule,
  type FieldType,
  OPERATOR_SPECS,
  OPERATORS,
  type Operator,
  operatorsForType,
  type ValidationIssue,
} from "@/engine";
import type { InspectorContext } from "../types";
import {
  appendChild,
  asGroup,
  type ConditionPath,
  canAddGroup,
  canAddRule,
  changeRuleField,
  changeRuleOperator,
  conditionIds,
  type FieldOption,
  fieldOptions,
  makeId,
  newGroup,
  newRule,
  removeAt,
  setCombinator,
  setRuleValue,
  unwrapSingleRule,
  updateAt,
} from "./condition-ops";
import { type IssuePath, issuesAt, issuesUnder, issueText } from "./issues";
import { COMBINATOR_LABELS, FIELD_TYPE_LABELS, OPERATOR_LABELS } from "./labels";
import { RuleValueInput } from "./rule-value-input";
import { valueSuggestions } from "./suggestions";
import { AddButton, RowActions } from "./widgets/row-actions";
import { controlClass } from "./widgets/styles";

export interface ConditionBuilderProps {
  value: Condition;
  onChange: (value: Condition) => void;
  /** Fields, skills and territories for pickers and suggestions. */
  context: InspectorContext;
  /** The node's validation issues; those under `issuePath` mark the rows they concern. */
  issues: readonly ValidationIssue[];
  /** Where this condition sits in the node, e.g. ["data", "cases", 2, "condition"]. */
  issuePath: IssuePath;
  /** Names the controls for assistive tech and tests, e.g. "Case 3" → "Case 3 rule 1 field". */
  name: string;
  readOnly: boolean;
}

interface Shared {
  root: ConditionGroup;
  emit: (next: Condition) => void;
  options: FieldOption[];
  context: InspectorContext;
  issues: readonly ValidationIssue[];
  /** Issue path of the node shown at a display path. */
  realPath: (path: ConditionPath) => IssuePath;
  name: string;
  readOnly: boolean;
}

/** "1.2" for the path [0, 1]. */
function number(path: ConditionPath): string {
  return path.map((i) => i + 1).join(".");
}

/**
 * Edits a condition tree: groups combine their rows with All of / Any of / None of, rows test one
 * field. A condition that is a single rule is shown as an "All of" group of one and stays a single
 * rule until a second row is added, so showing it never rewrites it.
 */
export function ConditionBuilder({
  value,
  onChange,
  context,
  issues,
  issuePath,
  name,
  readOnly,
}: ConditionBuilderProps) {
  const root = asGroup(value);
  const wrapped = value.kind === "rule";
  const shared: Shared = {
    root,
    emit: (next) => onChange(wrapped && next.kind === "group" ? unwrapSingleRule(next) : next),
    options: fieldOptions(context.fields),
    context,
    issues: issuesUnder(issues, issuePath),
    realPath: (path) => [...issuePath, ...(wrapped ? path.slice(1) : path).flatMap((i) => ["children", i])],
    name,
    readOnly,
  };
  return (
    <div data-testid="condition-builder">
      <GroupView group={root} path={[]} shared={shared} />
    </div>
  );
}

function GroupView({ group, path, shared }: { group: ConditionGroup; path: ConditionPath; shared: Shared }) {
  const { root, emit, name, readOnly } = shared;
  const isRoot = path.length === 0;
  const groupName = isRoot ? name : `${name} group ${number(path)}`;
  // Issues on the group itself (empty group, too complex, score not available yet).
  const own = issuesAt(shared.issues, shared.realPath(path));
  const firstField = shared.options[0];
  return (
    <fieldset
      className={`space-y-1.5 rounded-md border p-1.5 ${own.length > 0 ? "border-rose-300 bg-rose-50/40" : isRoot ? "border-slate-200 bg-slate-50/60" : "border-slate-200 bg-white"}`}
      aria-label={groupName}
      title={issueText(own)}
      data-testid={isRoot ? "condition-root" : "condition-group"}
    >
      <div className="flex items-center gap-1.5">
        <select
          aria-label={`${groupName} match`}
          data-testid="group-combinator"
          className={controlClass(false, "w-auto text-xs")}
          value={group.combinator}
          disabled={readOnly}
          onChange={(e) => emit(setCombinator(root, path, e.target.value as Combinator))}
        >
          {COMBINATORS.map((c) => (
            <option key={c} value={c}>
              {COMBINATOR_LABELS[c]}
            </option>
          ))}
        </select>
        <span className="flex-1 text-xs text-slate-500">{isRoot ? "these rules" : "this group"}</span>
        {isRoot ? null : (
          <RowActions
            name={`group ${number(path)}`}
            index={0}
            count={1}
            onRemove={() => emit(removeAt(root, path))}
            disabled={readOnly}
          />
        )}
      </div>
      {group.combinator === "not" && group.children.length > 1 ? (
        <p className="text-[11px] text-slate-500">
          Matches unless every row below holds. To exclude leads that match any one of them, put an “Any of”
          group inside.
        </p>
      ) : null}
      {group.children.length === 0 ? (
        <p className="px-1 text-xs text-slate-500">No rules yet: add one.</p>
      ) : (
        <ul className="space-y-1.5">
          {group.children.map((child, i) => {
            const childPath = [...path, i];
            return (
              <li key={child.id ?? `at-${i}`}>
                {child.kind === "group" ? (
                  <GroupView group={child} path={childPath} shared={shared} />
                ) : (
                  <RuleRow rule={child} path={childPath} shared={shared} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex gap-1.5">
        <AddButton
          testId="add-rule"
          disabled={readOnly || !canAddRule(root, path)}
          onClick={() =>
            emit(appendChild(root, path, newRule(firstField, makeId("rule", conditionIds(root)))))
          }
        >
          Rule
        </AddButton>
        <AddButton
          testId="add-group"
          title="A group combines its own rules with All of / Any of / None of"
          disabled={readOnly || !canAddGroup(root, path)}
          onClick={() => {
            const taken = conditionIds(root);
            const rule = newRule(firstField, makeId("rule", taken));
            emit(appendChild(root, path, newGroup("any", [rule], makeId("group", taken))));
          }}
        >
          Group
        </AddButton>
      </div>
    </fieldset>
  );
}

function RuleRow({ rule, path, shared }: { rule: ConditionRule; path: ConditionPath; shared: Shared }) {
  const { root, emit, options, readOnly } = shared;
  const rowName = `${shared.name} rule ${number(path)}`;
  const base = shared.realPath(path);
  const at = (key: string) => issuesAt(shared.issues, [...base, key]);
  const fieldIssues = at("field");
  const operatorIssues = at("operator");
  const valueIssues = at("value");
  const field = options.find((o) => o.name === rule.field);
  const type: FieldType | undefined = field?.type;
  const update = (next: ConditionRule) => emit(updateAt(root, path, () => next));

  const allowed: Operator[] = type ? operatorsForType(type) : OPERATORS.slice();
  const operators = allowed.includes(rule.operator) ? allowed : [rule.operator, ...allowed];

  return (
    <div className="space-y-1 rounded-md bg-white p-1.5 ring-1 ring-slate-200" data-testid="condition-rule">
      <div className="flex items-center gap-1">
        <select
          aria-label={`${rowName} field`}
          data-testid="rule-field"
          aria-invalid={fieldIssues.length > 0 || undefined}
          title={issueText(fieldIssues)}
          className={controlClass(fieldIssues.length > 0, "min-w-0 flex-1")}
          value={rule.field}
          disabled={readOnly}
          onChange={(e) => {
            const next = options.find((o) => o.name === e.target.value);
            if (next) update(changeRuleField(rule, next));
          }}
        >
          {field === undefined ? (
            <option value={rule.field} disabled>
              {rule.field === "" ? "Choose a field…" : `${rule.field} (not declared)`}
            </option>
          ) : null}
          <FieldOptions options={options} />
        </select>
        <RowActions
          name={`rule ${number(path)}`}
          index={0}
          count={1}
          onRemove={() => emit(removeAt(root, path))}
          disabled={readOnly}
        />
      </div>
      <div className="flex items-start gap-1">
        <select
          aria-label={`${rowName} operator`}
          data-testid="rule-operator"
          aria-invalid={operatorIssues.length > 0 || undefined}
          title={issueText(operatorIssues)}
          className={controlClass(operatorIssues.length > 0, "w-auto max-w-[9rem] shrink-0")}
          value={rule.operator}
          disabled={readOnly}
          onChange={(e) => update(changeRuleOperator(rule, e.target.value as Operator, type ?? "string"))}
        >
          {operators.map((op) => (
            <option key={op} value={op}>
              {OPERATOR_LABELS[op]}
              {type && !OPERATOR_SPECS[op].types.includes(type) ? " (does not fit)" : ""}
            </option>
          ))}
        </select>
        <div className="min-w-0 flex-1">
          <RuleValueInput
            rule={rule}
            type={type}
            name={rowName}
            onChange={(value) => update(setRuleValue(rule, value))}
            invalid={valueIssues.length > 0}
            title={issueText(valueIssues)}
            suggestions={valueSuggestions(rule.field, shared.context)}
            readOnly={readOnly}
          />
        </div>
      </div>
    </div>
  );
}

function FieldOptions({ options }: { options: FieldOption[] }) {
  const declared = options.filter((o) => !o.builtin);
  const builtin = options.filter((o) => o.builtin);
  const render = (o: FieldOption) => (
    <option key={o.name} value={o.name}>
      {o.label === o.name ? o.name : `${o.label} (${o.name})`} · {FIELD_TYPE_LABELS[o.type]}
    </option>
  );
  return (
    <>
      {declared.length > 0 ? <optgroup label="Lead fields">{declared.map(render)}</optgroup> : null}
      <optgroup label="Set by the flow">{builtin.map(render)}</optgroup>
    </>
  );
}
