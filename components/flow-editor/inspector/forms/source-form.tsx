"use client";

import { TagInput } from "@/components/ui/tag-input";
import {
  checkFieldName,
  FIELD_TYPES,
  type FieldDecl,
  type FieldType,
  KNOWN_CHANNELS,
  LIMITS,
  type SourceNode,
} from "@/engine";
import type { NodeInspectorProps } from "../../types";
import { moveItem } from "../condition-ops";
import { issuesAt, issuesUnder, issueText } from "../issues";
import { CHANNEL_LABELS, FIELD_TYPE_LABELS } from "../labels";
import { Section } from "../widgets/field";
import { AddButton, RowActions } from "../widgets/row-actions";
import { CHECKBOX_CLASS, controlClass } from "../widgets/styles";

const KNOWN: ReadonlySet<string> = new Set(KNOWN_CHANNELS);

/** What is wrong with a field name, in words, as the person types it. */
export function fieldNameProblem(name: string, index: number, fields: readonly FieldDecl[]): string | null {
  if (name === "") return "Give the field a name.";
  const problem = checkFieldName(name);
  if (problem === "invalid")
    return "Start with a letter; use only letters, digits and _ (no spaces or dots, at most 64).";
  if (problem === "reserved") return `“${name}” is reserved; choose another name.`;
  if (fields.findIndex((f) => f.name === name) !== index) return "Another field already has this name.";
  return null;
}

export function SourceForm({ node, onChange, issues, readOnly }: NodeInspectorProps<SourceNode>) {
  const { channels, fields } = node.data;
  const setData = (data: Partial<SourceNode["data"]>) =>
    onChange({ ...node, data: { ...node.data, ...data } });
  const custom = channels.filter((c) => !KNOWN.has(c));
  const channelIssues = issuesUnder(issues, ["data", "channels"]);

  function toggle(channel: string, on: boolean) {
    setData({ channels: on ? [...channels, channel] : channels.filter((c) => c !== channel) });
  }

  function setField(index: number, field: FieldDecl) {
    setData({ fields: fields.map((f, i) => (i === index ? field : f)) });
  }

  function addField() {
    const names = new Set(fields.map((f) => f.name));
    let n = fields.length + 1;
    while (names.has(`field_${n}`)) n += 1;
    const name = `field_${n}`;
    setData({ fields: [...fields, { name, type: "string" }] });
  }

  return (
    <>
      <Section
        title="Channels"
        hint="Which channels this flow accepts. Leave all unticked to accept leads from every channel."
        invalid={channelIssues.length > 0}
        testId="source-channels"
      >
        <div className="grid grid-cols-2 gap-1">
          {KNOWN_CHANNELS.map((channel) => (
            <label key={channel} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                className={CHECKBOX_CLASS}
                checked={channels.includes(channel)}
                disabled={readOnly}
                onChange={(e) => toggle(channel, e.target.checked)}
                data-testid={`channel-${channel}`}
              />
              {CHANNEL_LABELS[channel] ?? channel}
            </label>
          ))}
        </div>
        <TagInput
          size="compact"
          label="Other channels"
          placeholder="Other channel, Enter"
          value={custom}
          onChange={(tags) =>
            setData({ channels: [...new Set([...channels.filter((c) => KNOWN.has(c)), ...tags])] })
          }
          disabled={readOnly}
          invalid={channelIssues.length > 0}
          title={issueText(channelIssues)}
          testId="channel-custom"
        />
        <p className="text-xs text-slate-500">
          {channels.length === 0
            ? "Accepting leads from every channel."
            : `Accepting only: ${channels.map((c) => CHANNEL_LABELS[c] ?? c).join(", ")}. Others are rejected.`}
        </p>
      </Section>
      <Section
        title="Lead fields"
        hint="The lead details this flow looks at. Conditions can only use fields listed here. Renaming a field does not update the conditions that use it."
      >
        {fields.length === 0 ? <p className="text-xs text-slate-500">No fields yet.</p> : null}
        <ul className="space-y-1.5">
          {fields.map((field, i) => (
            <FieldRow
              // Index keys: names change while typing, and rows hold no state of their own.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              index={i}
              field={field}
              fields={fields}
              onChange={(next) => setField(i, next)}
              onMove={(to) => setData({ fields: moveItem(fields, i, to) })}
              onRemove={() => setData({ fields: fields.filter((_, j) => j !== i) })}
              issueTitle={issueText(issuesAt(issues, ["data", "fields", i, "name"]))}
              readOnly={readOnly}
            />
          ))}
        </ul>
        <AddButton
          testId="add-field"
          onClick={addField}
          disabled={readOnly || fields.length >= LIMITS.maxFields}
        >
          Field
        </AddButton>
      </Section>
    </>
  );
}

function FieldRow({
  index,
  field,
  fields,
  onChange,
  onMove,
  onRemove,
  issueTitle,
  readOnly,
}: {
  index: number;
  field: FieldDecl;
  fields: readonly FieldDecl[];
  onChange: (field: FieldDecl) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  issueTitle: string | undefined;
  readOnly: boolean;
}) {
  const n = index + 1;
  const problem = fieldNameProblem(field.name, index, fields);
  const invalid = problem !== null || issueTitle !== undefined;
  return (
    <li className="space-y-1 rounded-md p-1.5 ring-1 ring-slate-200" data-testid={`field-${index}`}>
      <div className="flex items-center gap-1">
        <input
          aria-label={`Field ${n} name`}
          data-testid={`field-${index}-name`}
          className={controlClass(invalid, "min-w-0 flex-1 font-mono text-xs")}
          value={field.name}
          placeholder="name"
          aria-invalid={invalid || undefined}
          title={issueTitle}
          spellCheck={false}
          disabled={readOnly}
          onChange={(e) => onChange({ ...field, name: e.target.value })}
        />
        <select
          aria-label={`Field ${n} type`}
          data-testid={`field-${index}-type`}
          className={controlClass(false, "w-[6.5rem] shrink-0")}
          value={field.type}
          disabled={readOnly}
          onChange={(e) => onChange({ ...field, type: e.target.value as FieldType })}
        >
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {FIELD_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <RowActions
          name={`field ${n}`}
          index={index}
          count={fields.length}
          onMove={onMove}
          onRemove={onRemove}
          disabled={readOnly}
        />
      </div>
      <input
        aria-label={`Field ${n} label`}
        data-testid={`field-${index}-label`}
        className={controlClass(false)}
        value={field.label ?? ""}
        placeholder="Label shown in conditions (optional)"
        disabled={readOnly}
        onChange={(e) => {
          const { label: _old, ...rest } = field;
          onChange(e.target.value === "" ? rest : { ...rest, label: e.target.value });
        }}
      />
      {problem ? <p className="text-xs text-rose-600">{problem}</p> : null}
    </li>
  );
}
