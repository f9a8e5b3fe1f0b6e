"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { Card, EmptyState, ErrorNote } from "@/components/ui/page-header";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/server/services/webhooks/events";
import { DeliveryDetail } from "./delivery-detail";
import {
  type DeliveryFilters,
  deliveryFiltersToSearch,
  deliveryListInput,
  hasFilters,
  NO_FILTERS,
  parseDeliveryFilters,
} from "./delivery-filters";
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  deliveryStatusTone,
  needsPolling,
  pollInterval,
  relativeTime,
  shortTarget,
} from "./format";

/** Every webhook and notification delivery, newest first, with filters kept in the URL. */
export function DeliveriesLog() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = parseDeliveryFilters(new URLSearchParams(params.toString()));
  const selected = params.get("delivery");

  const endpoints = useQuery(trpc.webhooks.listEndpoints.queryOptions());
  const reps = useQuery(trpc.reps.list.queryOptions());
  const deliveries = useInfiniteQuery({
    ...trpc.webhooks.listDeliveries.infiniteQueryOptions(deliveryListInput(filters), {
      getNextPageParam: (page) => page.nextCursor,
    }),
    refetchInterval: (query) => pollInterval(query.state.data?.pages.flatMap((p) => p.items) ?? []),
  });
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  const polling = needsPolling(items);

  const repNames = useMemo(() => new Map((reps.data ?? []).map((r) => [r.id, r.name])), [reps.data]);
  const repName = (id: string) => repNames.get(id) ?? "a rep";

  function navigate(next: DeliveryFilters, delivery: string | null) {
    const search = new URLSearchParams(deliveryFiltersToSearch(next));
    if (delivery) search.set("delivery", delivery);
    const text = search.toString();
    router.replace(`${pathname}${text ? `?${text}` : ""}`, { scroll: false });
  }
  const setFilter = (change: Partial<DeliveryFilters>) => navigate({ ...filters, ...change }, null);
  const now = new Date();

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-4">
        <Select
          aria-label="Endpoint"
          className="w-72"
          value={filters.endpointId}
          onChange={(e) => setFilter({ endpointId: e.target.value })}
        >
          <option value="">All targets</option>
          {endpoints.data?.map((endpoint) => (
            <option key={endpoint.id} value={endpoint.id}>
              {shortTarget(endpoint.url, 40)}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Status"
          className="w-40"
          value={filters.status}
          onChange={(e) => setFilter({ status: e.target.value as DeliveryStatus | "" })}
        >
          <option value="">Any status</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Event type"
          className="w-48"
          value={filters.eventType}
          onChange={(e) => setFilter({ eventType: e.target.value as WebhookEventType | "" })}
        >
          <option value="">All events</option>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
        {hasFilters(filters) ? (
          <Button variant="ghost" size="sm" onClick={() => navigate(NO_FILTERS, null)}>
            Clear filters
          </Button>
        ) : null}
        <span className="ml-auto text-xs text-slate-500" data-testid="log-refresh">
          {polling ? "Deliveries pending: refreshing every few seconds" : "Refreshing every 10 s"}
        </span>
        <Button variant="secondary" size="sm" onClick={() => void deliveries.refetch()}>
          Refresh
        </Button>
      </div>
      <ErrorNote message={deliveries.error?.message} />
      {deliveries.isLoading ? (
        <p className="px-5 py-8 text-sm text-slate-500">Loading deliveries…</p>
      ) : items.length === 0 ? (
        <div className="p-5">
          <EmptyState title={hasFilters(filters) ? "No delivery matches these filters" : "No deliveries yet"}>
            Deliveries appear here as soon as an event is sent to an endpoint or a rep notification goes out.
          </EmptyState>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deliveries-table">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-5 py-2.5 font-medium">Created</th>
                <th className="px-3 py-2.5 font-medium">Event</th>
                <th className="px-3 py-2.5 font-medium">Target</th>
                <th className="px-3 py-2.5 font-medium">Status</th>
                <th className="px-3 py-2.5 text-right font-medium">Attempts</th>
                <th className="px-3 py-2.5 text-right font-medium">Last code</th>
                <th className="px-5 py-2.5 font-medium">Next attempt</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr
                  key={item.id}
                  className="cursor-pointer hover:bg-slate-50"
                  onClick={() => navigate(filters, item.id)}
                  data-testid="delivery-row"
                  data-event-id={item.eventId}
                >
                  <td className="whitespace-nowrap px-5 py-2.5 text-slate-500">
                    {item.createdAt.toLocaleString()}
                  </td>
                  <td className="px-3 py-2.5">
                    <button
                      type="button"
                      className="font-mono text-xs font-semibold text-slate-900 hover:underline"
                      onClick={(e) => {
                        e.stopPropagation();
                        navigate(filters, item.id);
                      }}
                    >
                      {item.eventType}
                    </button>
                  </td>
                  <td className="px-3 py-2.5">
                    <div className="flex items-center gap-1.5">
                      <Badge tone={item.kind === "webhook" ? "blue" : "violet"}>{item.kind}</Badge>
                      <span className="text-slate-700" title={item.url}>
                        {item.kind === "notification" && item.repId
                          ? `${repName(item.repId)} · ${shortTarget(item.url, 28)}`
                          : shortTarget(item.url)}
                      </span>
                    </div>
                  </td>
                  <td className="px-3 py-2.5">
                    <Badge tone={deliveryStatusTone(item.status)}>{item.status}</Badge>
                  </td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{item.attempts}</td>
                  <td className="px-3 py-2.5 text-right tabular-nums" title={item.lastError ?? undefined}>
                    {item.lastStatusCode ?? (item.lastError ? "error" : "—")}
                  </td>
                  <td className="whitespace-nowrap px-5 py-2.5 text-slate-500">
                    {item.status === "pending" && item.nextAttemptAt
                      ? relativeTime(item.nextAttemptAt, now)
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deliveries.hasNextPage ? (
        <div className="border-t border-slate-200 px-5 py-3 text-center">
          <Button
            variant="secondary"
            onClick={() => void deliveries.fetchNextPage()}
            disabled={deliveries.isFetchingNextPage}
          >
            {deliveries.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      <Dialog
        placement="drawer"
        open={selected !== null}
        title="Delivery"
        onClose={() => navigate(filters, null)}
      >
        {selected ? <DeliveryDetail deliveryId={selected} repName={repName} /> : null}
      </Dialog>
    </Card>
  );
}
