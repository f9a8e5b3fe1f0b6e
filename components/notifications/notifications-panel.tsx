"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";
import {
  DEFAULT_TEMPLATE,
  FIXED_PLACEHOLDERS,
  insertPlaceholder,
  leadPlaceholders,
  type Placeholder,
  undeclaredLeadFields,
  unknownPlaceholders,
} from "./template";

interface Settings {
  enabled: boolean;
  template: string;
  channelUrl: string;
}

const PREVIEW_DELAY_MS = 300;

/** Flow editor side panel: the message the assigned rep gets on each routed lead of this flow. */
export function NotificationsPanel({
  flowId,
  fieldNames,
  canEdit,
}: {
  flowId: string;
  fieldNames: string[];
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const saved = useQuery(trpc.notifications.get.queryOptions({ flowId }));
  if (saved.isLoading) return <p className="p-4 text-sm text-slate-500">Loading notification settings…</p>;
  if (!saved.data)
    return (
      <div className="p-4">
        <ErrorNote message={saved.error?.message ?? "Not found"} />
      </div>
    );
  return (
    <NotificationsForm
      flowId={flowId}
      fieldNames={fieldNames}
      canEdit={canEdit}
      initial={{
        enabled: saved.data.enabled,
        template: saved.data.template || DEFAULT_TEMPLATE,
        channelUrl: saved.data.channelUrl ?? "",
      }}
    />
  );
}

function NotificationsForm({
  flowId,
  fieldNames,
  canEdit,
  initial,
}: {
  flowId: string;
  fieldNames: string[];
  canEdit: boolean;
  initial: Settings;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [savedValues, setSavedValues] = useState(initial);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const previewTemplate = useDebounced(values.template, PREVIEW_DELAY_MS);
  const preview = useQuery({
    ...trpc.notifications.preview.queryOptions({ flowId, template: previewTemplate }),
    enabled: previewTemplate.trim().length > 0,
    placeholderData: (previous) => previous,
  });
  const save = useMutation(
    trpc.notifications.set.mutationOptions({
      onSuccess: () => {
        setSavedValues(values);
        return queryClient.invalidateQueries({ queryKey: trpc.notifications.get.queryKey({ flowId }) });
      },
    }),
  );
  const dirty = JSON.stringify(values) !== JSON.stringify(savedValues);
  const unknown = unknownPlaceholders(values.template);
  const undeclared = undeclaredLeadFields(values.template, fieldNames);

  // Put the caret back after an inserted placeholder once React has rendered the new text.
  useEffect(() => {
    if (caret.current === null || !textarea.current) return;
    textarea.current.focus();
    textarea.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  function insert(placeholder: Placeholder) {
    const element = textarea.current;
    const start = element?.selectionStart ?? values.template.length;
    const end = element?.selectionEnd ?? start;
    const next = insertPlaceholder(values.template, placeholder.token, start, end);
    caret.current = next.caret;
    setValues((v) => ({ ...v, template: next.text }));
  }

  const chips = [...FIXED_PLACEHOLDERS, ...leadPlaceholders(fieldNames)];

  return (
    <form
      className="space-y-4 p-4 text-sm"
      data-testid="notifications-panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          flowId,
          enabled: values.enabled,
          template: values.template,
          channelUrl: values.channelUrl.trim() || null,
        });
      }}
    >
      <div className="space-y-1">
        <p className="font-medium text-slate-800">Notify the assigned rep</p>
        <p className="text-xs leading-relaxed text-slate-600">
          When this flow routes a lead to a rep, Switchyard posts a message to the rep&apos;s notification URL
          (set on the rep), or to the channel below when the rep has none. Slack-compatible incoming webhooks
          work as they are.
        </p>
      </div>
      <label className="flex items-center gap-2 font-medium text-slate-800">
        <input
          type="checkbox"
          role="switch"
          checked={values.enabled}
          aria-checked={values.enabled}
          disabled={!canEdit}
          onChange={(e) => setValues((v) => ({ ...v, enabled: e.target.checked }))}
        />
        Send a notification on every routed lead
      </label>
      <div className="space-y-1.5">
        <label htmlFor="notification-template" className="block font-medium text-slate-700">
          Message template
        </label>
        <textarea
          id="notification-template"
          ref={textarea}
          rows={5}
          readOnly={!canEdit}
          value={values.template}
          onChange={(e) => setValues((v) => ({ ...v, template: e.target.value }))}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-1">
            <span className="text-xs text-slate-500">Insert:</span>
            {chips.map((chip) => (
              <button
                key={chip.token}
                type="button"
                title={`Insert ${chip.token}`}
                onClick={() => insert(chip)}
                className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200 hover:bg-brand-50 hover:text-brand-700"
              >
                {chip.label}
              </button>
            ))}
          </div>
        ) : null}
        {unknown.length > 0 ? (
          <p className="text-xs text-rose-700" role="alert">
            Unknown placeholder{unknown.length === 1 ? "" : "s"}: {unknown.map((u) => `{{${u}}}`).join(", ")}.
            Pick one of the chips.
          </p>
        ) : null}
        {undeclared.length > 0 ? (
          <p className="text-xs text-amber-700">
            Not a field of this flow&apos;s source (empty unless the lead has it):{" "}
            {undeclared.map((f) => `lead.${f}`).join(", ")}
          </p>
        ) : null}
      </div>
      <div className="space-y-1.5">
        <p className="font-medium text-slate-700">Preview</p>
        <div
          className="min-h-12 whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-slate-800 ring-1 ring-slate-200"
          data-testid="notification-preview"
          aria-live="polite"
        >
          {preview.error ? (
            <span className="text-rose-700">{preview.error.message}</span>
          ) : (
            (preview.data?.text ?? <span className="text-slate-400">Type a message to see it here.</span>)
          )}
        </div>
        <p className="text-xs text-slate-500">Filled with a sample lead and one of your reps.</p>
      </div>
      <Field
        label="Channel URL (fallback)"
        hint="Used for reps without their own notification URL. Leave empty to notify only reps that have one."
      >
        <TextInput
          type="url"
          placeholder="https://hooks.slack.com/services/…"
          readOnly={!canEdit}
          value={values.channelUrl}
          onChange={(e) => setValues((v) => ({ ...v, channelUrl: e.target.value }))}
        />
      </Field>
      <ErrorNote message={save.error?.message} />
      {canEdit ? (
        <div className="flex items-center justify-end gap-3">
          <span className="text-xs text-slate-500" role="status">
            {save.isPending ? "Saving…" : dirty ? "Unsaved changes" : save.isSuccess ? "Saved" : ""}
          </span>
          <Button type="submit" disabled={save.isPending || !dirty || unknown.length > 0}>
            Save notifications
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Editors and admins can change these settings.</p>
      )}
    </form>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
