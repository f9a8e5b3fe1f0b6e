"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";
import type { WebhookEventType } from "@/server/services/webhooks/events";
import { ConfirmDialog } from "./confirm-dialog";
import { deliveryFiltersToSearch, NO_FILTERS } from "./delivery-filters";
import { EMPTY_ENDPOINT, EndpointForm, type EndpointFormValues } from "./endpoint-form";
import { SecretDialog } from "./secret-reveal";

type Endpoint = RouterOutputs["webhooks"]["listEndpoints"][number];

/** The workspace's webhook endpoints: add, edit, pause, rotate the secret, delete, send a test. */
export function EndpointsCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.listEndpoints.queryOptions());
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.webhooks.listEndpoints.queryKey() });
  const create = useMutation(trpc.webhooks.createEndpoint.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.webhooks.updateEndpoint.mutationOptions({ onSuccess: invalidate }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const remove = useMutation(trpc.webhooks.deleteEndpoint.mutationOptions({ onSuccess: invalidate }));
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: invalidate }));

  const [editing, setEditing] = useState<Endpoint | "new" | null>(null);
  const [rotating, setRotating] = useState<Endpoint | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [secret, setSecret] = useState<{ value: string; title: string } | null>(null);
  const [testSent, setTestSent] = useState<{ endpointId: string; deliveryId: string } | null>(null);

  async function save(values: EndpointFormValues) {
    const description = values.description || undefined;
    if (editing === "new") {
      const created = await create.mutateAsync({ url: values.url, description, events: values.events });
      setEditing(null);
      setSecret({ value: created.secret, title: "Endpoint added: your signing secret" });
    } else if (editing) {
      await update.mutateAsync({
        id: editing.id,
        url: values.url,
        description: values.description,
        events: values.events,
      });
      setEditing(null);
    }
  }

  async function confirmRotate() {
    if (!rotating) return;
    const rotated = await rotate.mutateAsync({ id: rotating.id });
    setRotating(null);
    setSecret({ value: rotated.secret, title: "New signing secret" });
  }

  async function confirmDelete() {
    if (!deleting) return;
    await remove.mutateAsync({ id: deleting.id });
    setDeleting(null);
  }

  const all = endpoints.data ?? [];
  const saveError = (editing === "new" ? create.error : update.error)?.message ?? null;

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Endpoints</h2>
          <p className="text-sm text-slate-500">
            Switchyard POSTs signed JSON to each enabled endpoint for the events it picks, and retries with
            backoff until it answers 2xx.
          </p>
        </div>
        <Button
          onClick={() => {
            create.reset();
            setEditing("new");
          }}
        >
          Add endpoint
        </Button>
      </div>
      {endpoints.isLoading ? (
        <p className="px-5 py-8 text-sm text-slate-500">Loading endpoints…</p>
      ) : all.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No endpoints yet">
            Add the URL of your CRM, data warehouse or automation tool to receive routed leads as they happen.
          </EmptyState>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100">
          {all.map((endpoint) => (
            <li
              key={endpoint.id}
              className="flex flex-wrap items-start justify-between gap-4 px-5 py-4"
              data-testid="webhook-endpoint"
            >
              <div className="min-w-0 flex-1 space-y-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="break-all text-sm font-medium text-slate-900">{endpoint.url}</code>
                  {endpoint.enabled ? <Badge tone="green">enabled</Badge> : <Badge>paused</Badge>}
                </div>
                {endpoint.description ? (
                  <p className="text-sm text-slate-600">{endpoint.description}</p>
                ) : null}
                <div className="flex flex-wrap gap-1">
                  {endpoint.events.map((type) => (
                    <Badge key={type} tone="blue">
                      {type}
                    </Badge>
                  ))}
                </div>
                <p className="text-xs text-slate-500" data-testid="endpoint-stats">
                  Last 24 h: <span className="text-emerald-700">{endpoint.stats.delivered24h} delivered</span>
                  {" · "}
                  <span className={endpoint.stats.failed24h > 0 ? "text-rose-700" : undefined}>
                    {endpoint.stats.failed24h} failed
                  </span>
                  {" · "}
                  <span className={endpoint.stats.pending > 0 ? "text-amber-700" : undefined}>
                    {endpoint.stats.pending} pending
                  </span>
                  {" · "}
                  <Link
                    className="text-brand-700 hover:underline"
                    href={`/settings/webhooks/deliveries${deliveryFiltersToSearch({ ...NO_FILTERS, endpointId: endpoint.id })}`}
                  >
                    View deliveries
                  </Link>
                </p>
                {testSent?.endpointId === endpoint.id ? (
                  <p className="text-xs text-emerald-700" role="status">
                    Test event queued.{" "}
                    <Link
                      className="underline"
                      href={`/settings/webhooks/deliveries?delivery=${testSent.deliveryId}`}
                    >
                      Follow it in the log
                    </Link>
                  </p>
                ) : null}
              </div>
              <div className="flex flex-wrap items-center gap-1.5">
                <label className="mr-2 flex items-center gap-1.5 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={endpoint.enabled}
                    aria-checked={endpoint.enabled}
                    disabled={update.isPending}
                    aria-label={`Enabled: ${endpoint.url}`}
                    onChange={(e) => update.mutate({ id: endpoint.id, enabled: e.target.checked })}
                  />
                  Enabled
                </label>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={sendTest.isPending || !endpoint.enabled}
                  onClick={() =>
                    sendTest.mutate(
                      { id: endpoint.id },
                      {
                        onSuccess: (sent) =>
                          setTestSent({ endpointId: endpoint.id, deliveryId: sent.deliveryId }),
                      },
                    )
                  }
                >
                  Send test
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => {
                    update.reset();
                    setEditing(endpoint);
                  }}
                >
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => {
                    rotate.reset();
                    setRotating(endpoint);
                  }}
                >
                  Rotate secret
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => {
                    remove.reset();
                    setDeleting(endpoint);
                  }}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="px-5 pb-4 empty:hidden">
        <ErrorNote
          message={
            editing === null && !rotating && !deleting
              ? (update.error?.message ?? sendTest.error?.message)
              : undefined
          }
        />
      </div>
      <Dialog
        open={editing !== null}
        title={editing === "new" ? "Add endpoint" : "Edit endpoint"}
        onClose={() => setEditing(null)}
      >
        <EndpointForm
          initial={editing && editing !== "new" ? toFormValues(editing) : EMPTY_ENDPOINT}
          submitLabel={editing === "new" ? "Add endpoint" : "Save changes"}
          onSubmit={(values) => void save(values).catch(() => undefined)}
          error={saveError}
          pending={create.isPending || update.isPending}
        />
      </Dialog>
      <ConfirmDialog
        open={rotating !== null}
        title="Rotate signing secret?"
        confirmLabel="Rotate secret"
        onConfirm={() => void confirmRotate().catch(() => undefined)}
        onClose={() => setRotating(null)}
        pending={rotate.isPending}
        error={rotate.error?.message ?? null}
      >
        Deliveries to <code>{rotating?.url}</code> are signed with a new secret from now on; the old one stops
        working. Update your receiver right after. The new secret is shown once.
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete endpoint?"
        confirmLabel="Delete endpoint"
        onConfirm={() => void confirmDelete().catch(() => undefined)}
        onClose={() => setDeleting(null)}
        pending={remove.isPending}
        error={remove.error?.message ?? null}
      >
        <code>{deleting?.url}</code> stops receiving events. Past deliveries stay in the log.
      </ConfirmDialog>
      <SecretDialog
        secret={secret?.value ?? null}
        title={secret?.title ?? ""}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}

function toFormValues(endpoint: Endpoint): EndpointFormValues {
  return {
    url: endpoint.url,
    description: endpoint.description ?? "",
    events: endpoint.events as WebhookEventType[],
  };
}
