"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";
import { TagInput } from "@/components/ui/tag-input";

export interface RepFormValues {
  name: string;
  email: string;
  territories: string[];
  skills: string[];
  weight: number;
  capacity: number | null;
  timezone: string;
  /** Slack-compatible incoming webhook for new-lead notifications; "" for none. */
  notifyUrl: string;
}

export const EMPTY_REP: RepFormValues = {
  name: "",
  email: "",
  territories: [],
  skills: [],
  weight: 1,
  capacity: null,
  timezone: "UTC",
  notifyUrl: "",
};

export function RepForm({
  initial,
  territorySuggestions,
  skillSuggestions,
  submitLabel,
  onSubmit,
  error,
  pending,
}: {
  initial: RepFormValues;
  territorySuggestions: string[];
  skillSuggestions: string[];
  submitLabel: string;
  onSubmit: (values: RepFormValues) => void;
  error: string | null;
  pending: boolean;
}) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof RepFormValues>(key: K, value: RepFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name">
          <TextInput value={values.name} onChange={(e) => set("name", e.target.value)} required />
        </Field>
        <Field label="Email">
          <TextInput
            type="email"
            value={values.email}
            onChange={(e) => set("email", e.target.value)}
            required
          />
        </Field>
      </div>
      <Field label="Territories" hint="Press Enter after each, e.g. EMEA or NA-West.">
        <TagInput
          label="Territories"
          value={values.territories}
          onChange={(v) => set("territories", v)}
          suggestions={territorySuggestions}
          placeholder="Add a territory"
        />
      </Field>
      <Field label="Skills" hint="Industries, languages, segments: whatever your branches match on.">
        <TagInput
          label="Skills"
          value={values.skills}
          onChange={(v) => set("skills", v)}
          suggestions={skillSuggestions}
          placeholder="Add a skill"
        />
      </Field>
      <div className="grid grid-cols-3 gap-3">
        <Field label="Weight" hint="Share in weighted pools.">
          <TextInput
            type="number"
            min={1}
            max={100}
            value={values.weight}
            onChange={(e) => set("weight", Number(e.target.value))}
          />
        </Field>
        <Field label="Capacity" hint="Max open leads; empty = no cap.">
          <TextInput
            type="number"
            min={0}
            value={values.capacity ?? ""}
            onChange={(e) => set("capacity", e.target.value === "" ? null : Number(e.target.value))}
          />
        </Field>
        <Field label="Time zone">
          <TextInput value={values.timezone} onChange={(e) => set("timezone", e.target.value)} />
        </Field>
      </div>
      <Field
        label="Notification URL"
        hint="Optional. A Slack-compatible incoming webhook that gets a message for each lead routed to this rep (flows turn it on under Notify)."
      >
        <TextInput
          type="url"
          placeholder="https://hooks.slack.com/services/…"
          value={values.notifyUrl}
          onChange={(e) => set("notifyUrl", e.target.value)}
        />
      </Field>
      <ErrorNote message={error} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
