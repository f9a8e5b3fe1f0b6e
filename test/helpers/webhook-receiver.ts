import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@/server/services/webhooks/signature";

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Signature checked with the secret registered for the path; null when the path has no secret. */
  verified: boolean | null;
  receivedAt: number;
}

/** How a path answers: 204, a status code, or never ("hang"). */
export type ReceiverMode = "ok" | "hang" | number;

/**
 * A local webhook receiver on 127.0.0.1 that checks every signature with signature.ts, as an
 * integrator would. It can be closed and started again on the same port (a receiver outage).
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  readonly secrets = new Map<string, string>();
  readonly modes = new Map<string, ReceiverMode>();
  private server: Server | null = null;
  private hanging: ServerResponse[] = [];
  port = 0;

  async start(): Promise<void> {
    const server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops every open connection, like a crashed receiver. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.hanging = [];
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answers every request that is hanging. */
  release(status = 204): void {
    for (const response of this.hanging.splice(0)) response.writeHead(status).end();
  }

  idsFor(path: string): Set<string> {
    return new Set(this.received.filter((r) => r.path === path).map((r) => String(r.headers["webhook-id"])));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = this.secrets.get(path);
      const verified =
        secret === undefined
          ? null
          : verifyWebhook(
              secret,
              {
                "webhook-id": header(request, "webhook-id"),
                "webhook-timestamp": header(request, "webhook-timestamp"),
                "webhook-signature": header(request, "webhook-signature"),
              },
              body,
            );
      this.received.push({ path, headers: request.headers, body, verified, receivedAt: Date.now() });
      const mode = this.modes.get(path) ?? "ok";
      if (mode === "hang") {
        this.hanging.push(response);
        return;
      }
      response.writeHead(mode === "ok" ? 204 : mode).end(mode === "ok" ? undefined : `status ${mode}`);
    });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 45_000,
): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = async () => {
      try {
        if (await predicate()) return resolve();
      } catch (error) {
        return reject(error);
      }
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 50);
    };
    void check();
  });
}
