"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { statusLabel, statusTone } from "@/components/reps/labels";
import { notifyUrlInput } from "@/components/reps/notify-url";
import { EMPTY_REP, RepForm, type RepFormValues } from "@/components/reps/rep-form";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";

type Rep = RouterOutputs["reps"]["list"][number];

export function RepsTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const reps = useQuery(trpc.reps.list.queryOptions());
  const [editing, setEditing] = useState<Rep | "new" | null>(null);
  const [awayFor, setAwayFor] = useState<Rep | null>(null);
  const [filter, setFilter] = useState("");

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reps.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.pools.list.queryKey() }),
    ]);
  const create = useMutation(trpc.reps.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.reps.update.mutationOptions({ onSuccess: invalidate }));
  const setStatus = useMutation(trpc.reps.setStatus.mutationOptions({ onSuccess: invalidate }));

  const all = reps.data ?? [];
  const suggestions = useMemo(
    () => ({
      territories: [...new Set(all.flatMap((r) => r.territories))].sort(),
      skills: [...new Set(all.flatMap((r) => r.skills))].sort(),
    }),
    [all],
  );
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? all.filter((r) =>
        [r.name, r.email, ...r.territories, ...r.skills].some((v) => v.toLowerCase().includes(needle)),
      )
    : all;

  async function save(values: RepFormValues) {
    const input = { ...values, notifyUrl: notifyUrlInput(values.notifyUrl) };
    if (editing === "new") await create.mutateAsync(input);
    else if (editing) await update.mutateAsync({ id: editing.id, ...input });
    setEditing(null);
  }

  const saveError = (editing === "new" ? create.error : update.error)?.message ?? null;

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Reps</h2>
          <p className="text-sm text-slate-500">
            {all.length} reps · {all.filter((r) => r.status === "active").length} taking leads now
          </p>
        </div>
        <div className="flex items-center gap-2">
          <TextInput
            aria-label="Filter reps"
            placeholder="Filter by name, territory, skill…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="w-64"
          />
          {canEdit ? (
            <Button
              onClick={() => {
                create.reset();
                setEditing("new");
              }}
            >
              Add rep
            </Button>
          ) : null}
        </div>
      </div>
      {reps.isLoading ? (
        <p className="px-5 py-8 text-sm text-slate-500">Loading reps…</p>
      ) : visible.length === 0 ? (
        <div className="p-5">
          <EmptyState title={all.length === 0 ? "No reps yet" : "No rep matches this filter"}>
            {all.length === 0 ? "Add the people who receive leads, with their territories and skills." : null}
          </EmptyState>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-5 py-2.5 font-medium">Rep</th>
                <th className="px-3 py-2.5 font-medium">Territories</th>
                <th className="px-3 py-2.5 font-medium">Skills</th>
                <th className="px-3 py-2.5 text-right font-medium">Weight</th>
                <th className="px-3 py-2.5 text-right font-medium">Open / capacity</th>
                <th className="px-3 py-2.5 font-medium">Status</th>
                {canEdit ? <th className="px-5 py-2.5" /> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {visible.map((rep) => (
                <tr key={rep.id} className={rep.status === "inactive" ? "opacity-60" : undefined}>
                  <td className="px-5 py-3">
                    <div className="font-medium text-slate-900">{rep.name}</div>
                    <div className="text-xs text-slate-500">
                      {rep.email} · {rep.timezone}
                    </div>
                  </td>
                  <td className="px-3 py-3">
                    <div className="flex flex-wrap gap-1">
                      {rep.territories.map((t) => (
                        <Badge key={t} tone="blue">
                          {t}
                        </Badge>
                      ))}
                    </div>
                  </td>
                  <td className="px-3 py-3">
                    <div className="flex flex-wrap gap-1">
                      {rep.skills.map((s) => (
                        <Badge key={s}>{s}</Badge>
                      ))}
                    </div>
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">{rep.weight}</td>
                  <td className="px-3 py-3 text-right tabular-nums">
                    {rep.openLeads} / {rep.capacity ?? "∞"}
                  </td>
                  <td className="px-3 py-3">
                    <Badge tone={statusTone(rep.status)}>{statusLabel(rep.status, rep.awayUntil)}</Badge>
                  </td>
                  {canEdit ? (
                    <td className="whitespace-nowrap px-5 py-3 text-right">
                      <div className="flex justify-end gap-1.5">
                        <Button
                          size="sm"
                          variant="secondary"
                          onClick={() => {
                            update.reset();
                            setEditing(rep);
                          }}
                        >
                          Edit
                        </Button>
                        {rep.status === "active" ? (
                          <Button size="sm" variant="secondary" onClick={() => setAwayFor(rep)}>
                            Mark away
                          </Button>
                        ) : (
                          <Button
                            size="sm"
                            variant="secondary"
                            onClick={() => setStatus.mutate({ id: rep.id, status: "active" })}
                          >
                            {rep.status === "away" ? "Back" : "Reactivate"}
                          </Button>
                        )}
                        {rep.status !== "inactive" ? (
                          <Button
                            size="sm"
                            variant="danger"
                            onClick={() => setStatus.mutate({ id: rep.id, status: "inactive" })}
                          >
                            Deactivate
                          </Button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNote message={setStatus.error?.message} />
      <Dialog
        open={editing !== null}
        title={editing === "new" ? "Add rep" : "Edit rep"}
        onClose={() => setEditing(null)}
      >
        <RepForm
          initial={editing && editing !== "new" ? toFormValues(editing) : EMPTY_REP}
          territorySuggestions={suggestions.territories}
          skillSuggestions={suggestions.skills}
          submitLabel={editing === "new" ? "Add rep" : "Save changes"}
          onSubmit={(values) => void save(values).catch(() => undefined)}
          error={saveError}
          pending={create.isPending || update.isPending}
        />
      </Dialog>
      <AwayDialog
        rep={awayFor}
        onClose={() => setAwayFor(null)}
        onConfirm={async (until) => {
          if (!awayFor) return;
          await setStatus.mutateAsync({ id: awayFor.id, status: "away", awayUntil: until });
          setAwayFor(null);
        }}
        error={setStatus.error?.message ?? null}
      />
    </Card>
  );
}

function toFormValues(rep: Rep): RepFormValues {
  const { name, email, territories, skills, weight, capacity, timezone } = rep;
  return { name, email, territories, skills, weight, capacity, timezone, notifyUrl: rep.notifyUrl ?? "" };
}

function AwayDialog({
  rep,
  onClose,
  onConfirm,
  error,
}: {
  rep: Rep | null;
  onClose: () => void;
  onConfirm: (until: Date | null) => Promise<void>;
  error: string | null;
}) {
  const [until, setUntil] = useState("");
  return (
    <Dialog open={rep !== null} title={`Mark ${rep?.name ?? "rep"} away`} onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void onConfirm(until ? new Date(`${until}T00:00:00`) : null).catch(() => undefined);
        }}
      >
        <p className="text-sm text-slate-600">
          Away reps are skipped by every pool. They come back automatically on the date you set.
        </p>
        <Field label="Back on" hint="Leave empty to keep them away until you mark them back.">
          <TextInput type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
        <ErrorNote message={error} />
        <div className="flex justify-end">
          <Button type="submit">Mark away</Button>
        </div>
      </form>
    </Dialog>
  );
}
