import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf, outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("flows, drafts and versions", () => {
  it("a new flow starts with a valid starter draft at revision 0", async () => {
    const fx = await createRoutingFixture(database.db);
    const flow = await fx.as.editor.flows.create({ name: "Fresh" });
    expect(flow.draftRevision).toBe(0);
    await expect(fx.as.viewer.flows.validate({ id: flow.id })).resolves.toMatchObject({
      ok: true,
      issues: [],
    });
  });

  it("rejects a stale draft save with CONFLICT and keeps the newer draft", async () => {
    const fx = await createRoutingFixture(database.db);
    const flow = await fx.as.editor.flows.create({ name: "Shared" });
    const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: fx.poolId }]);
    const saved = await fx.as.editor.flows.saveDraft({ id: flow.id, graph, expectedRevision: 0 });
    expect(saved.draftRevision).toBe(1);
    const stale = await errorOf(
      fx.as.admin.flows.saveDraft({ id: flow.id, graph: { nodes: [], edges: [] }, expectedRevision: 0 }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("now revision 1") });
    expect((await fx.as.viewer.flows.get({ id: flow.id })).draft).toEqual(graph);
  });

  it("refuses to publish an invalid draft, listing the problems", async () => {
    const fx = await createRoutingFixture(database.db);
    const flow = await fx.as.editor.flows.create({ name: "Broken" });
    const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: crypto.randomUUID() }]);
    await fx.as.editor.flows.saveDraft({ id: flow.id, graph, expectedRevision: 0 });
    const validation = await fx.as.viewer.flows.validate({ id: flow.id });
    expect(validation.ok).toBe(false);
    expect(validation.issues.some((i) => i.nodeId === "pool-1")).toBe(true);
    const error = await errorOf(fx.as.editor.flows.publish({ id: flow.id, message: "nope" }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("pool-1") });
    expect(await fx.as.viewer.flows.versions({ flowId: flow.id })).toHaveLength(0);
  });

  it("numbers versions, diffs them, and rolls back by deploying an older one", async () => {
    const fx = await createRoutingFixture(database.db);
    const flow = await fx.as.viewer.flows.get({ id: fx.flowId });
    const [v1] = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    if (!v1) throw new Error("fixture publishes v1");
    // v2 only takes US leads into the pool; EMEA leads now fall back to the "Nurture" queue.
    const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["US"], poolId: fx.poolId }], "Nurture");
    await fx.as.editor.flows.saveDraft({ id: fx.flowId, graph, expectedRevision: flow.draftRevision });
    const v2 = await fx.as.editor.flows.publish({ id: fx.flowId, message: "everyone to nurture" });
    expect(v2.number).toBe(2);
    expect(v2.contentHash).not.toBe(v1.contentHash);

    const diff = await fx.as.viewer.flows.diff({ fromVersionId: v1.id, toVersionId: v2.id });
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: ["fallback", "territory"] });
    expect(diff.edges).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.identical).toBe(false);

    const onV2 = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
    });
    expect(onV2.response).toMatchObject({
      version: { number: 2 },
      assignee: { type: "queue", name: "Nurture" },
    });

    await fx.as.editor.flows.deploy({ versionId: v1.id });
    const onV1 = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(2),
    });
    expect(onV1.response).toMatchObject({ version: { number: 1 }, outcome: "rep" });
    const versions = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    expect(versions.map((v) => [v.number, v.liveWeight])).toEqual([
      [2, null],
      [1, 100],
    ]);
    const listed = (await fx.as.viewer.flows.list()).find((f) => f.id === fx.flowId);
    expect(listed).toMatchObject({
      latestVersion: 2,
      liveVersions: [{ number: 1, weight: 100 }],
      leadsToday: 2,
    });
  });

  it("published versions are immutable: later draft edits do not change them", async () => {
    const fx = await createRoutingFixture(database.db);
    const [v1] = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    if (!v1) throw new Error("fixture publishes v1");
    const before = await fx.as.viewer.flows.version({ versionId: v1.id });
    const flow = await fx.as.viewer.flows.get({ id: fx.flowId });
    await fx.as.editor.flows.saveDraft({
      id: fx.flowId,
      graph: { nodes: [], edges: [] },
      expectedRevision: flow.draftRevision,
    });
    expect(await fx.as.viewer.flows.version({ versionId: v1.id })).toEqual(before);
  });

  it("publishing with a stale expected revision is a CONFLICT", async () => {
    const fx = await createRoutingFixture(database.db);
    await expect(
      outcomeOf(fx.as.editor.flows.publish({ id: fx.flowId, expectedRevision: 99 })),
    ).resolves.toBe("CONFLICT");
  });
});
