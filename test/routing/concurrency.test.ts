import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisions, leads } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** Routes `total` leads from `callers` concurrent loops and returns how many each rep got. */
async function routeConcurrently(
  fx: RoutingFixture,
  total: number,
  callers: number,
): Promise<Map<string, number>> {
  let next = 0;
  const perRep = new Map<string, number>();
  const caller = async () => {
    for (let i = next++; i < total; i = next++) {
      const { response } = await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i),
        idempotencyKey: `lead-${i}`,
      });
      if (response.assignee?.type !== "rep") throw new Error(`lead ${i} was not assigned to a rep`);
      perRep.set(response.assignee.id, (perRep.get(response.assignee.id) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return perRep;
}

async function countRows(fx: RoutingFixture) {
  const [leadCount] = await database.db
    .select({ n: count() })
    .from(leads)
    .where(eq(leads.workspaceId, fx.workspaceId));
  const [decisionCount] = await database.db
    .select({ n: count() })
    .from(decisions)
    .where(eq(decisions.workspaceId, fx.workspaceId));
  return { leads: leadCount?.n, decisions: decisionCount?.n };
}

describe("fair pools under concurrency", () => {
  it("2,000 routes from 32 callers to 5 equal reps give each 400 ± 1, none lost or doubled", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1, 1, 1, 1] });
    const perRep = await routeConcurrently(fx, 2000, 32);
    expect([...perRep.keys()].sort()).toEqual([...fx.repIds].sort());
    for (const n of perRep.values()) expect(Math.abs(n - 400)).toBeLessThanOrEqual(1);
    expect(await countRows(fx)).toEqual({ leads: 2000, decisions: 2000 });
    const openLeads = (await fx.as.viewer.reps.list()).map((r) => r.openLeads);
    expect(openLeads.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it("weights 3:2:1 over 1,200 concurrent routes give 600 / 400 / 200 ± 1", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [3, 2, 1] });
    const perRep = await routeConcurrently(fx, 1200, 32);
    const shares = fx.repIds.map((id) => perRep.get(id) ?? 0);
    expect(Math.abs((shares[0] ?? 0) - 600)).toBeLessThanOrEqual(1);
    expect(Math.abs((shares[1] ?? 0) - 400)).toBeLessThanOrEqual(1);
    expect(Math.abs((shares[2] ?? 0) - 200)).toBeLessThanOrEqual(1);
    expect(await countRows(fx)).toEqual({ leads: 1200, decisions: 1200 });
  });

  it("50 parallel identical requests with one Idempotency-Key make exactly one decision", async () => {
    const fx = await createRoutingFixture(database.db);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        routeOne(database.db, {
          workspaceId: fx.workspaceId,
          flowId: fx.flowId,
          lead: emeaLead(7),
          idempotencyKey: "same-key",
        }),
      ),
    );
    expect(new Set(results.map((r) => r.response.decisionId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countRows(fx)).toEqual({ leads: 1, decisions: 1 });
    const openLeads = (await fx.as.viewer.reps.list()).map((r) => r.openLeads);
    expect(openLeads.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("capacity holds under concurrency: 3 reps with capacity 10 take exactly 30 leads, the rest fall back", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1, 1], capacity: 10 });
    const outcomes = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead: emeaLead(i) }),
      ),
    );
    expect(outcomes.filter((o) => o.response.assignee?.type === "rep")).toHaveLength(30);
    expect(outcomes.filter((o) => o.response.assignee?.type === "queue" && o.response.fallback)).toHaveLength(
      15,
    );
    for (const rep of await fx.as.viewer.reps.list()) expect(rep.openLeads).toBe(10);
  });
});
