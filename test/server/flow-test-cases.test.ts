import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf, outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** Two cases that pass on the fixture's flow: DE goes to the EMEA pool, US to the Unassigned queue. */
async function addPassingCases(fx: RoutingFixture) {
  const de = await fx.as.editor.flowTests.create({
    flowId: fx.flowId,
    name: "DE lead",
    lead: emeaLead(0),
    expected: { kind: "pool", poolId: fx.poolId },
  });
  const us = await fx.as.editor.flowTests.create({
    flowId: fx.flowId,
    name: "US lead",
    lead: { source: "web_form", country: "US" },
    expected: { kind: "queue", queue: "Unassigned" },
  });
  return { de, us };
}

/** The draft with DE no longer in EMEA: DE leads now fall back to the Unassigned queue. */
async function breakDeRouting(fx: RoutingFixture) {
  const flow = await fx.as.viewer.flows.get({ id: fx.flowId });
  await fx.as.editor.flows.saveDraft({
    id: fx.flowId,
    graph: territoryGraph([{ caseLabel: "EMEA", countries: ["FR"], poolId: fx.poolId }]),
    expectedRevision: flow.draftRevision,
  });
}

describe("saved test cases", () => {
  it("are created, listed by name, updated and deleted by editors; viewers only read", async () => {
    const fx = await createRoutingFixture(database.db);
    const { de, us } = await addPassingCases(fx);
    expect(de).toMatchObject({
      flowId: fx.flowId,
      name: "DE lead",
      lead: emeaLead(0),
      expected: { kind: "pool", poolId: fx.poolId },
      createdBy: fx.users.editor,
    });
    expect((await fx.as.viewer.flowTests.list({ flowId: fx.flowId })).map((c) => c.name)).toEqual([
      "DE lead",
      "US lead",
    ]);
    const updated = await fx.as.editor.flowTests.update({
      id: us.id,
      name: "US lead, hot",
      expected: { kind: "queue", queue: "Unassigned", band: "hot" },
    });
    expect(updated).toMatchObject({ name: "US lead, hot", expected: { band: "hot" }, lead: us.lead });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(us.updatedAt.getTime());
    await fx.as.editor.flowTests.delete({ id: de.id });
    expect((await fx.as.viewer.flowTests.list({ flowId: fx.flowId })).map((c) => c.id)).toEqual([us.id]);
    await expect(outcomeOf(fx.as.editor.flowTests.delete({ id: de.id }))).resolves.toBe("NOT_FOUND");
    await expect(
      outcomeOf(
        fx.as.viewer.flowTests.create({
          flowId: fx.flowId,
          name: "Sneaky",
          lead: {},
          expected: { kind: "rejected" },
        }),
      ),
    ).resolves.toBe("FORBIDDEN");
  });

  it("refuses a duplicate name in one flow, a bad lead and a case for another workspace's flow", async () => {
    const fx = await createRoutingFixture(database.db);
    await addPassingCases(fx);
    const duplicate = await errorOf(
      fx.as.editor.flowTests.create({
        flowId: fx.flowId,
        name: "DE lead",
        lead: {},
        expected: { kind: "rejected" },
      }),
    );
    expect(duplicate).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("name:") });
    await expect(
      outcomeOf(
        fx.as.editor.flowTests.create({
          flowId: fx.flowId,
          name: "Not a lead",
          lead: "just text",
          expected: { kind: "rejected" },
        }),
      ),
    ).resolves.toBe("BAD_REQUEST");
    // The same name in another flow is fine; cases stay with their flow.
    const second = await fx.as.editor.flows.create({ name: "Second" });
    await fx.as.editor.flowTests.create({
      flowId: second.id,
      name: "DE lead",
      lead: {},
      expected: { kind: "queue", queue: "Unassigned" },
    });
    expect(await fx.as.viewer.flowTests.list({ flowId: second.id })).toHaveLength(1);
    expect(await fx.as.viewer.flowTests.list({ flowId: fx.flowId })).toHaveLength(2);

    const other = await createRoutingFixture(database.db);
    await expect(
      outcomeOf(
        other.as.editor.flowTests.create({
          flowId: fx.flowId,
          name: "Planted",
          lead: {},
          expected: { kind: "rejected" },
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    await expect(outcomeOf(other.as.viewer.flowTests.list({ flowId: fx.flowId }))).resolves.toBe("NOT_FOUND");
  });

  it("run all says which cases pass and, in plain words, why the others fail", async () => {
    const fx = await createRoutingFixture(database.db);
    await addPassingCases(fx);
    await fx.as.editor.flowTests.create({
      flowId: fx.flowId,
      name: "FR lead is hot",
      lead: emeaLead(1),
      expected: { kind: "pool", poolId: fx.poolId, band: "hot" },
    });
    // Round-robin starts with the lowest rep id: that rep gets the next DE lead.
    const next = await fx.as.viewer.flowTests.run({ flowId: fx.flowId, lead: emeaLead(0) });
    if (!next.ok || next.outcome.kind !== "pool") throw new Error("DE goes to the pool");
    const nextRep = next.outcome.rep;
    await fx.as.editor.flowTests.create({
      flowId: fx.flowId,
      name: "Next rep gets the next DE lead",
      lead: emeaLead(0),
      expected: { kind: "rep", repId: nextRep.id },
    });
    const passing = await fx.as.viewer.flowTests.runAll({ flowId: fx.flowId });
    if (!passing.ok) throw new Error("draft is valid");
    expect(passing.results.map((r) => [r.name, r.pass, r.reason])).toEqual([
      ["DE lead", true, `went to pool EMEA (${nextRep.name}) as expected`],
      ["FR lead is hot", false, "expected band hot, got no score"],
      ["Next rep gets the next DE lead", true, `went to pool EMEA (${nextRep.name}) as expected`],
      ["US lead", true, "went to queue Unassigned as expected"],
    ]);
    expect(passing).toMatchObject({ passed: 3, failed: 1 });

    // Against an unsaved graph sending only FR to EMEA, the DE cases fail.
    const unsaved = territoryGraph([{ caseLabel: "EMEA", countries: ["FR"], poolId: fx.poolId }]);
    const failing = await fx.as.viewer.flowTests.runAll({ flowId: fx.flowId, graph: unsaved });
    if (!failing.ok) throw new Error("graph is valid");
    const de = failing.results.find((r) => r.name === "DE lead");
    expect(de).toMatchObject({
      pass: false,
      actual: { kind: "queue", queue: "Unassigned" },
      reason: "expected pool EMEA, got queue Unassigned",
    });
    expect(failing.results.find((r) => r.name.startsWith("Next rep"))?.reason).toBe(
      `expected rep ${nextRep.name}, got queue Unassigned`,
    );

    const invalid = await fx.as.viewer.flowTests.runAll({
      flowId: fx.flowId,
      graph: territoryGraph([{ caseLabel: "X", countries: ["DE"], poolId: "" }]),
    });
    expect(invalid.ok).toBe(false);
  });
});

describe("publishing with saved test cases", () => {
  it("is refused while a case fails, naming the failing cases", async () => {
    const fx = await createRoutingFixture(database.db);
    await addPassingCases(fx);
    await breakDeRouting(fx);
    const error = await errorOf(fx.as.editor.flows.publish({ id: fx.flowId, message: "FR only" }));
    expect(error).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining('"DE lead" (expected pool EMEA, got queue Unassigned)'),
    });
    expect(String(Reflect.get(error as object, "message"))).not.toContain("US lead");
    expect(await fx.as.viewer.flows.versions({ flowId: fx.flowId })).toHaveLength(1);
  });

  it("goes ahead with the override and records it in the version message", async () => {
    const fx = await createRoutingFixture(database.db);
    await addPassingCases(fx);
    await breakDeRouting(fx);
    const version = await fx.as.editor.flows.publish({
      id: fx.flowId,
      message: "FR only",
      overrideFailingTests: true,
    });
    expect(version.number).toBe(2);
    expect(version.message).toBe("FR only (published with 1 failing test case)");
    const [latest] = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    expect(latest).toMatchObject({ number: 2, liveWeight: 100 });
  });

  it("publishes as before when every case passes", async () => {
    const fx = await createRoutingFixture(database.db);
    await addPassingCases(fx);
    const version = await fx.as.editor.flows.publish({ id: fx.flowId, message: "same again" });
    expect(version).toMatchObject({ number: 2, message: "same again" });
  });
});
