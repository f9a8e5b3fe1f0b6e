"use client";

import { useId } from "react";
import { TagInput } from "@/components/ui/tag-input";
import { type ConditionRule, type FieldType, OPERATOR_SPECS, type RuleValue } from "@/engine";
import { NumberField } from "./widgets/number-field";
import { controlClass } from "./widgets/styles";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

type Scalar = string | number | boolean | null;

function asScalar(value: RuleValue | undefined): Scalar {
  return value === undefined || Array.isArray(value) ? null : value;
}

function asText(value: Scalar | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

function asNumber(value: Scalar | undefined): number | null {
  return typeof value === "number" ? value : null;
}

function parseNumberTag(text: string): string | null {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? String(n) : null;
}

interface ValueProps {
  rule: ConditionRule;
  /** The field's type; undefined when the field is not declared (the value is then edited as text). */
  type: FieldType | undefined;
  onChange: (value: RuleValue | undefined) => void;
  /** Accessible name prefix, e.g. "Case 1 rule 2". */
  name: string;
  invalid: boolean;
  title: string | undefined;
  suggestions: readonly string[];
  readOnly: boolean;
}

/** The value part of a rule, shaped by the operator (none, one value, a list, a range) and the field type. */
export function RuleValueInput(props: ValueProps) {
  const shape = OPERATOR_SPECS[props.rule.operator].value;
  switch (shape) {
    case "none":
      return null;
    case "scalar":
      return (
        <ScalarInput
          {...props}
          value={asScalar(props.rule.value)}
          label={`${props.name} value`}
          testId="rule-value"
          onScalar={props.onChange}
        />
      );
    case "list":
      return <ListInput {...props} />;
    case "range":
      return <RangeInput {...props} />;
  }
}

function ScalarInput({
  type,
  value,
  onScalar,
  label,
  testId,
  invalid,
  title,
  suggestions,
  readOnly,
}: ValueProps & { value: Scalar; onScalar: (value: Scalar) => void; label: string; testId: string }) {
  const listId = useId();
  const common = {
    "aria-label": label,
    "aria-invalid": invalid || undefined,
    "data-testid": testId,
    title,
    disabled: readOnly,
  };
  if (type === "boolean") {
    return (
      <select
        {...common}
        className={controlClass(invalid)}
        value={typeof value === "boolean" ? String(value) : ""}
        onChange={(e) => onScalar(e.target.value === "true")}
      >
        {typeof value === "boolean" ? null : (
          <option value="" disabled>
            Choose…
          </option>
        )}
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  if (type === "number") {
    return (
      <NumberField
        {...common}
        value={asNumber(value)}
        allowEmpty
        invalid={invalid}
        onChange={onScalar}
        placeholder="number"
      />
    );
  }
  const text = asText(value);
  if (type === "date" && (text === "" || DATE_ONLY.test(text))) {
    return (
      <input
        {...common}
        type="date"
        className={controlClass(invalid)}
        value={text}
        onChange={(e) => onScalar(e.target.value)}
      />
    );
  }
  return (
    <>
      <input
        {...common}
        type="text"
        list={suggestions.length > 0 ? listId : undefined}
        className={controlClass(invalid)}
        value={text}
        placeholder={type === "date" ? "2024-05-31T09:00:00Z" : "value"}
        onChange={(e) => onScalar(e.target.value)}
      />
      {suggestions.length > 0 ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

function ListInput({ rule, type, onChange, name, invalid, title, suggestions, readOnly }: ValueProps) {
  const items = Array.isArray(rule.value) ? rule.value : [];
  const numeric = type === "number";
  return (
    <TagInput
      size="compact"
      label={`${name} values`}
      testId="rule-value"
      value={items.map((item) => asText(item))}
      onChange={(tags) => onChange(numeric ? tags.map(Number) : tags)}
      parse={numeric ? parseNumberTag : (text) => text}
      suggestions={suggestions}
      placeholder={numeric ? "Type a number, Enter" : "Type a value, Enter"}
      disabled={readOnly}
      invalid={invalid}
      title={title}
    />
  );
}

function RangeInput(props: ValueProps) {
  const { rule, onChange, name } = props;
  const [low = null, high = null] = Array.isArray(rule.value) ? rule.value : [];
  return (
    <div className="flex items-center gap-1" data-testid="rule-value">
      <ScalarInput
        {...props}
        value={low}
        label={`${name} from`}
        testId="rule-value-from"
        onScalar={(next) => onChange([next, high])}
      />
      <span className="text-xs text-slate-500">and</span>
      <ScalarInput
        {...props}
        value={high}
        label={`${name} to`}
        testId="rule-value-to"
        onScalar={(next) => onChange([low, next])}
      />
    </div>
  );
}
