import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchPaths, decisions } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { branchPathOf } from "@/server/services/branch-path";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead } from "@/test/helpers/routing";
import { type CraftedDecision, createPublishedFlow, insertDecision } from "@/test/server/analytics-fixtures";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const RANGE = { from: "2026-02-01T00:00:00Z", to: "2026-02-08T00:00:00Z" };

describe("branch paths for analytics", () => {
  it("routing stores each decision's branch steps once per distinct path", async () => {
    const fx = await createRoutingFixture(database.db);
    for (const lead of [emeaLead(0), emeaLead(1), { ...emeaLead(2), country: "US" }]) {
      await fx.as.editor.routing.route({ flowId: fx.flowId, lead });
    }
    const rows = await database.db
      .select({ trace: decisions.trace, pathId: decisions.branchPathId })
      .from(decisions)
      .where(eq(decisions.workspaceId, fx.workspaceId));
    const paths = await database.db
      // As JSON: a NULL element of a text[] must come back as null on both drivers.
      .select({
        id: branchPaths.id,
        nodes: sql<string[]>`to_jsonb(${branchPaths.nodes})`,
        cases: sql<Array<string | null>>`to_jsonb(${branchPaths.cases})`,
      })
      .from(branchPaths)
      .where(eq(branchPaths.workspaceId, fx.workspaceId));
    expect(rows).toHaveLength(3);
    // DE and FR take the same case (EMEA); US takes else: two distinct paths.
    expect(paths).toHaveLength(2);
    for (const row of rows) {
      const branchSteps = (
        row.trace as Array<{ nodeType: string; label: string; detail?: { caseLabel?: string | null } }>
      )
        .filter((step) => step.nodeType === "branch")
        .map((step) => [step.label, step.detail?.caseLabel ?? null]);
      const path = paths.find((p) => p.id === row.pathId);
      expect(path).toBeDefined();
      expect(path?.nodes.map((node, i) => [node, path.cases[i] ?? null])).toEqual(branchSteps);
    }
    expect(paths.map((p) => p.cases)).toEqual(expect.arrayContaining([["EMEA"], [null]]));
  });

  it("derives the same id for the same path, and a different one per workspace or case", () => {
    const step = (caseLabel: string | null) => ({
      nodeId: "b",
      nodeType: "branch" as const,
      label: "Region",
      summary: "",
      result: caseLabel ? ("matched" as const) : ("else" as const),
      detail: {
        preset: "custom" as const,
        caseId: caseLabel,
        caseLabel,
        casesEvaluated: 1,
        checks: [],
        seen: [],
      },
    });
    const a = branchPathOf("ws-1", [step("EMEA")]);
    expect(branchPathOf("ws-1", [step("EMEA")])).toEqual(a);
    expect(branchPathOf("ws-2", [step("EMEA")]).id).not.toBe(a.id);
    expect(branchPathOf("ws-1", [step(null)]).id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(branchPathOf("ws-1", [])).toMatchObject({ nodes: [], cases: [] });
  });

  it("counts decisions written before branch paths existed (trace only) exactly like stored ones", async () => {
    const decisionsOf = (flowId: string, versionId: string): CraftedDecision[] => [
      {
        flowId,
        versionId,
        at: new Date("2026-02-02T10:00:00Z"),
        latencyMs: 5,
        branches: [
          ["Region", "EMEA"],
          ["Size", "Large"],
        ],
        won: { after: 60, value: 10 },
      },
      {
        flowId,
        versionId,
        at: new Date("2026-02-03T10:00:00Z"),
        latencyMs: 5,
        branches: [
          ["Region", "EMEA"],
          ["Size", null],
        ],
      },
      {
        flowId,
        versionId,
        at: new Date("2026-02-04T10:00:00Z"),
        latencyMs: 5,
        branches: [["Region", null]],
        won: { after: 60, value: 20 },
      },
      { flowId, versionId, at: new Date("2026-02-05T10:00:00Z"), latencyMs: 5, branches: [] },
      {
        flowId,
        versionId,
        at: new Date("2026-02-09T10:00:00Z"),
        latencyMs: 5,
        branches: [["Region", "EMEA"]],
      },
    ];
    const stored = await createWorkspace(database.db, "Stored Co");
    const mixed = await createWorkspace(database.db, "Mixed Co");
    const s = await createPublishedFlow(database.db, stored.workspaceId, stored.users.admin, "Inbound");
    const m = await createPublishedFlow(database.db, mixed.workspaceId, mixed.users.admin, "Inbound");
    for (const d of decisionsOf(s.flowId, s.versionId))
      await insertDecision(database.db, stored.workspaceId, d);
    for (const [i, d] of decisionsOf(m.flowId, m.versionId).entries()) {
      await insertDecision(database.db, mixed.workspaceId, {
        ...d,
        branchPath: i % 2 === 0 ? "trace-only" : "stored",
      });
    }
    const view = (rows: Awaited<ReturnType<typeof stored.as.viewer.analytics.dashboard>>["branches"]) =>
      rows.map((b) => [b.node, b.branch, b.leads, b.won]);
    const fromStored = await stored.as.viewer.analytics.dashboard(RANGE);
    const fromMixed = await mixed.as.viewer.analytics.dashboard(RANGE);
    expect(view(fromStored.branches)).toEqual([
      ["Region", "EMEA", 2, 1],
      ["Region", "Else", 1, 1],
      ["Size", "Else", 1, 0],
      ["Size", "Large", 1, 1],
    ]);
    expect(view(fromMixed.branches)).toEqual(view(fromStored.branches));
  });
});
