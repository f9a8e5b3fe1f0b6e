"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { splitPreview } from "@/components/experiments/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

interface ArmDraft {
  versionId: string;
  weight: string;
}

/** Pick two or more published versions with weights, a name and the field that keeps a lead on its arm. */
export function StartExperimentForm({
  flowId,
  fieldNames,
  stickyField,
}: {
  flowId: string;
  /** The flow's declared lead fields, offered as sticky keys besides email. */
  fieldNames: string[];
  stickyField: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId }));
  const [name, setName] = useState("");
  const [sticky, setSticky] = useState(stickyField);
  const [arms, setArms] = useState<ArmDraft[] | null>(null);
  const start = useMutation(
    trpc.experiments.start.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
        setName("");
        setArms(null);
      },
    }),
  );

  const list = versions.data ?? [];
  if (versions.isLoading) return <p className="text-sm text-slate-500">Loading versions…</p>;
  if (list.length < 2) {
    return (
      <p className="text-sm text-slate-600">
        An A/B test needs at least two published versions. Publish a second version from the editor (it does
        not have to go live) and come back.
      </p>
    );
  }
  // Default: the live version against the newest other one, 80/20.
  const live = list.find((v) => v.liveWeight !== null) ?? list[list.length - 1];
  const challenger = list.find((v) => v.id !== live?.id);
  const current: ArmDraft[] = arms ?? [
    { versionId: live?.id ?? "", weight: "80" },
    { versionId: challenger?.id ?? "", weight: "20" },
  ];
  const weights = current.map((a) => Number(a.weight));
  const chosen = current.map((a) => a.versionId);
  const duplicate = new Set(chosen).size !== chosen.length;
  const badWeight = weights.some((w) => !Number.isInteger(w) || w < 1);
  const fields = ["email", ...fieldNames.filter((f) => f !== "email")];
  if (!fields.includes(sticky)) fields.push(sticky);

  function update(index: number, patch: Partial<ArmDraft>) {
    setArms(current.map((arm, i) => (i === index ? { ...arm, ...patch } : arm)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({
      flowId,
      name,
      stickyField: sticky,
      arms: current.map((a) => ({ versionId: a.versionId, weight: Number(a.weight) })),
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="start-experiment">
      <Field label="Experiment name" hint="What you are testing, e.g. “Score threshold 70 vs 60”.">
        <TextInput value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </Field>
      <div className="space-y-2">
        <span className="text-sm font-medium text-slate-700">Arms</span>
        {current.map((arm, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: arms are edited in place, never reordered
          <div key={i} className="flex items-center gap-2">
            <Select
              aria-label={`Arm ${i + 1} version`}
              value={arm.versionId}
              onChange={(e) => update(i, { versionId: e.target.value })}
              className="w-64"
            >
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.number}
                  {v.liveWeight !== null ? " (live)" : ""} — {v.message || "no message"}
                </option>
              ))}
            </Select>
            <TextInput
              aria-label={`Arm ${i + 1} weight`}
              type="number"
              min={1}
              step={1}
              value={arm.weight}
              onChange={(e) => update(i, { weight: e.target.value })}
              className="w-24"
            />
            {current.length > 2 ? (
              <Button variant="ghost" size="sm" onClick={() => setArms(current.filter((_, j) => j !== i))}>
                Remove
              </Button>
            ) : null}
          </div>
        ))}
        <div className="flex items-center gap-3 text-sm">
          {current.length < list.length ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() =>
                setArms([
                  ...current,
                  { versionId: list.find((v) => !chosen.includes(v.id))?.id ?? "", weight: "10" },
                ])
              }
            >
              Add arm
            </Button>
          ) : null}
          <span className="text-slate-600" data-testid="split-preview">
            Split: <strong className="tabular-nums">{splitPreview(weights)}</strong>
          </span>
        </div>
        {duplicate ? <p className="text-xs text-rose-600">Each arm needs a different version.</p> : null}
        {badWeight ? <p className="text-xs text-rose-600">Weights are whole numbers of at least 1.</p> : null}
      </div>
      <Field
        label="Keep each lead on one arm by"
        hint="Leads with the same value always meet the same version, across retries and servers. Leads without it are bucketed by their whole content."
      >
        <Select value={sticky} onChange={(e) => setSticky(e.target.value)} className="w-64">
          {fields.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorNote message={start.error?.message} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={start.isPending || duplicate || badWeight || !name.trim()}>
          {start.isPending ? "Starting…" : "Start A/B test"}
        </Button>
        <span className="text-xs text-slate-500">
          The live deployment ends and the split takes over at once.
        </span>
      </div>
    </form>
  );
}
