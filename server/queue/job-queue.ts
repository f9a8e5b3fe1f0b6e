import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { QueueConnection } from "@/server/db/client";

/** Every queue the app uses; created at start so `send` never races a missing queue. */
export const QUEUES = {
  /** Fans an outbox event out to its deliveries. Data: { eventId }. */
  outboxDispatch: "outbox-dispatch",
  /** Re-dispatches outbox events a crashed process left behind (cron, every minute). */
  outboxSweep: "outbox-sweep",
  /** Sends one delivery attempt. Data: { deliveryId }. */
  webhookDeliver: "webhook-deliver",
  /** Routes the pending rows of a CSV lead import. Data: { importId }. */
  leadImport: "lead-import",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobQueueOptions {
  /** PostgreSQL schema for pg-boss's tables; tests use their own so parallel files don't share jobs. */
  schema?: string;
  /** Cron-style maintenance (needed for the outbox sweep schedule); off in most tests. */
  schedule?: boolean;
}

export interface JobQueue {
  boss: PgBoss;
  /** How often workers look for jobs; short in tests, pg-boss's default (2 s) in the app. */
  pollingIntervalSeconds: number;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the app's database. PostgreSQL gets pg-boss's own small pool; PGlite (one
 * in-process connection) gets an adapter, so the zero-setup default has the same durable queue.
 */
export async function startJobQueue(
  connection: QueueConnection,
  options: JobQueueOptions & { pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const common: PgBoss.ConstructorOptions = {
    schema: options.schema ?? "pgboss",
    schedule: options.schedule ?? true,
    supervise: true,
    // Completed jobs are history we keep in our own tables (webhook_attempts); pg-boss's copy can go.
    deleteAfterDays: 2,
    archiveCompletedAfterSeconds: 60 * 60,
  };
  const boss =
    connection.kind === "postgres"
      ? new PgBoss({ ...common, connectionString: connection.url, max: 4 })
      : new PgBoss({ ...common, db: pgliteAdapter(connection.client) });
  if (connection.kind === "postgres") retryLostConnections(boss.getDb());
  boss.on("error", (error: unknown) => {
    // pg-boss reports (and survives) lost connections while the database restarts; keep it visible.
    console.error("Job queue error:", error instanceof Error ? error.message : error);
  });
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return {
    boss,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

const LOST_CONNECTION_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
]);
const LOST_CONNECTION_MESSAGE = /connection terminated|terminating connection|connection error/i;

function isLostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = Reflect.get(error, "code");
  return (
    (typeof code === "string" && LOST_CONNECTION_CODES.has(code)) ||
    LOST_CONNECTION_MESSAGE.test(error.message)
  );
}

/**
 * pg-boss 10 completes and fails jobs without awaiting the promise, so a query that meets a connection
 * the server just closed (a restart, pg_terminate_backend) becomes an unhandled rejection. Its pool
 * replaces dead connections on the next query: retrying such errors for a few seconds rides that out.
 * A retried statement may have run once already; jobs are at-least-once anyway.
 */
function retryLostConnections(db: PgBoss.Db): void {
  const execute = db.executeSql.bind(db);
  db.executeSql = async (text: string, values?: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await execute(text, values as unknown[]);
      } catch (error) {
        if (attempt >= 6 || !isLostConnection(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  };
}

/**
 * pg-boss speaks `executeSql(text, values)`. Its schema migrations are many statements in one text,
 * which PGlite only accepts through `exec` (the simple protocol); parameterised queries use `query`.
 */
function pgliteAdapter(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        const last = results.at(-1);
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      }
      const result = await client.query(text, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
  };
}
