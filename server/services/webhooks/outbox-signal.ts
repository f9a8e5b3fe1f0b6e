/**
 * The in-process link between the services that write outbox events and the job queue. Services call
 * `signalOutbox()` after their transaction commits; it never waits and never throws, so routing
 * latency does not depend on webhooks. The worker registrar connects the hooks to pg-boss. Without a
 * connected queue (scripts, most tests) signals are dropped: the sweep dispatches such events later.
 */

export interface OutboxHooks {
  /** Queues one dispatch job (and wakes the local dispatcher). */
  dispatch(): Promise<void>;
  /** Queues one delivery attempt now (manual retry). */
  deliver(deliveryId: string): Promise<void>;
}

/** Bursts are coalesced: at most one dispatch job per interval (the first one at once). */
const MIN_INTERVAL_MS = 200;

interface SignalState {
  hooks: OutboxHooks | null;
  inFlight: boolean;
  again: boolean;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

// On globalThis like the database and the queue: Next.js may load this module once for
// instrumentation (which connects the queue) and again for route handlers (which signal).
const holder = globalThis as typeof globalThis & { __switchyardOutboxSignal?: SignalState };
holder.__switchyardOutboxSignal ??= {
  hooks: null,
  inFlight: false,
  again: false,
  lastSentAt: 0,
  timer: null,
};
const state: SignalState = holder.__switchyardOutboxSignal;

export function connectOutbox(next: OutboxHooks | null): void {
  state.hooks = next;
}

export function signalOutbox(): void {
  if (!state.hooks) return;
  if (state.inFlight || state.timer) {
    state.again = true;
    return;
  }
  const wait = state.lastSentAt + MIN_INTERVAL_MS - Date.now();
  if (wait > 0) {
    state.timer = setTimeout(() => {
      state.timer = null;
      send();
    }, wait);
    state.timer.unref?.();
    return;
  }
  send();
}

function send(): void {
  const hooks = state.hooks;
  if (!hooks) return;
  state.inFlight = true;
  state.again = false;
  state.lastSentAt = Date.now();
  hooks
    .dispatch()
    .catch((error: unknown) => {
      // The event is safe in the outbox; the sweep picks it up if this signal is lost.
      console.error("Outbox signal failed:", error instanceof Error ? error.message : error);
    })
    .finally(() => {
      state.inFlight = false;
      if (state.again) signalOutbox();
    });
}

/** Queues a delivery attempt now; false when no queue is connected (the sweep will find it). */
export async function requestDelivery(deliveryId: string): Promise<boolean> {
  if (!state.hooks) return false;
  await state.hooks.deliver(deliveryId);
  return true;
}
