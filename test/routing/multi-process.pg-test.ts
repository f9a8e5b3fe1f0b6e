import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisions } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, type RoutingFixture } from "@/test/helpers/routing";

// PostgreSQL only (see vitest.config.ts): PGlite lives inside one process and cannot be shared.
const run = promisify(execFile);
let database: Database;
let fx: RoutingFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db, { weights: [1, 1, 1, 1, 1] });
});
afterAll(() => database.close());

function worker(start: number, countOfLeads: number): Promise<Record<string, number>> {
  return run(path.join("node_modules", ".bin", "tsx"), [path.join("test", "routing", "route-worker.ts")], {
    env: {
      ...process.env,
      WORKSPACE_ID: fx.workspaceId,
      FLOW_ID: fx.flowId,
      START: String(start),
      COUNT: String(countOfLeads),
      CONCURRENCY: "16",
    },
    timeout: 120_000,
  }).then(({ stdout }) => JSON.parse(stdout) as Record<string, number>);
}

describe("several app processes sharing one PostgreSQL", () => {
  it("stay fair: 2 processes × 500 routes give 5 reps 200 ± 1 each, with 1,000 decisions", async () => {
    const [a, b] = await Promise.all([worker(0, 500), worker(500, 500)]);
    const total = new Map<string, number>();
    for (const part of [a, b])
      for (const [rep, n] of Object.entries(part)) total.set(rep, (total.get(rep) ?? 0) + n);
    expect([...total.keys()].sort()).toEqual([...fx.repIds].sort());
    for (const n of total.values()) expect(Math.abs(n - 200)).toBeLessThanOrEqual(1);
    const [row] = await database.db
      .select({ n: count() })
      .from(decisions)
      .where(eq(decisions.workspaceId, fx.workspaceId));
    expect(row?.n).toBe(1000);
  });
});
