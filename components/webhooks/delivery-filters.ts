// The delivery log's filters: kept in the URL (?endpoint=…&status=…&event=…) so a link from an endpoint
// opens its deliveries, and turned into the listDeliveries input with empty choices left out.
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/server/services/webhooks/events";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./format";

export interface DeliveryFilters {
  endpointId: string;
  status: DeliveryStatus | "";
  eventType: WebhookEventType | "";
}

export const NO_FILTERS: DeliveryFilters = { endpointId: "", status: "", eventType: "" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string): value is DeliveryStatus =>
  (DELIVERY_STATUSES as readonly string[]).includes(value);
const isEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** Reads filters from the query string, ignoring values the server would refuse. */
export function parseDeliveryFilters(params: URLSearchParams): DeliveryFilters {
  const endpoint = params.get("endpoint") ?? "";
  const status = params.get("status") ?? "";
  const event = params.get("event") ?? "";
  return {
    endpointId: UUID.test(endpoint) ? endpoint : "",
    status: isStatus(status) ? status : "",
    eventType: isEventType(event) ? event : "",
  };
}

/** The query string for these filters ("" when none are set), in a stable order. */
export function deliveryFiltersToSearch(filters: DeliveryFilters): string {
  const params = new URLSearchParams();
  if (filters.endpointId) params.set("endpoint", filters.endpointId);
  if (filters.status) params.set("status", filters.status);
  if (filters.eventType) params.set("event", filters.eventType);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export interface DeliveryListInput {
  endpointId?: string;
  status?: DeliveryStatus;
  eventType?: WebhookEventType;
  limit: number;
}

export function deliveryListInput(filters: DeliveryFilters, limit = 25): DeliveryListInput {
  return {
    ...(filters.endpointId ? { endpointId: filters.endpointId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.eventType ? { eventType: filters.eventType } : {}),
    limit,
  };
}

export function hasFilters(filters: DeliveryFilters): boolean {
  return Boolean(filters.endpointId || filters.status || filters.eventType);
}
