import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pools, reps, workspaces } from "@/drizzle/schema";
import { type Database, openDatabase } from "@/server/db/client";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from "@/server/db/seed";
import { authenticate } from "@/server/services/accounts";
import { listFlows } from "@/server/services/flows";
import { listLeads } from "@/server/services/leads";
import { listPools } from "@/server/services/pools";

// Seeding only happens on an empty database, so this file always uses its own in-memory PGlite.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({});
});
afterAll(() => database.close());

describe("demo data", () => {
  it("seeds an empty database once, concurrent starts included", async () => {
    const results = await Promise.all([seedDemoIfEmpty(database.db), seedDemoIfEmpty(database.db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await expect(seedDemoIfEmpty(database.db)).resolves.toBe(false);
    const [row] = await database.db.select({ n: count() }).from(workspaces);
    expect(row?.n).toBe(1);
  });

  it("lets the demo admin sign in with the published credentials", async () => {
    const result = await authenticate(database.db, DEMO_EMAIL, DEMO_PASSWORD);
    expect(result.ok).toBe(true);
  });

  it("has 12 reps across four territories, one away, and five pools with members", async () => {
    const [workspace] = await database.db.select().from(workspaces);
    if (!workspace) throw new Error("no workspace");
    const repRows = await database.db.select().from(reps).where(eq(reps.workspaceId, workspace.id));
    expect(repRows).toHaveLength(12);
    expect(new Set(repRows.flatMap((r) => r.territories))).toEqual(
      new Set(["NA-East", "NA-West", "EMEA", "APAC"]),
    );
    expect(repRows.filter((r) => r.status === "away")).toHaveLength(1);
    const poolViews = await listPools(database.db, workspace.id);
    expect(poolViews).toHaveLength(5);
    expect(poolViews.every((p) => p.members.length >= 2)).toBe(true);
    const [poolCount] = await database.db.select({ n: count() }).from(pools);
    expect(poolCount?.n).toBe(5);
  });

  it("publishes a live territory flow and routes demo leads through it", async () => {
    const [workspace] = await database.db.select().from(workspaces);
    if (!workspace) throw new Error("no workspace");
    const flows = await listFlows(database.db, workspace.id);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ name: "Inbound routing", latestVersion: 1, leadsToday: 12 });
    // The newest 12 leads are today's demo leads; the history before them is closed.
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    const log = await listLeads(database.db, workspace.id, { limit: 50 });
    const todays = log.items.filter((l) => new Date(l.createdAt) >= midnight);
    expect(todays).toHaveLength(12);
    expect(log.items.slice(0, 12)).toEqual(todays);
    expect(log.items.slice(12).every((l) => l.status === "closed")).toBe(true);
    const unassigned = todays.filter((l) => l.queue === "Unassigned").map((l) => l.summary);
    // Brazil and Mexico are outside every territory of the demo flow.
    expect(unassigned.sort()).toEqual(["Demo Lead 12", "Demo Lead 8"]);
    const repRows = await database.db.select().from(reps).where(eq(reps.workspaceId, workspace.id));
    expect(repRows.reduce((sum, r) => sum + r.openLeads, 0)).toBe(10);
  });
});
