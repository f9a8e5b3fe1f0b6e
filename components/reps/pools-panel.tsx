"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { STRATEGY_LABELS, statusLabel, statusTone } from "@/components/reps/labels";
import { PoolForm, type PoolFormValues } from "@/components/reps/pool-form";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";

type Pool = RouterOutputs["pools"]["list"][number];

const NEW_POOL: PoolFormValues = { name: "", strategy: "round_robin", members: [] };

export function PoolsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const pools = useQuery(trpc.pools.list.queryOptions());
  const reps = useQuery(trpc.reps.list.queryOptions());
  const [editing, setEditing] = useState<Pool | "new" | null>(null);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.pools.list.queryKey() });
  const create = useMutation(trpc.pools.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.pools.update.mutationOptions({ onSuccess: invalidate }));
  const archive = useMutation(trpc.pools.archive.mutationOptions({ onSuccess: invalidate }));

  async function save(values: PoolFormValues) {
    if (editing === "new") await create.mutateAsync(values);
    else if (editing) await update.mutateAsync({ id: editing.id, ...values });
    setEditing(null);
  }

  return (
    <Card>
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Pools</h2>
          <p className="text-sm text-slate-500">Groups of reps that share leads. Flows route into pools.</p>
        </div>
        {canEdit ? (
          <Button
            onClick={() => {
              create.reset();
              setEditing("new");
            }}
          >
            New pool
          </Button>
        ) : null}
      </div>
      <div className="grid gap-4 p-5 md:grid-cols-2 xl:grid-cols-3">
        {pools.isLoading ? <p className="text-sm text-slate-500">Loading pools…</p> : null}
        {pools.data?.length === 0 ? (
          <div className="md:col-span-2 xl:col-span-3">
            <EmptyState title="No pools yet">
              Create a pool, pick its reps and how they take turns.
            </EmptyState>
          </div>
        ) : null}
        {pools.data?.map((pool) => {
          const totalWeight = pool.members.reduce((sum, m) => sum + m.weight, 0);
          return (
            <article key={pool.id} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="pool-card">
              <div className="flex items-start justify-between gap-2">
                <div>
                  <h3 className="font-semibold text-slate-900">{pool.name}</h3>
                  <p className="text-xs text-slate-500">
                    {STRATEGY_LABELS[pool.strategy]} · {pool.members.length} members
                  </p>
                </div>
                {canEdit ? (
                  <div className="flex gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => {
                        update.reset();
                        setEditing(pool);
                      }}
                    >
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => archive.mutate({ id: pool.id })}>
                      Archive
                    </Button>
                  </div>
                ) : null}
              </div>
              <ul className="mt-3 space-y-1.5">
                {pool.members.map((member) => (
                  <li key={member.repId} className="flex items-center justify-between gap-2 text-sm">
                    <span className="truncate text-slate-700">{member.name}</span>
                    <span className="flex items-center gap-2">
                      {member.status !== "active" ? (
                        <Badge tone={statusTone(member.status)}>
                          {statusLabel(member.status, member.awayUntil)}
                        </Badge>
                      ) : null}
                      {pool.strategy === "weighted_round_robin" && totalWeight > 0 ? (
                        <span className="w-10 text-right text-xs tabular-nums text-slate-500">
                          {Math.round((member.weight / totalWeight) * 100)}%
                        </span>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </article>
          );
        })}
      </div>
      <ErrorNote message={archive.error?.message} />
      <Dialog
        open={editing !== null}
        title={editing === "new" ? "New pool" : "Edit pool"}
        onClose={() => setEditing(null)}
      >
        <PoolForm
          initial={
            editing && editing !== "new"
              ? {
                  name: editing.name,
                  strategy: editing.strategy,
                  members: editing.members.map(({ repId, weight }) => ({ repId, weight })),
                }
              : NEW_POOL
          }
          reps={reps.data ?? []}
          submitLabel={editing === "new" ? "Create pool" : "Save changes"}
          onSubmit={(values) => void save(values).catch(() => undefined)}
          error={(editing === "new" ? create.error : update.error)?.message ?? null}
          pending={create.isPending || update.isPending}
        />
      </Dialog>
    </Card>
  );
}
