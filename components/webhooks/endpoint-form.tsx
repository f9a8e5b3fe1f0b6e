"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/server/services/webhooks/events";
import { checkEndpointForm, EVENT_DESCRIPTIONS, toggleEvent } from "./format";

export interface EndpointFormValues {
  url: string;
  description: string;
  events: WebhookEventType[];
}

export const EMPTY_ENDPOINT: EndpointFormValues = { url: "", description: "", events: ["lead.routed"] };

/** Add or edit an endpoint: URL, a note for the team, and the events it receives. */
export function EndpointForm({
  initial,
  submitLabel,
  onSubmit,
  error,
  pending,
}: {
  initial: EndpointFormValues;
  submitLabel: string;
  onSubmit: (values: EndpointFormValues) => void;
  error: string | null;
  pending: boolean;
}) {
  const [values, setValues] = useState(initial);
  const [checked, setChecked] = useState(false);
  const problems = checkEndpointForm(values.url, values.events);
  const show = checked ? problems : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problems.url || problems.events) return;
    onSubmit({ ...values, url: values.url.trim(), description: values.description.trim() });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field
        label="Endpoint URL"
        hint="Where Switchyard POSTs events. Private and loopback addresses are refused."
        error={show.url ? `URL ${show.url}` : undefined}
      >
        <TextInput
          type="url"
          placeholder="https://hooks.example.com/switchyard"
          value={values.url}
          onChange={(e) => setValues((v) => ({ ...v, url: e.target.value }))}
          required
        />
      </Field>
      <Field label="Description" hint="Optional: what receives these events, e.g. “CRM sync”.">
        <TextInput
          value={values.description}
          maxLength={500}
          onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={values.events.includes(type)}
              onChange={(e) =>
                setValues((v) => ({ ...v, events: toggleEvent(v.events, type, e.target.checked) }))
              }
            />
            <span>
              <code className="text-xs font-semibold text-slate-900">{type}</code>
              <span className="block text-xs text-slate-500">{EVENT_DESCRIPTIONS[type]}</span>
            </span>
          </label>
        ))}
        {show.events ? <p className="text-xs text-rose-600">Events: {show.events}</p> : null}
      </fieldset>
      <ErrorNote message={error} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
