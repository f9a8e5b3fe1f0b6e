import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { csvField, csvRow, EXPORT_COLUMNS, exportDecisionsCsvText } from "@/server/services/analytics-export";
import { analyticsFiltersInput } from "@/server/services/analytics-input";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, type WorkspaceFixture } from "@/test/helpers/fixtures";
import { createPool, createPublishedFlow, createRep, insertDecision } from "@/test/server/analytics-fixtures";

let database: Database;
let ws: WorkspaceFixture;
let other: WorkspaceFixture;
const ids = {
  flowA: "",
  versionA: "",
  flowB: "",
  versionB: "",
  r1: "",
  r2: "",
  r3: "",
  poolP: "",
  poolQ: "",
};

const at = (iso: string) => new Date(iso);
const RANGE = { from: "2026-01-01T00:00:00Z", to: "2026-01-04T00:00:00Z" };

/**
 * Eight decisions in range (three UTC days), two just outside it, and one in another workspace:
 * latencies 10…80 ms, four contacted leads (30, 60, 120, 300 s), two won (1000 + 500), one fallback.
 */
beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  ws = await createWorkspace(db, "Analytics Co");
  other = await createWorkspace(db, "Other Co");
  const w = ws.workspaceId;
  const a = await createPublishedFlow(db, w, ws.users.admin, "Inbound");
  const b = await createPublishedFlow(db, w, ws.users.admin, "Partners");
  ids.flowA = a.flowId;
  ids.versionA = a.versionId;
  ids.flowB = b.flowId;
  ids.versionB = b.versionId;
  ids.r1 = await createRep(db, w, { name: "Rita One", capacity: 10, openLeads: 5 });
  ids.r2 = await createRep(db, w, { name: "Sam Two", capacity: null, openLeads: 2 });
  ids.r3 = await createRep(db, w, { name: "Tom Three", capacity: 4, openLeads: 4, status: "away" });
  await createRep(db, w, { name: "Una Inactive", capacity: 5, openLeads: 0, status: "inactive" });
  ids.poolP = await createPool(db, w, "Pool P", "weighted_round_robin", [
    { repId: ids.r1, weight: 3 },
    { repId: ids.r2, weight: 1 },
  ]);
  ids.poolQ = await createPool(db, w, "Pool Q", "round_robin", [
    { repId: ids.r2, weight: 5 },
    { repId: ids.r3, weight: 1 },
  ]);
  const inA = { flowId: ids.flowA, versionId: ids.versionA };
  const inB = { flowId: ids.flowB, versionId: ids.versionB };
  const viaP = (repId: string) => ({ repId, poolId: ids.poolP });
  const viaQ = (repId: string) => ({ repId, poolId: ids.poolQ });
  const rows = [
    {
      ...inA,
      ...viaP(ids.r1),
      at: at("2026-01-01T09:00:00Z"),
      latencyMs: 10,
      branches: [["Region", "EMEA"]],
      contactedAfter: 60,
      won: { after: 86_400, value: 1000 },
    },
    {
      ...inA,
      ...viaP(ids.r1),
      at: at("2026-01-01T10:00:00Z"),
      latencyMs: 20,
      branches: [["Region", "EMEA"]],
      contactedAfter: 120,
    },
    {
      ...inA,
      ...viaP(ids.r2),
      at: at("2026-01-01T11:30:00Z"),
      latencyMs: 30,
      branches: [["Region", "EMEA"]],
      lost: true,
    },
    {
      ...inA,
      at: at("2026-01-01T23:59:59Z"),
      latencyMs: 40,
      fallback: true,
      queue: "Unassigned",
      branches: [["Region", null]],
    },
    {
      ...inA,
      ...viaP(ids.r1),
      at: at("2026-01-02T08:00:00Z"),
      latencyMs: 50,
      branches: [["Region", "NA"]],
      contactedAfter: 300,
      won: { after: 7200, value: 500 },
    },
    { ...inA, ...viaQ(ids.r2), at: at("2026-01-02T09:00:00Z"), latencyMs: 60, branches: [["Region", "NA"]] },
    { ...inA, ...viaQ(ids.r3), at: at("2026-01-03T12:00:00Z"), latencyMs: 70, branches: [["Region", "NA"]] },
    { ...inB, ...viaQ(ids.r3), at: at("2026-01-02T15:00:00Z"), latencyMs: 80, contactedAfter: 30 },
    // Outside the range: just before it, and exactly at its exclusive end.
    { ...inA, ...viaP(ids.r1), at: at("2025-12-31T23:59:59Z"), latencyMs: 1000, contactedAfter: 1 },
    { ...inA, ...viaP(ids.r2), at: at("2026-01-04T00:00:00Z"), latencyMs: 1000, won: { after: 1, value: 9 } },
  ] as const;
  for (const row of rows) {
    await insertDecision(db, w, {
      ...row,
      branches: "branches" in row ? row.branches.map(([n, c]) => [n, c] as [string, string | null]) : [],
    });
  }
  // Another workspace's decision in the same range must never show.
  const o = await createPublishedFlow(db, other.workspaceId, other.users.admin, "Theirs");
  await insertDecision(db, other.workspaceId, {
    ...o,
    at: at("2026-01-02T10:00:00Z"),
    latencyMs: 5,
    fallback: true,
    contactedAfter: 5,
    won: { after: 5, value: 5 },
  });
});
afterAll(() => database.close());

const dashboard = (input: Record<string, unknown> = {}) =>
  ws.as.viewer.analytics.dashboard({ ...RANGE, ...input });

describe("analytics dashboard aggregates", () => {
  it("computes the KPI tiles", async () => {
    const { kpis } = await dashboard();
    expect(kpis).toEqual({
      leadsRouted: 8,
      fallbackLeads: 1,
      fallbackShare: 0.125,
      // percentile_cont over 10…80: p50 between 40 and 50; p95 at rank 6.65 → 70 + 0.65 × 10.
      assignmentLatencyP50Ms: 45,
      assignmentLatencyP95Ms: expect.closeTo(76.5, 9),
      // Contacted after 30, 60, 120, 300 s → median 90 s.
      timeToFirstContactP50Seconds: 90,
      contactedLeads: 4,
      wonLeads: 2,
      wonValue: 1500,
      conversionRate: 0.25,
    });
  });

  it("counts leads over time by flow and by arm, with empty buckets filled", async () => {
    const { volume } = await dashboard();
    expect(volume.buckets).toEqual(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"]);
    expect(volume.byFlow.map((s) => [s.label, s.counts, s.total])).toEqual([
      ["Inbound", [4, 2, 1], 7],
      ["Partners", [0, 1, 0], 1],
    ]);
    expect(volume.byArm.map((s) => [s.label, s.counts])).toEqual([
      ["Inbound v1", [4, 2, 1]],
      ["Partners v1", [0, 1, 0]],
    ]);
  });

  it("buckets by hour when asked", async () => {
    const { volume, fallback } = await dashboard({
      from: "2026-01-01T09:00:00Z",
      to: "2026-01-01T12:00:00Z",
      granularity: "hour",
    });
    expect(volume.buckets).toEqual(["2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"]);
    expect(volume.byFlow[0]?.counts).toEqual([1, 1, 1]);
    expect(fallback.map((f) => f.leads)).toEqual([1, 1, 1]);
  });

  it("reports the fallback share per day", async () => {
    const { fallback } = await dashboard();
    expect(fallback).toEqual([
      { bucket: "2026-01-01T00:00:00Z", leads: 4, fallback: 1, share: 0.25 },
      { bucket: "2026-01-02T00:00:00Z", leads: 3, fallback: 0, share: 0 },
      { bucket: "2026-01-03T00:00:00Z", leads: 1, fallback: 0, share: 0 },
    ]);
  });

  it("compares each pool's distribution with its weights", async () => {
    const { pools } = await dashboard();
    const view = pools.map((p) => ({
      pool: p.poolName,
      leads: p.leads,
      members: p.members.map((m) => [m.repName, m.weight, m.expectedShare, m.leads, m.actualShare]),
    }));
    expect(view).toEqual([
      {
        pool: "Pool P",
        leads: 4,
        // Weighted round robin: 3 : 1.
        members: [
          ["Rita One", 3, 0.75, 3, 0.75],
          ["Sam Two", 1, 0.25, 1, 0.25],
        ],
      },
      {
        pool: "Pool Q",
        leads: 3,
        // Round robin ignores weights: equal shares expected.
        members: [
          ["Sam Two", 5, 0.5, 1, 1 / 3],
          ["Tom Three", 1, 0.5, 2, 2 / 3],
        ],
      },
    ]);
  });

  it("shows utilisation now: open leads against capacity, inactive reps left out", async () => {
    const { utilisation } = await dashboard();
    expect(utilisation.map((u) => [u.repName, u.status, u.openLeads, u.capacity, u.utilisation])).toEqual([
      ["Rita One", "active", 5, 10, 0.5],
      ["Sam Two", "active", 2, null, null],
      ["Tom Three", "away", 4, 4, 1],
    ]);
  });

  it("converts by rep", async () => {
    const { reps } = await dashboard();
    expect(reps.map((r) => [r.repName, r.leads, r.contacted, r.won, r.wonValue, r.conversionRate])).toEqual([
      ["Rita One", 3, 3, 2, 1500, 2 / 3],
      ["Sam Two", 2, 0, 0, 0, 0],
      ["Tom Three", 2, 1, 0, 0, 0],
      ["No rep (queue or rejected)", 1, 0, 0, 0, 0],
    ]);
  });

  it("converts by branch taken, read from the decision trace", async () => {
    const { branches } = await dashboard();
    expect(branches.map((b) => [b.flowName, b.node, b.branch, b.leads, b.won, b.conversionRate])).toEqual([
      ["Inbound", "Region", "EMEA", 3, 1, 1 / 3],
      ["Inbound", "Region", "NA", 3, 1, 1 / 3],
      ["Inbound", "Region", "Else", 1, 0, 0],
    ]);
  });
});

describe("analytics filters", () => {
  it("filters by flow", async () => {
    const view = await dashboard({ flowId: ids.flowB });
    expect(view.kpis.leadsRouted).toBe(1);
    expect(view.kpis.timeToFirstContactP50Seconds).toBe(30);
    expect(view.kpis.assignmentLatencyP50Ms).toBe(80);
    expect(view.volume.byFlow.map((s) => s.label)).toEqual(["Partners"]);
    // Only pools that routed the flow's leads.
    expect(view.pools.map((p) => [p.poolName, p.members.map((m) => m.leads)])).toEqual([["Pool Q", [0, 1]]]);
    expect(view.branches).toEqual([]);
  });

  it("filters by pool, utilisation included", async () => {
    const view = await dashboard({ poolId: ids.poolP });
    expect(view.kpis).toMatchObject({ leadsRouted: 4, fallbackLeads: 0, wonLeads: 2, contactedLeads: 3 });
    expect(view.pools.map((p) => p.poolName)).toEqual(["Pool P"]);
    expect(view.utilisation.map((u) => u.repName)).toEqual(["Rita One", "Sam Two"]);
    expect(view.reps.map((r) => [r.repName, r.leads])).toEqual([
      ["Rita One", 3],
      ["Sam Two", 1],
    ]);
  });

  it("filters by date range, the end exclusive", async () => {
    const view = await dashboard({ from: "2026-01-02T00:00:00Z", to: "2026-01-03T00:00:00Z" });
    expect(view.kpis.leadsRouted).toBe(3);
    const edge = await dashboard({ from: "2026-01-03T00:00:00Z", to: "2026-01-04T00:00:01Z" });
    expect(edge.kpis.leadsRouted).toBe(2);
  });

  it("answers an empty range with zeros and nulls, not errors", async () => {
    const view = await dashboard({ from: "2020-01-01T00:00:00Z", to: "2020-01-08T00:00:00Z" });
    expect(view.kpis).toEqual({
      leadsRouted: 0,
      fallbackLeads: 0,
      fallbackShare: null,
      assignmentLatencyP50Ms: null,
      assignmentLatencyP95Ms: null,
      timeToFirstContactP50Seconds: null,
      contactedLeads: 0,
      wonLeads: 0,
      wonValue: 0,
      conversionRate: null,
    });
    expect(view.volume.buckets).toHaveLength(7);
    expect(view.volume.byFlow).toEqual([]);
    expect(view.fallback.every((f) => f.share === null)).toBe(true);
  });
});

describe("analytics isolation and input", () => {
  it("never shows another workspace's decisions, even given its flow id", async () => {
    const mine = await other.as.admin.analytics.dashboard({ ...RANGE });
    expect(mine.kpis.leadsRouted).toBe(1);
    const probe = await other.as.admin.analytics.dashboard({ ...RANGE, flowId: ids.flowA });
    expect(probe.kpis.leadsRouted).toBe(0);
    expect(probe.pools).toEqual([]);
    expect(probe.utilisation.map((u) => u.repId)).not.toContain(ids.r1);
  });

  async function badRequest(input: Record<string, unknown>): Promise<string> {
    try {
      await ws.as.viewer.analytics.dashboard(input as never);
    } catch (error) {
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") return error.message;
      throw error;
    }
    throw new Error("expected BAD_REQUEST");
  }

  it("rejects a range longer than 366 days, naming to", async () => {
    await expect(badRequest({ from: "2025-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z" })).resolves.toMatch(
      /^to: must be at most 366 days after from$/,
    );
    // 366 days exactly is allowed: the decision of 31 December plus the four of 1 January.
    await expect(
      dashboard({ from: "2025-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }),
    ).resolves.toMatchObject({ kpis: { leadsRouted: 5 } });
  });

  it("rejects from after to, naming from", async () => {
    await expect(badRequest({ from: "2026-01-05T00:00:00Z", to: "2026-01-01T00:00:00Z" })).resolves.toMatch(
      /^from: must be before to$/,
    );
  });

  it("rejects hourly buckets over more than a month, and malformed dates and ids", async () => {
    await expect(
      badRequest({ ...RANGE, from: "2025-11-01T00:00:00Z", granularity: "hour" }),
    ).resolves.toMatch(/^granularity: /);
    await expect(badRequest({ from: "yesterday", to: RANGE.to })).resolves.toMatch(
      /^from: must be an ISO date/,
    );
    await expect(badRequest({ ...RANGE, poolId: "nope" })).resolves.toMatch(/^poolId: must be a valid id/);
  });
});

describe("CSV export", () => {
  it("quotes fields per RFC 4180", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(false)).toBe("false");
    expect(csvRow(["a", 'b"c', null])).toBe('a,"b""c",\r\n');
  });

  it("exports the decisions in the filter, oldest first, with a header row", async () => {
    const filters = analyticsFiltersInput.parse({ ...RANGE });
    const text = await exportDecisionsCsvText(database.db, ws.workspaceId, filters, { pageSize: 3 });
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 8 + 1);
    const times = lines.slice(1, -1).map((l) => l.split(",")[1]);
    expect(times).toEqual([...times].sort());
    expect(times[0]).toBe("2026-01-01T09:00:00.000000Z");
    const first = lines[1]?.split(",") ?? [];
    const column = (name: (typeof EXPORT_COLUMNS)[number]) => first[EXPORT_COLUMNS.indexOf(name)];
    expect(column("flow")).toBe("Inbound");
    expect(column("version")).toBe("1");
    expect(column("rep")).toBe("Rita One");
    expect(column("pool")).toBe("Pool P");
    expect(column("fallback")).toBe("false");
    expect(column("latency_ms")).toBe("10");
    expect(column("contacted_at")).toBe("2026-01-01T09:01:00Z");
    expect(column("won_value")).toBe("1000");
  });

  it("quotes awkward values from the database and stops at the cap", async () => {
    const w = ws.workspaceId;
    await insertDecision(database.db, w, {
      flowId: ids.flowA,
      versionId: ids.versionA,
      at: at("2026-02-01T00:00:00Z"),
      latencyMs: 1,
      queue: 'Night, "EU"',
      explanation: ["country = DE → EMEA", 'said "hi"\nthen left'],
    });
    const filters = analyticsFiltersInput.parse({ from: "2026-02-01T00:00:00Z", to: "2026-02-02T00:00:00Z" });
    const text = await exportDecisionsCsvText(database.db, w, filters);
    expect(text).toContain(',"Night, ""EU""",');
    expect(text).toContain('"country = DE → EMEA → said ""hi""\nthen left"\r\n');
    const capped = await exportDecisionsCsvText(database.db, w, analyticsFiltersInput.parse({ ...RANGE }), {
      cap: 5,
      pageSize: 2,
    });
    expect(capped.split("\r\n")).toHaveLength(1 + 5 + 1);
  });

  it("exports only the caller's workspace", async () => {
    const filters = analyticsFiltersInput.parse({ ...RANGE, flowId: ids.flowA });
    const text = await exportDecisionsCsvText(database.db, other.workspaceId, filters);
    expect(text).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });
});
