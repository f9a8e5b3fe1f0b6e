// Pure helpers for the webhook screens: labels, tones and times, kept out of the components so they are testable.
import type { BadgeTone } from "@/components/ui/badge";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/server/services/webhooks/events";

export type DeliveryStatus = "pending" | "delivered" | "failed";
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ["pending", "delivered", "failed"];

const STATUS_TONE: Record<DeliveryStatus, BadgeTone> = {
  pending: "amber",
  delivered: "green",
  failed: "rose",
};

export function deliveryStatusTone(status: DeliveryStatus): BadgeTone {
  return STATUS_TONE[status];
}

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "lead.routed": "A lead was routed to a rep or a queue",
  "lead.reassigned": "An editor reassigned a lead",
  "lead.outcome": "An outcome was reported (contacted, won, lost…)",
  "flow.published": "A new flow version was published",
};

/** Checks or unchecks one event type, keeping the canonical order so saved lists compare equal. */
export function toggleEvent(
  events: readonly WebhookEventType[],
  type: WebhookEventType,
  checked: boolean,
): WebhookEventType[] {
  const chosen = new Set(events);
  if (checked) chosen.add(type);
  else chosen.delete(type);
  return WEBHOOK_EVENT_TYPES.filter((t) => chosen.has(t));
}

export interface EndpointFormErrors {
  url?: string;
  events?: string;
}

/** What the browser can tell before asking the server; the server still decides (private addresses). */
export function checkEndpointForm(url: string, events: readonly string[]): EndpointFormErrors {
  const errors: EndpointFormErrors = {};
  const trimmed = url.trim();
  if (!trimmed) errors.url = "is required";
  else {
    try {
      const parsed = new URL(trimmed);
      if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
        errors.url = "must start with https://";
    } catch {
      errors.url = "is not a valid URL";
    }
  }
  if (events.length === 0) errors.events = "pick at least one event";
  return errors;
}

/** "hooks.example.com/switchyard/in…": the host and the start of the path, enough to tell targets apart. */
export function shortTarget(url: string, max = 48): string {
  let text = url;
  try {
    const parsed = new URL(url);
    text = `${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    // Not a URL (should not happen): show it as it is.
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "in 45 s", "3 min ago", "in 2.0 h": for next-attempt and last-attempt times in the log. */
export function relativeTime(when: Date, now: Date): string {
  const seconds = Math.round((when.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  let amount: string;
  if (abs < 5) return "now";
  if (abs < 90) amount = `${abs} s`;
  else if (abs < 90 * 60) amount = `${Math.round(abs / 60)} min`;
  else if (abs < 36 * 3600) amount = `${(abs / 3600).toFixed(1)} h`;
  else amount = `${(abs / 86_400).toFixed(1)} d`;
  return seconds > 0 ? `in ${amount}` : `${amount} ago`;
}

/** Pretty JSON for the payload view; falls back to String for values JSON cannot show. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A failed or still-pending delivery can be sent again by hand; a delivered one cannot. */
export function canRetry(status: DeliveryStatus): boolean {
  return status !== "delivered";
}

/** The log polls while anything is still on its way, and stops once everything has settled. */
export function needsPolling(items: ReadonlyArray<{ status: DeliveryStatus }>): boolean {
  return items.some((item) => item.status === "pending");
}

export const FAST_POLL_MS = 2_000;
export const IDLE_POLL_MS = 10_000;

/**
 * How often the log refreshes: every few seconds while deliveries are pending, slowly otherwise so
 * new events still show up without a reload.
 */
export function pollInterval(items: ReadonlyArray<{ status: DeliveryStatus }>): number {
  return needsPolling(items) ? FAST_POLL_MS : IDLE_POLL_MS;
}
