import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf, outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("routing a lead", () => {
  it("answers who, from which pool and version, and why", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [2, 1] });
    const { response, replayed } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(0),
    });
    expect(replayed).toBe(false);
    expect(response).toMatchObject({
      outcome: "rep",
      assignee: { type: "rep", id: fx.repIds[0], name: "Rep 1" },
      pool: { id: fx.poolId, name: "EMEA" },
      version: { number: 1 },
      fallback: false,
    });
    expect(response.path).toEqual([
      'Channel "web_form" accepted',
      expect.stringContaining("EMEA"),
      "weighted round-robin in EMEA picked Rep 1 (weight 2)",
    ]);
    const detail = await fx.as.viewer.leads.get({ id: response.leadId });
    expect(detail.decision.explanation).toEqual(response.path);
    expect(detail.lead.assignedRepId).toBe(fx.repIds[0]);
    expect(detail.versionNumber).toBe(1);
  });

  it("sends a lead no branch matches to the fallback queue", async () => {
    const fx = await createRoutingFixture(database.db);
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: { source: "web_form", country: "US" },
    });
    expect(response).toMatchObject({
      outcome: "queue",
      assignee: { type: "queue", name: "Unassigned" },
      pool: null,
      fallback: true,
    });
  });

  it("records a lead from a channel the flow does not accept as rejected, without losing it", async () => {
    const fx = await createRoutingFixture(database.db);
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: { source: "event" },
    });
    expect(response.outcome).toBe("rejected");
    expect(response.assignee).toBeNull();
    const listed = await fx.as.viewer.leads.list({ outcome: "rejected" });
    expect(listed.items.map((l) => l.id)).toEqual([response.leadId]);
  });

  it("skips away and at-capacity reps, and names them in the path", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1, 1] });
    const [first, second, third] = fx.repIds;
    if (!first || !second || !third) throw new Error("fixture");
    await fx.as.editor.reps.setStatus({
      id: first,
      status: "away",
      awayUntil: new Date(Date.now() + 86_400_000),
    });
    await fx.as.editor.reps.update({ id: second, capacity: 0 });
    for (let i = 0; i < 3; i++) {
      const { response } = await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i),
      });
      expect(response.assignee).toMatchObject({ type: "rep", id: third });
      expect(response.path.at(-1)).toContain("skipped Rep 1: away, Rep 2: at capacity");
    }
  });

  it("counts a rep whose away date has passed as back", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const [only] = fx.repIds;
    if (!only) throw new Error("fixture");
    await fx.as.editor.reps.setStatus({ id: only, status: "away", awayUntil: new Date(Date.now() + 500) });
    await new Promise((r) => setTimeout(r, 600));
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
    });
    expect(response.assignee).toMatchObject({ type: "rep", id: only });
  });

  it("follows the pool's no-eligible edge when every member is away, inactive or full", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1, 1] });
    const [a, b, c] = fx.repIds;
    if (!a || !b || !c) throw new Error("fixture");
    await fx.as.editor.reps.setStatus({ id: a, status: "away" });
    await fx.as.editor.reps.setStatus({ id: b, status: "inactive" });
    await fx.as.editor.reps.update({ id: c, capacity: 0 });
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
    });
    expect(response).toMatchObject({ outcome: "queue", assignee: { name: "Unassigned" }, fallback: true });
    expect(response.path).toContain("EMEA: no eligible rep (skipped Rep 1: away, Rep 3: at capacity)");
  });

  it("closing a lead frees the rep's capacity; reassigning moves it", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1, 1], capacity: 1 });
    const first = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
    });
    const second = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(2),
    });
    const a = first.response.assignee?.type === "rep" ? first.response.assignee.id : null;
    const b = second.response.assignee?.type === "rep" ? second.response.assignee.id : null;
    expect(new Set([a, b])).toEqual(new Set(fx.repIds));
    const full = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(3),
    });
    expect(full.response.fallback).toBe(true);
    await fx.as.editor.leads.setStatus({ id: first.response.leadId, status: "closed" });
    await fx.as.editor.leads.setStatus({ id: first.response.leadId, status: "closed" });
    const reps = await fx.as.viewer.reps.list();
    expect(reps.find((r) => r.id === a)?.openLeads).toBe(0);
    const again = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(4),
    });
    expect(again.response.assignee).toMatchObject({ id: a });
    if (!b) throw new Error("second lead went to no rep");
    await fx.as.editor.leads.setStatus({ id: full.response.leadId, status: "reassigned", repId: b });
    expect((await fx.as.viewer.reps.list()).find((r) => r.id === b)?.openLeads).toBe(2);
    expect((await fx.as.viewer.leads.get({ id: full.response.leadId })).lead.assignedRepId).toBe(b);
  });
});

describe("idempotency and bad input", () => {
  it("replays the stored response for a repeated key and refuses the key with another body", async () => {
    const fx = await createRoutingFixture(database.db);
    const request = {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
      idempotencyKey: "abc",
    };
    const first = await routeOne(database.db, request);
    const second = await routeOne(database.db, request);
    expect(second).toEqual({ response: first.response, replayed: true });
    const error = await errorOf(routeOne(database.db, { ...request, lead: emeaLead(2) }));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("idempotencyKey:") });
    expect((await fx.as.viewer.leads.list({})).items).toHaveLength(1);
  });

  it.each([
    ["an array", [1, 2], "lead: must be a JSON object"],
    ["a string", "hello", "lead: must be a JSON object"],
    ["null", null, "lead: must be a JSON object"],
    ["too big", { notes: "x".repeat(70_000) }, "lead: is larger than 64 KB"],
    ["too deep", JSON.parse(`${'{"a":'.repeat(20)}1${"}".repeat(20)}`), "lead: nests deeper than 16 levels"],
  ])("refuses %s as a lead with BAD_REQUEST naming it, recording nothing", async (_name, lead, message) => {
    const fx = await createRoutingFixture(database.db);
    const error = await errorOf(
      routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(message) });
    expect((await fx.as.viewer.leads.list({})).items).toHaveLength(0);
  });

  it("handles hostile field names without harm", async () => {
    const fx = await createRoutingFixture(database.db);
    const lead = JSON.parse(
      '{"__proto__": {"country": "DE"}, "constructor": "x", "source": "web_form", "country": "FR"}',
    );
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead,
    });
    expect(response.outcome).toBe("rep");
    expect(({} as Record<string, unknown>).country).toBeUndefined();
  });

  it("answers CONFLICT when the flow has no active deployment", async () => {
    const fx = await createRoutingFixture(database.db);
    const draftOnly = await fx.as.editor.flows.create({ name: "Unpublished" });
    const error = await errorOf(
      routeOne(database.db, { workspaceId: fx.workspaceId, flowId: draftOnly.id, lead: emeaLead(1) }),
    );
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no active deployment"),
    });
    await fx.as.editor.flows.archive({ id: fx.flowId });
    await expect(
      outcomeOf(routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead: emeaLead(1) })),
    ).resolves.toBe("CONFLICT");
  });
});

describe("decision log", () => {
  it("pages through every lead exactly once, newest first, and filters", async () => {
    const fx = await createRoutingFixture(database.db);
    for (let i = 0; i < 7; i++) {
      await routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead: emeaLead(i) });
    }
    await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: { source: "web_form", country: "US", name: "Uma US" },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await fx.as.viewer.leads.list({
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const queued = await fx.as.viewer.leads.list({ outcome: "queue" });
    expect(queued.items.map((l) => l.summary)).toEqual(["Uma US"]);
    const searched = await fx.as.viewer.leads.list({ search: "lead3@" });
    expect(searched.items).toHaveLength(1);
    const byRep = await fx.as.viewer.leads.list({ repId: fx.repIds[0] });
    expect(byRep.items.length).toBeGreaterThan(0);
    expect(byRep.items.every((l) => l.repId === fx.repIds[0])).toBe(true);
  });
});

describe("idempotency key retention", () => {
  it("keeps keys for 48 hours, then prunes them", async () => {
    // Pruning is global, so this runs on a database of its own to leave other test files' keys alone.
    const { openDatabase } = await import("@/server/db/client");
    const { pruneIdempotencyKeys, IDEMPOTENCY_RETENTION_MS } = await import("@/server/services/routing");
    const own = await openDatabase({});
    try {
      const fx = await createRoutingFixture(own.db);
      const request = {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(1),
        idempotencyKey: "keep-me",
      };
      await routeOne(own.db, request);
      await pruneIdempotencyKeys(own.db, new Date(Date.now() + 24 * 3600 * 1000));
      await expect(routeOne(own.db, request)).resolves.toMatchObject({ replayed: true });
      await pruneIdempotencyKeys(own.db, new Date(Date.now() + IDEMPOTENCY_RETENTION_MS + 60_000));
      await expect(routeOne(own.db, request)).resolves.toMatchObject({ replayed: false });
    } finally {
      await own.close();
    }
  });
});
