/**
 * An open-loop load generator: requests start on a fixed schedule (every 1/rate s) whatever the
 * server does, and each latency counts from the scheduled start, so a slow answer cannot hide the
 * requests queued behind it (no coordinated omission). autocannon's `overallRate` sends each
 * second's quota in a burst at the start of the second, which measures bursts, not a steady rate.
 */
import http from "node:http";

export interface PacedLoadOptions {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  /** Called once per request, e.g. to make every lead unique. */
  request: () => { body: string; headers?: Record<string, string> };
  rate: number;
  seconds: number;
  maxSockets: number;
}

export interface PacedLoadResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Wall time from the first scheduled start to the last answer, in seconds. */
  duration: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function send(agent: http.Agent, url: URL, options: PacedLoadOptions): Promise<{ status: number | null }> {
  const { body, headers } = options.request();
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        agent,
        method: options.method,
        headers: { ...options.headers, ...headers, "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve({ status: response.statusCode ?? null }));
      },
    );
    request.once("error", () => resolve({ status: null }));
    request.end(body);
  });
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const url = new URL(options.url);
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      send(agent, url, options).then(({ status }) => {
        if (status === null) errors += 1;
        else if (status >= 200 && status < 300) {
          ok += 1;
          latencies.push(performance.now() - scheduled);
        } else non2xx += 1;
      }),
    );
  }
  await Promise.all(pending);
  const duration = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    ok,
    non2xx,
    errors,
    duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
