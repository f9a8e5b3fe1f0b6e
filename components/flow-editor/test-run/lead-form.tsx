"use client";

import { type ReactNode, useId } from "react";
import { TagInput } from "@/components/ui/tag-input";
import { type FieldDecl, KNOWN_CHANNELS } from "@/engine";
import { fieldInputValue, type Lead, undeclaredKeys, withField } from "./describe";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none";

const TYPE_HINT: Record<FieldDecl["type"], string> = {
  string: "text",
  number: "number",
  boolean: "yes / no",
  string_list: "list",
  date: "date",
};

/** One input per field the source node declares, typed to match, plus the lead's channel. */
export function LeadForm({
  lead,
  fields,
  channels,
  onChange,
}: {
  lead: Lead;
  fields: FieldDecl[];
  /** Channels the source accepts; empty = all. */
  channels: string[];
  onChange: (lead: Lead) => void;
}) {
  const baseId = useId();
  const channelOptions = [...new Set([...channels, ...KNOWN_CHANNELS])];
  const source = typeof lead.source === "string" ? lead.source : "";
  const extra = undeclaredKeys(lead, fields);
  return (
    <div className="space-y-2.5">
      <Row id={`${baseId}-source`} label="Channel" hint={channels.length ? "source filter" : "any accepted"}>
        <select
          id={`${baseId}-source`}
          className={inputClass}
          value={source}
          onChange={(e) => onChange(withField(lead, "source", e.target.value))}
        >
          <option value="">(no channel)</option>
          {channelOptions.map((channel) => (
            <option key={channel} value={channel}>
              {channel}
              {channels.length > 0 && !channels.includes(channel) ? " (rejected)" : ""}
            </option>
          ))}
        </select>
      </Row>
      {fields.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-2.5 py-2 text-xs text-slate-500">
          The source node declares no fields yet. Add fields there, or paste JSON.
        </p>
      ) : null}
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          id={`${baseId}-${field.name}`}
          field={field}
          lead={lead}
          onChange={onChange}
        />
      ))}
      {extra.length > 0 ? (
        <p className="text-xs text-slate-500">
          Also sent, not read by this flow: {extra.slice(0, 6).join(", ")}
          {extra.length > 6 ? ` and ${extra.length - 6} more` : ""}
        </p>
      ) : null}
    </div>
  );
}

function Row({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="truncate text-xs font-medium text-slate-700">
          {label}
        </label>
        <span className="shrink-0 text-[10px] uppercase tracking-wide text-slate-400">{hint}</span>
      </div>
      {children}
    </div>
  );
}

function FieldInput({
  id,
  field,
  lead,
  onChange,
}: {
  id: string;
  field: FieldDecl;
  lead: Lead;
  onChange: (lead: Lead) => void;
}) {
  const label = field.label?.trim() || field.name;
  const value = fieldInputValue(lead, field);
  const set = (next: unknown) => onChange(withField(lead, field.name, next));
  const text = typeof value === "string" ? value : "";
  let control: ReactNode;
  switch (field.type) {
    case "string":
      control = <input id={id} className={inputClass} value={text} onChange={(e) => set(e.target.value)} />;
      break;
    case "number":
      control = (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          className={inputClass}
          value={text}
          onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      );
      break;
    case "boolean":
      control = (
        <select
          id={id}
          className={inputClass}
          value={text}
          onChange={(e) => set(e.target.value === "" ? undefined : e.target.value === "true")}
        >
          <option value="">(missing)</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      );
      break;
    case "date":
      control = (
        <input
          id={id}
          type="date"
          className={inputClass}
          value={text}
          onChange={(e) => set(e.target.value)}
        />
      );
      break;
    case "string_list":
      control = (
        <TagInput
          label={label}
          value={Array.isArray(value) ? value : []}
          onChange={(tags) => set(tags)}
          placeholder="Type and press Enter"
        />
      );
      break;
  }
  return (
    <Row id={id} label={label} hint={TYPE_HINT[field.type]}>
      {control}
    </Row>
  );
}
