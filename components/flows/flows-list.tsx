"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";
import type { FlowTemplateId } from "@/server/schemas";

export function FlowsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [template, setTemplate] = useState<FlowTemplateId>("blank");
  const templates = useQuery({ ...trpc.flows.templates.queryOptions(), enabled: creating });
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: (flow) => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${flow.id}`);
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
      template,
    });
  }

  return (
    <Card>
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Routing flows</h2>
          <p className="text-sm text-slate-500">
            Each flow has a draft and numbered, immutable published versions.
          </p>
        </div>
        {canEdit ? (
          <Button
            onClick={() => {
              create.reset();
              setTemplate("blank");
              setCreating(true);
            }}
          >
            New flow
          </Button>
        ) : null}
      </div>
      {flows.data?.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No flows yet">Create a flow to start routing leads.</EmptyState>
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-5 py-2.5 font-medium">Flow</th>
              <th className="px-3 py-2.5 font-medium">Live version</th>
              <th className="px-3 py-2.5 font-medium">Last published</th>
              <th className="px-5 py-2.5 text-right font-medium">Leads today</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {flows.data?.map((flow) => (
              <tr key={flow.id}>
                <td className="px-5 py-3">
                  <Link href={`/flows/${flow.id}`} className="font-medium text-brand-700 hover:underline">
                    {flow.name}
                  </Link>
                  {flow.description ? (
                    <div className="max-w-xl text-xs text-slate-500">{flow.description}</div>
                  ) : null}
                </td>
                <td className="px-3 py-3">
                  {flow.liveVersions.length === 0 ? (
                    <Badge tone="slate">not live</Badge>
                  ) : (
                    flow.liveVersions.map((v) => (
                      <Badge key={v.versionId} tone="green">
                        v{v.number}
                        {flow.liveVersions.length > 1 ? ` · ${v.weight}%` : ""}
                      </Badge>
                    ))
                  )}
                </td>
                <td className="px-3 py-3 text-slate-600">
                  {flow.lastPublishedAt
                    ? `${flow.lastPublishedAt.toLocaleString()} (v${flow.latestVersion})`
                    : "never"}
                </td>
                <td className="px-5 py-3 text-right tabular-nums">{flow.leadsToday}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={creating} title="New flow" onClose={() => setCreating(false)}>
        <form onSubmit={submit} className="space-y-4">
          <Field label="Name">
            <TextInput name="name" placeholder="e.g. Inbound demo requests" required />
          </Field>
          <Field label="Description" hint="Optional: what this flow is for.">
            <TextInput name="description" />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Start from</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {(templates.data ?? []).map((t) => (
                <label
                  key={t.id}
                  className={`flex cursor-pointer flex-col gap-1 rounded-lg p-3 ring-1 transition-colors ${
                    template === t.id
                      ? "bg-brand-50 ring-2 ring-brand-500"
                      : "bg-white ring-slate-200 hover:bg-slate-50"
                  }`}
                >
                  <span className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="template"
                      value={t.id}
                      checked={template === t.id}
                      onChange={() => setTemplate(t.id)}
                      className="accent-brand-600"
                    />
                    <span className="text-sm font-semibold text-slate-900">{t.name}</span>
                  </span>
                  <span className="text-xs text-slate-600">{t.description}</span>
                  <span className="text-xs text-slate-500 italic">{t.note}</span>
                </label>
              ))}
            </div>
            {templates.isPending ? <p className="text-xs text-slate-500">Loading templates…</p> : null}
            <p className="text-xs text-slate-500">Every template is valid from the first minute.</p>
          </fieldset>
          <ErrorNote message={create.error?.message} />
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending}>
              Create flow
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
