"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/page-header";
import { canRetry, deliveryStatusTone, prettyJson, relativeTime } from "./format";

/** One delivery: where it went, its state, the event payload and every attempt, with a manual retry. */
export function DeliveryDetail({
  deliveryId,
  repName,
}: {
  deliveryId: string;
  repName: (id: string) => string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery({
    ...trpc.webhooks.getDelivery.queryOptions({ id: deliveryId }),
    // Follow a delivery that is still on its way; stop once it has settled.
    refetchInterval: (query) => (query.state.data?.delivery.status === "pending" ? 2000 : false),
  });
  const retry = useMutation(
    trpc.webhooks.retryDelivery.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.webhooks.getDelivery.queryKey({ id: deliveryId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.webhooks.listDeliveries.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.webhooks.listEndpoints.queryKey() }),
        ]),
    }),
  );

  if (detail.isLoading) return <p className="text-sm text-slate-500">Loading delivery…</p>;
  if (!detail.data) return <ErrorNote message={detail.error?.message ?? "Delivery not found"} />;
  const { delivery, event, attempts } = detail.data;
  const now = new Date();

  return (
    <div className="space-y-5 text-sm" data-testid="delivery-detail">
      <div className="flex flex-wrap items-center gap-2">
        <code className="text-sm font-semibold text-slate-900">{event.type}</code>
        <Badge tone={delivery.kind === "webhook" ? "blue" : "violet"}>{delivery.kind}</Badge>
        <span data-testid="delivery-status">
          <Badge tone={deliveryStatusTone(delivery.status)}>{delivery.status}</Badge>
        </span>
        {canRetry(delivery.status) ? (
          <Button
            size="sm"
            className="ml-auto"
            disabled={retry.isPending}
            onClick={() => retry.mutate({ id: delivery.id })}
          >
            {retry.isPending ? "Retrying…" : "Retry now"}
          </Button>
        ) : null}
      </div>
      <ErrorNote message={retry.error?.message} />
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5">
        <dt className="text-slate-500">Target</dt>
        <dd className="break-all">
          {delivery.kind === "notification" && delivery.repId ? `${repName(delivery.repId)} · ` : ""}
          <code>{delivery.url}</code>
        </dd>
        <dt className="text-slate-500">Event id</dt>
        <dd>
          <code className="text-xs">{delivery.eventId}</code>
        </dd>
        <dt className="text-slate-500">Created</dt>
        <dd>{delivery.createdAt.toLocaleString()}</dd>
        <dt className="text-slate-500">Attempts</dt>
        <dd>
          {delivery.attempts}
          {attempts.length > delivery.attempts ? (
            <span className="text-slate-500"> since the manual retry ({attempts.length} in all)</span>
          ) : null}
        </dd>
        {delivery.deliveredAt ? (
          <>
            <dt className="text-slate-500">Delivered</dt>
            <dd>{delivery.deliveredAt.toLocaleString()}</dd>
          </>
        ) : null}
        {delivery.status === "pending" && delivery.nextAttemptAt ? (
          <>
            <dt className="text-slate-500">Next attempt</dt>
            <dd>
              {relativeTime(delivery.nextAttemptAt, now)}{" "}
              <span className="text-slate-400">({delivery.nextAttemptAt.toLocaleString()})</span>
            </dd>
          </>
        ) : null}
        {delivery.lastError ? (
          <>
            <dt className="text-slate-500">Last error</dt>
            <dd className="text-rose-700">{delivery.lastError}</dd>
          </>
        ) : null}
      </dl>

      <section className="space-y-2">
        <h3 className="font-semibold text-slate-900">Attempts</h3>
        {attempts.length === 0 ? (
          <p className="text-slate-500">No attempt yet: the first one is queued.</p>
        ) : (
          <table className="w-full text-left" data-testid="delivery-attempts">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-2 py-2 font-medium">#</th>
                <th className="px-2 py-2 font-medium">Sent</th>
                <th className="px-2 py-2 font-medium">Status</th>
                <th className="px-2 py-2 text-right font-medium">Latency</th>
                <th className="px-2 py-2 font-medium">Response</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {attempts.map((attempt) => (
                <tr key={attempt.attempt}>
                  <td className="px-2 py-2 tabular-nums">{attempt.attempt}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-slate-500">
                    {attempt.startedAt.toLocaleTimeString()}
                  </td>
                  <td className="px-2 py-2">
                    {attempt.statusCode === null ? (
                      <Badge tone="rose">no answer</Badge>
                    ) : (
                      <Badge tone={attempt.statusCode < 300 ? "green" : "rose"}>{attempt.statusCode}</Badge>
                    )}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums text-slate-600">
                    {attempt.latencyMs === null ? "—" : `${attempt.latencyMs} ms`}
                  </td>
                  <td className="max-w-xs px-2 py-2">
                    {attempt.error ? <p className="text-rose-700">{attempt.error}</p> : null}
                    {attempt.responseSnippet ? (
                      <code className="block whitespace-pre-wrap break-all text-xs text-slate-600">
                        {attempt.responseSnippet}
                      </code>
                    ) : attempt.error ? null : (
                      <span className="text-slate-400">empty body</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="space-y-2">
        <h3 className="font-semibold text-slate-900">Payload</h3>
        <p className="text-xs text-slate-500">
          Event created {event.createdAt.toLocaleString()}. The body sent is{" "}
          <code>{"{ type, timestamp, data }"}</code> with this data.
        </p>
        <pre
          className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
          data-testid="delivery-payload"
        >
          {prettyJson(event.payload)}
        </pre>
      </section>
    </div>
  );
}
