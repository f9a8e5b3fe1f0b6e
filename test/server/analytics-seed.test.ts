import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reps, workspaces } from "@/drizzle/schema";
import { type Database, openDatabase } from "@/server/db/client";
import { DEMO_HISTORY_DAYS, seedDemoIfEmpty } from "@/server/db/seed";
import { getDashboard } from "@/server/services/analytics";
import { analyticsFiltersInput } from "@/server/services/analytics-input";
import { listFlows } from "@/server/services/flows";

// Seeding only happens on an empty database, so this file uses its own in-memory PGlite.
let database: Database;
let workspaceId: string;
beforeAll(async () => {
  database = await openDatabase({});
  await seedDemoIfEmpty(database.db);
  const [workspace] = await database.db.select().from(workspaces);
  if (!workspace) throw new Error("no workspace");
  workspaceId = workspace.id;
});
afterAll(() => database.close());

describe("demo history for the analytics dashboard", () => {
  it("fills the last 30 days with decisions and outcomes by default", async () => {
    const to = new Date();
    const filters = analyticsFiltersInput.parse({
      from: new Date(to.getTime() - (DEMO_HISTORY_DAYS + 1) * 86_400_000),
      to,
    });
    const view = await getDashboard(database.db, workspaceId, filters);
    expect(view.kpis.leadsRouted).toBe(600 + 12);
    expect(view.kpis.fallbackShare).toBeGreaterThan(0);
    expect(view.kpis.fallbackShare).toBeLessThan(0.5);
    expect(view.kpis.timeToFirstContactP50Seconds).toBeGreaterThan(0);
    expect(view.kpis.wonLeads).toBeGreaterThan(0);
    expect(view.kpis.wonValue).toBeGreaterThan(0);
    // Every day of the month before today has leads.
    expect(view.fallback.slice(-DEMO_HISTORY_DAYS - 1, -1).every((d) => d.leads > 0)).toBe(true);
    expect(
      view.pools
        .filter((p) => p.leads > 0)
        .map((p) => p.poolName)
        .sort(),
    ).toEqual(["APAC", "EMEA", "NA SMB"]);
    expect(view.branches.map((b) => `${b.node} → ${b.branch}`).sort()).toEqual([
      "Territory → APAC",
      "Territory → EMEA",
      "Territory → Else",
      "Territory → North America",
    ]);
    expect(view.volume.byArm).toHaveLength(1);
  });

  it("leaves today's log and the reps' open-lead counts as the plain seed has them", async () => {
    const [flow] = await listFlows(database.db, workspaceId);
    expect(flow?.leadsToday).toBe(12);
    const repRows = await database.db.select().from(reps).where(eq(reps.workspaceId, workspaceId));
    expect(repRows.reduce((sum, r) => sum + r.openLeads, 0)).toBe(10);
  });
});
