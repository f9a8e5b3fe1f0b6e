"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { relativeTime } from "@/components/settings/relative-time";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { Card, ErrorNote } from "@/components/ui/page-header";
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  MAX_RATE_LIMIT_PER_MINUTE,
} from "@/server/schemas";

export function ApiKeysCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: invalidate }));
  const setLimit = useMutation(trpc.apiKeys.setRateLimit.mutationOptions({ onSuccess: invalidate }));
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["route"]);
  const [editing, setEditing] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    await create.mutateAsync({
      name: String(data.get("name") ?? ""),
      scopes,
      rateLimitPerMinute: Number(data.get("rateLimitPerMinute") ?? DEFAULT_RATE_LIMIT_PER_MINUTE),
    });
    form.reset();
  }

  async function saveLimit(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget).get("rateLimitPerMinute"));
    await setLimit.mutateAsync({ id, rateLimitPerMinute: value });
    setEditing(null);
  }

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">API keys</h2>
          <p className="text-sm text-slate-500">
            For integrations that send leads to Switchyard or read them. A key is shown once; we keep only its
            hash. Each key has its own rate limit.
          </p>
        </div>
        <Link
          href="/docs/api"
          className="text-sm font-medium text-brand-700 hover:underline"
          data-testid="api-docs-link"
        >
          API reference →
        </Link>
      </div>
      <form
        onSubmit={(e) => void submit(e).catch(() => undefined)}
        className="flex flex-wrap items-end gap-3 px-5 py-4"
      >
        <div className="w-64">
          <Field label="Key name">
            <TextInput name="name" placeholder="e.g. Website form" required />
          </Field>
        </div>
        <div className="w-40">
          <Field label="Requests / minute">
            <TextInput
              name="rateLimitPerMinute"
              type="number"
              min={1}
              max={MAX_RATE_LIMIT_PER_MINUTE}
              step={1}
              defaultValue={DEFAULT_RATE_LIMIT_PER_MINUTE}
              required
              data-testid="new-key-rate-limit"
            />
          </Field>
        </div>
        <fieldset className="flex gap-3 pb-2">
          <legend className="sr-only">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-1.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))
                }
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <Button type="submit" disabled={create.isPending}>
          Create key
        </Button>
      </form>
      {create.data ? (
        <div className="mx-5 mb-4 rounded-md bg-emerald-50 p-3 ring-1 ring-emerald-200">
          <p className="text-sm font-medium text-emerald-800">
            Copy this key now; it will not be shown again.
          </p>
          <code className="mt-1 block break-all text-sm text-emerald-900" data-testid="new-api-key">
            {create.data.key}
          </code>
        </div>
      ) : null}
      <div className="px-5">
        <ErrorNote message={create.error?.message ?? revoke.error?.message ?? setLimit.error?.message} />
      </div>
      <ul className="divide-y divide-slate-100 border-t border-slate-200">
        {keys.data?.length === 0 ? (
          <li className="px-5 py-4 text-sm text-slate-500">No API keys yet.</li>
        ) : null}
        {keys.data?.map((key) => (
          <li
            key={key.id}
            className="flex flex-wrap items-center justify-between gap-3 px-5 py-3"
            data-testid="api-key-row"
          >
            <div>
              <div className="text-sm font-medium text-slate-900">
                {key.name} <code className="ml-1 text-xs text-slate-500">{key.prefix}…</code>
              </div>
              <div className="text-xs text-slate-500">
                Created {key.createdAt.toLocaleDateString()} ·{" "}
                <span title={key.lastUsedAt?.toLocaleString()}>
                  {key.lastUsedAt ? `last used ${relativeTime(key.lastUsedAt)}` : "never used"}
                </span>
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {editing === key.id ? (
                <form
                  className="flex items-center gap-1.5"
                  onSubmit={(e) => void saveLimit(e, key.id).catch(() => undefined)}
                >
                  <TextInput
                    name="rateLimitPerMinute"
                    aria-label="Requests per minute"
                    type="number"
                    min={1}
                    max={MAX_RATE_LIMIT_PER_MINUTE}
                    step={1}
                    defaultValue={key.rateLimitPerMinute}
                    className="w-24 py-1"
                    autoFocus
                  />
                  <span className="text-xs text-slate-500">/ min</span>
                  <Button size="sm" type="submit" disabled={setLimit.isPending}>
                    Save
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                    Cancel
                  </Button>
                </form>
              ) : (
                <button
                  type="button"
                  className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 disabled:hover:bg-transparent"
                  title={key.revokedAt ? undefined : "Change the rate limit"}
                  disabled={key.revokedAt !== null}
                  onClick={() => setEditing(key.id)}
                  data-testid="edit-rate-limit"
                >
                  {key.rateLimitPerMinute.toLocaleString("en")} req/min{key.revokedAt ? "" : " ✎"}
                </button>
              )}
              {key.scopes.map((scope) => (
                <Badge key={scope} tone="blue">
                  {scope}
                </Badge>
              ))}
              {key.revokedAt ? (
                <Badge tone="rose">revoked</Badge>
              ) : (
                <Button size="sm" variant="danger" onClick={() => revoke.mutate({ id: key.id })}>
                  Revoke
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
