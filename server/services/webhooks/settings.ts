import type { Resolver } from "@/server/services/webhooks/ssrf-guard";

/**
 * Delivery settings. The app reads them from the environment; tests pass their own (a short retry
 * schedule, private addresses allowed for the local receiver, a fake DNS resolver).
 */
export interface WebhookSettings {
  /** Seconds to wait before each retry; the first attempt is immediate, so attempts = length + 1. */
  retrySchedule: readonly number[];
  /** Allow URLs that resolve to loopback, private or link-local addresses (local development, tests). */
  allowPrivate: boolean;
  /** DNS resolution for the SSRF guard; the system resolver when absent. */
  resolve?: Resolver | undefined;
  /** Per-attempt HTTP timeout. */
  timeoutMs: number;
}

/** Attempts at once, then +5 s, +1 min, +10 min, +1 h, +3 h, +8 h, +12 h: 8 over about 24 hours. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [5, 60, 600, 3600, 10_800, 28_800, 43_200];
export const DEFAULT_TIMEOUT_MS = 10_000;

export function parseRetrySchedule(raw: string | undefined): readonly number[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_RETRY_SCHEDULE;
  const seconds = raw.split(",").map((part) => Number(part.trim()));
  if (seconds.length === 0 || seconds.some((s) => !Number.isFinite(s) || s < 0)) {
    throw new Error(
      `WEBHOOK_RETRY_SCHEDULE: expected comma-separated seconds such as "5,60,600", got "${raw}"`,
    );
  }
  return seconds;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return {
    retrySchedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE_URLS === "true",
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
}

// On globalThis so the worker registrar and the routers share one copy under Next.js's bundles.
const holder = globalThis as typeof globalThis & { __switchyardWebhookSettings?: WebhookSettings };

/** The settings in effect: set by the worker registrar (or a test), else read from the environment. */
export function webhookSettings(): WebhookSettings {
  holder.__switchyardWebhookSettings ??= settingsFromEnv();
  return holder.__switchyardWebhookSettings;
}

export function configureWebhooks(settings: Partial<WebhookSettings>): WebhookSettings {
  holder.__switchyardWebhookSettings = { ...webhookSettings(), ...settings };
  return holder.__switchyardWebhookSettings;
}
