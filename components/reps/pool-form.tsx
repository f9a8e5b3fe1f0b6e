"use client";

import { type FormEvent, useState } from "react";
import { STRATEGY_HINTS, STRATEGY_LABELS } from "@/components/reps/labels";
import type { RouterOutputs } from "@/components/trpc/types";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

type Strategy = keyof typeof STRATEGY_LABELS;
type Rep = RouterOutputs["reps"]["list"][number];

export interface PoolFormValues {
  name: string;
  strategy: Strategy;
  members: { repId: string; weight: number }[];
}

export function PoolForm({
  initial,
  reps,
  submitLabel,
  onSubmit,
  error,
  pending,
}: {
  initial: PoolFormValues;
  reps: Rep[];
  submitLabel: string;
  onSubmit: (values: PoolFormValues) => void;
  error: string | null;
  pending: boolean;
}) {
  const [values, setValues] = useState(initial);
  const weightOf = new Map(values.members.map((m) => [m.repId, m.weight]));

  function toggle(rep: Rep, checked: boolean) {
    setValues((v) => ({
      ...v,
      members: checked
        ? [...v.members, { repId: rep.id, weight: rep.weight }]
        : v.members.filter((m) => m.repId !== rep.id),
    }));
  }

  function setWeight(repId: string, weight: number) {
    setValues((v) => ({ ...v, members: v.members.map((m) => (m.repId === repId ? { ...m, weight } : m)) }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <Field label="Pool name">
        <TextInput
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          required
        />
      </Field>
      <Field label="Strategy" hint={STRATEGY_HINTS[values.strategy]}>
        <Select
          value={values.strategy}
          onChange={(e) => setValues((v) => ({ ...v, strategy: e.target.value as Strategy }))}
        >
          {Object.entries(STRATEGY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">
          Members <span className="font-normal text-slate-500">({values.members.length} selected)</span>
        </legend>
        <div className="mt-2 max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
          {reps
            .filter((rep) => rep.status !== "inactive" || weightOf.has(rep.id))
            .map((rep) => (
              <div key={rep.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <label className="flex flex-1 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={weightOf.has(rep.id)}
                    onChange={(e) => toggle(rep, e.target.checked)}
                    className="h-4 w-4 rounded border-slate-300 text-brand-600"
                  />
                  <span className="font-medium text-slate-800">{rep.name}</span>
                  <span className="text-xs text-slate-500">{rep.territories.join(", ")}</span>
                </label>
                {weightOf.has(rep.id) ? (
                  <label className="flex items-center gap-1 text-xs text-slate-500">
                    weight
                    <input
                      type="number"
                      aria-label={`Weight for ${rep.name}`}
                      min={1}
                      max={100}
                      value={weightOf.get(rep.id)}
                      onChange={(e) => setWeight(rep.id, Number(e.target.value))}
                      className="w-16 rounded border-0 px-2 py-1 text-sm ring-1 ring-slate-300"
                    />
                  </label>
                ) : null}
              </div>
            ))}
        </div>
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
