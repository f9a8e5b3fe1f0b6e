import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "@/drizzle/schema";
import type { FlowGraphInput } from "@/engine";
import type { Database } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf, outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead, liveStateOf, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

async function route(fx: RoutingFixture, lead: Record<string, unknown>) {
  const { response } = await routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead });
  return response;
}

async function dryRun(fx: RoutingFixture, lead: Record<string, unknown>, graph?: FlowGraphInput) {
  const result = await fx.as.viewer.flowTests.run({ flowId: fx.flowId, lead, ...(graph && { graph }) });
  if (!result.ok) throw new Error(`expected a valid draft: ${JSON.stringify(result.issues)}`);
  return result;
}

describe("test run (dry run)", () => {
  it("previews the rep a real route then picks, for every strategy", async () => {
    for (const options of [
      { weights: [1, 1, 1] },
      { weights: [3, 1, 2] },
      { weights: [1, 1], strategy: "least_loaded" as const },
    ]) {
      const fx = await createRoutingFixture(database.db, options);
      for (let i = 0; i < 7; i++) {
        const preview = await dryRun(fx, emeaLead(i));
        const again = await dryRun(fx, emeaLead(i));
        expect(again.outcome).toEqual(preview.outcome);
        const routed = await route(fx, emeaLead(i));
        expect(preview.outcome).toMatchObject({ kind: "pool", pool: { id: fx.poolId, name: "EMEA" } });
        if (preview.outcome.kind !== "pool" || routed.assignee?.type !== "rep")
          throw new Error("rep expected");
        expect(preview.outcome.rep.id).toBe(routed.assignee.id);
        // The explanation is the one the decision log records for the real route.
        expect(preview.explanation).toEqual(routed.path);
      }
    }
  });

  it("changes nothing: no lead, no decision, no claimed capacity, no moved cursor", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [2, 1], capacity: 5 });
    await route(fx, emeaLead(0));
    await fx.as.editor.flowTests.create({
      flowId: fx.flowId,
      name: "DE goes to EMEA",
      lead: emeaLead(1),
      expected: { kind: "pool", poolId: fx.poolId },
    });
    const before = await liveStateOf(database.db, fx.workspaceId);
    for (let i = 0; i < 5; i++) {
      await dryRun(fx, emeaLead(i));
      await fx.as.viewer.flowTests.runAll({ flowId: fx.flowId });
    }
    await dryRun(fx, { source: "web_form", country: "US" });
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);
  });

  it("reports path, travelled edges, steps, score and a canvas highlight", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [2, 1] });
    const result = await dryRun(fx, emeaLead(0));
    expect(result).toMatchObject({
      score: null,
      band: null,
      fallback: false,
      path: ["source", "territory", "pool-1"],
      edgeIds: ["source-next", "territory-case-1"],
    });
    expect(result.steps.map((s) => [s.nodeId, s.nodeType, s.result])).toEqual([
      ["source", "source", "accepted"],
      ["territory", "branch", "matched"],
      ["pool-1", "pool", "pool"],
    ]);
    expect(result.steps[2]?.summary).toBe("weighted round-robin in EMEA picked Rep 1 (weight 2)");
    expect(result.highlight.edgeIds).toEqual(result.edgeIds);
    expect(result.highlight.nodes).toEqual({
      source: { status: "visited", note: 'Channel "web_form" accepted' },
      territory: { status: "visited", note: expect.stringContaining("→ EMEA") },
      "pool-1": { status: "visited", note: "would pick Rep 1" },
    });
    expect(result.pools).toEqual([
      {
        nodeId: "pool-1",
        poolId: fx.poolId,
        poolName: "EMEA",
        strategy: "weighted_round_robin",
        rep: { id: fx.repIds[0], name: "Rep 1", email: expect.any(String) },
        skipped: [],
      },
    ]);
  });

  it("names skipped reps, and follows the pool's no-eligible edge exactly as live routing does", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1] });
    const [first, second] = fx.repIds;
    if (!first || !second) throw new Error("fixture");
    await fx.as.editor.reps.setStatus({
      id: first,
      status: "away",
      awayUntil: new Date(Date.now() + 86_400_000),
    });
    const oneAway = await dryRun(fx, emeaLead(0));
    expect(oneAway.outcome).toMatchObject({ kind: "pool", rep: { id: second } });
    expect(oneAway.pools[0]?.skipped).toEqual([
      { repId: first, name: "Rep 1", reason: "away", reasonText: "away" },
    ]);

    await fx.as.editor.reps.update({ id: second, capacity: 0 });
    const nobody = await dryRun(fx, emeaLead(0));
    expect(nobody).toMatchObject({
      outcome: { kind: "queue", queue: "Unassigned" },
      fallback: true,
      path: ["source", "territory", "pool-1", "fallback"],
      edgeIds: ["source-next", "territory-case-1", "pool-1-no-eligible"],
    });
    expect(nobody.pools[0]).toMatchObject({
      rep: null,
      skipped: [{ reason: "away" }, { reason: "at_capacity" }],
    });
    expect(nobody.highlight.nodes["pool-1"]).toEqual({ status: "visited", note: "no eligible rep" });
    expect(nobody.steps.map((s) => s.result)).toEqual(["accepted", "matched", "no_eligible", "fallback"]);
    const routed = await route(fx, emeaLead(0));
    expect(routed.assignee).toEqual({ type: "queue", name: "Unassigned" });
    expect(nobody.explanation).toEqual(routed.path);
  });

  it("shows a rejected lead stopping at the source", async () => {
    const fx = await createRoutingFixture(database.db);
    const result = await dryRun(fx, { source: "event", country: "DE" });
    expect(result.outcome).toEqual({ kind: "rejected", reason: expect.any(String) });
    expect(result.path).toEqual(["source"]);
    expect(result.edgeIds).toEqual([]);
    expect(result.highlight.nodes.source?.status).toBe("rejected");
  });

  it("runs the unsaved graph it is given instead of the stored draft", async () => {
    const fx = await createRoutingFixture(database.db);
    const unsaved = territoryGraph([{ caseLabel: "EMEA", countries: ["US"], poolId: fx.poolId }], "Nurture");
    const withGraph = await dryRun(fx, emeaLead(0), unsaved);
    expect(withGraph.outcome).toEqual({ kind: "queue", queue: "Nurture" });
    expect(withGraph.edgeIds).toEqual(["source-next", "territory-else"]);
    const stored = await dryRun(fx, emeaLead(0));
    expect(stored.outcome.kind).toBe("pool");
    // The stored draft was not touched by the run with the unsaved graph.
    const flow = await fx.as.viewer.flows.get({ id: fx.flowId });
    expect(flow.draftRevision).toBe(0);
  });

  it("answers an invalid draft with its issues instead of an error", async () => {
    const fx = await createRoutingFixture(database.db);
    const broken = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: crypto.randomUUID() }]);
    const result = await fx.as.viewer.flowTests.run({ flowId: fx.flowId, graph: broken, lead: emeaLead(0) });
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error("unreachable");
    expect(result.issues).toContainEqual(expect.objectContaining({ code: "unknown_pool", nodeId: "pool-1" }));
    const shapeless = await fx.as.viewer.flowTests.run({
      flowId: fx.flowId,
      graph: { nodes: [{ id: "x" }], edges: [] },
      lead: {},
    });
    expect(shapeless.ok).toBe(false);
  });

  it("names the rep of an assign node and computes score and band", async () => {
    const fx = await createRoutingFixture(database.db);
    const graph: FlowGraphInput = {
      version: 1,
      nodes: [
        {
          id: "src",
          type: "source",
          position: { x: 0, y: 0 },
          data: { channels: [], fields: [{ name: "company_size", type: "number" }] },
        },
        {
          id: "score",
          type: "score",
          position: { x: 0, y: 100 },
          data: {
            rules: [
              {
                id: "big",
                label: "Big company",
                condition: { kind: "rule", field: "company_size", operator: "gte", value: 500 },
                points: 70,
              },
            ],
            bands: { hot: 60, warm: 30 },
          },
        },
        {
          id: "owner",
          type: "assign",
          position: { x: 0, y: 200 },
          data: { target: { kind: "rep", repId: fx.repIds[1] ?? "" } },
        },
      ],
      edges: [
        { id: "e1", source: "src", sourceHandle: "next", target: "score" },
        { id: "e2", source: "score", sourceHandle: "next", target: "owner" },
      ],
    };
    const before = await liveStateOf(database.db, fx.workspaceId);
    const result = await dryRun(fx, { company_size: 900 }, graph);
    expect(result).toMatchObject({
      outcome: { kind: "rep", rep: { id: fx.repIds[1], name: "Rep 2" } },
      score: 70,
      band: "hot",
      edgeIds: ["e1", "e2"],
    });
    expect(result.highlight.nodes.score?.note).toBe("score 70 (hot)");
    expect(result.highlight.nodes.owner?.note).toBe("to Rep 2");
    expect(result.steps.at(-1)?.summary).toBe("Assigned to Rep 2");
    // A fixed owner is not charged a lead by a test run either.
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);
  });

  it("checks the lead like routing does and hides other workspaces' flows", async () => {
    const fx = await createRoutingFixture(database.db);
    const other = await createRoutingFixture(database.db);
    await expect(
      errorOf(fx.as.viewer.flowTests.run({ flowId: fx.flowId, lead: ["not", "an", "object"] })),
    ).resolves.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("lead:") });
    await expect(
      errorOf(fx.as.viewer.flowTests.run({ flowId: fx.flowId, lead: { notes: "x".repeat(70_000) } })),
    ).resolves.toMatchObject({ code: "BAD_REQUEST" });
    await expect(outcomeOf(fx.as.viewer.flowTests.run({ flowId: other.flowId, lead: {} }))).resolves.toBe(
      "NOT_FOUND",
    );
    await expect(outcomeOf(fx.anonymous.flowTests.run({ flowId: fx.flowId, lead: {} }))).resolves.toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("recent leads", () => {
  it("lists the flow's latest routed leads with their assignee, newest first", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1] });
    const routed = [];
    for (let i = 0; i < 3; i++) routed.push(await route(fx, emeaLead(i)));
    routed.push(await route(fx, { source: "web_form", country: "US", email: "us@example.test" }));
    const other = await createRoutingFixture(database.db);
    await routeOne(database.db, { workspaceId: other.workspaceId, flowId: other.flowId, lead: emeaLead(9) });

    const recent = await fx.as.viewer.flowTests.recentLeads({ flowId: fx.flowId, limit: 3 });
    expect(recent.map((l) => l.id)).toEqual(
      routed
        .slice(1)
        .reverse()
        .map((r) => r.leadId),
    );
    expect(recent[0]).toMatchObject({
      payload: { country: "US", email: "us@example.test" },
      assigneeName: "Unassigned queue",
    });
    expect(recent[1]?.assigneeName).toMatch(/^Rep \d$/);
    expect(recent[0]?.createdAt).toBeInstanceOf(Date);
    const all = await fx.as.viewer.flowTests.recentLeads({ flowId: fx.flowId });
    expect(all).toHaveLength(4);
    const [stored] = await database.db
      .select({ n: count() })
      .from(leads)
      .where(and(eq(leads.workspaceId, fx.workspaceId), eq(leads.flowId, fx.flowId)));
    expect(stored?.n).toBe(4);
  });
});
