import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { FLOW_TEMPLATES } from "@/server/schemas";
import { starterGraph } from "@/server/services/flow-templates";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, uniqueEmail, type WorkspaceFixture } from "@/test/helpers/fixtures";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A workspace shaped like the demo seed: regional pools and a Healthcare specialists pool. */
async function demoLikeWorkspace() {
  const ws = await createWorkspace(database.db, "Demo-like Co");
  const rep = async (name: string, skills: string[]) =>
    (await ws.as.admin.reps.create({ name, email: uniqueEmail("rep"), skills })).id;
  const ava = await rep("Ava", ["saas", "smb"]);
  const marcus = await rep("Marcus", ["fintech", "enterprise"]);
  const priya = await rep("Priya", ["healthcare", "enterprise"]);
  const ana = await rep("Ana", ["healthcare", "german"]);
  const luca = await rep("Luca", ["manufacturing"]);
  const chloe = await rep("Chloé", ["saas", "french"]);
  const yuki = await rep("Yuki", ["manufacturing", "japanese"]);
  const pool = async (name: string, members: string[]) =>
    (await ws.as.admin.pools.create({ name, members: members.map((repId) => ({ repId })) })).id;
  const pools = {
    naSmb: await pool("NA SMB", [ava, marcus]),
    emea: await pool("EMEA", [ana, luca, chloe]),
    apac: await pool("APAC", [yuki]),
    healthcare: await pool("Healthcare", [priya, ana]),
  };
  return { ...ws, pools };
}

async function createValidPublished(ws: WorkspaceFixture, template: (typeof FLOW_TEMPLATES)[number]) {
  const flow = await ws.as.editor.flows.create({ name: `From ${template}`, template });
  const validation = await ws.as.viewer.flows.validate({ id: flow.id });
  expect(validation.issues).toEqual([]);
  const version = await ws.as.editor.flows.publish({ id: flow.id, message: "from template" });
  expect(version.number).toBe(1);
  return flow;
}

async function outcome(ws: WorkspaceFixture, flowId: string, lead: Record<string, unknown>) {
  const result = await ws.as.viewer.flowTests.run({ flowId, lead });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return { ...result.outcome, band: result.band };
}

describe("flow templates", () => {
  it("every template validates and publishes in a workspace without pools", async () => {
    const ws = await createWorkspace(database.db, "Empty Co");
    for (const template of FLOW_TEMPLATES) await createValidPublished(ws, template);
    const territory = await createValidPublished(ws, "territory");
    expect(await outcome(ws, territory.id, { source: "web_form", country: "DE" })).toMatchObject({
      kind: "queue",
      queue: "EMEA",
    });
    const scored = await createValidPublished(ws, "score_intent_skill");
    expect(
      await outcome(ws, scored.id, {
        company_size: 5000,
        title: "VP Operations",
        intent: "demo_request",
        industry: "healthcare",
      }),
    ).toMatchObject({ kind: "queue", queue: "Healthcare team", band: "hot" });
  });

  it("every template validates and publishes, built from the workspace's pools", async () => {
    const ws = await demoLikeWorkspace();
    for (const template of FLOW_TEMPLATES) await createValidPublished(ws, template);

    const roundRobin = await createValidPublished(ws, "round_robin");
    // The largest pool (EMEA, three members) takes every lead.
    expect(await outcome(ws, roundRobin.id, { country: "US" })).toMatchObject({
      kind: "pool",
      pool: { id: ws.pools.emea },
    });

    const territory = await createValidPublished(ws, "territory");
    const country = (c: string) => outcome(ws, territory.id, { source: "web_form", country: c });
    expect(await country("DE")).toMatchObject({ kind: "pool", pool: { id: ws.pools.emea } });
    expect(await country("JP")).toMatchObject({ kind: "pool", pool: { id: ws.pools.apac } });
    expect(await country("US")).toMatchObject({ kind: "pool", pool: { id: ws.pools.naSmb } });
    // No LATAM pool: Brazil falls back to the Unassigned queue.
    expect(await country("BR")).toMatchObject({ kind: "queue", queue: "Unassigned" });

    const scored = await createValidPublished(ws, "score_intent_skill");
    const hot = { company_size: 5000, title: "Head of Sales", intent: "pricing" };
    expect(await outcome(ws, scored.id, { ...hot, industry: "healthcare" })).toMatchObject({
      kind: "pool",
      pool: { id: ws.pools.healthcare },
      band: "hot",
    });
    expect(await outcome(ws, scored.id, { ...hot, industry: "fintech" })).toMatchObject({
      kind: "pool",
      pool: { id: ws.pools.naSmb },
      rep: { name: "Marcus" },
    });
    // SaaS reps sit in NA SMB and EMEA (one each): the smaller pool wins, restricted to the skill.
    expect(await outcome(ws, scored.id, { ...hot, industry: "saas" })).toMatchObject({
      kind: "pool",
      pool: { id: ws.pools.naSmb },
      rep: { name: "Ava" },
    });
    // Three industries at most: the rest go to the largest pool.
    expect(await outcome(ws, scored.id, { ...hot, industry: "manufacturing" })).toMatchObject({
      kind: "pool",
      pool: { id: ws.pools.emea },
    });
    expect(await outcome(ws, scored.id, { company_size: 10, intent: "newsletter" })).toMatchObject({
      kind: "queue",
      queue: "Nurture",
      band: "cold",
    });
    // Specialists first, then anyone in the largest pool: with both healthcare reps away, EMEA takes it.
    const members = (await ws.as.viewer.pools.get({ id: ws.pools.healthcare })).members;
    for (const member of members) await ws.as.editor.reps.setStatus({ id: member.repId, status: "away" });
    const overflow = await ws.as.viewer.flowTests.run({
      flowId: scored.id,
      lead: { ...hot, industry: "healthcare" },
    });
    if (!overflow.ok) throw new Error("valid");
    expect(overflow.outcome).toMatchObject({ kind: "pool", pool: { id: ws.pools.emea } });
    expect(overflow.path).toEqual(["source", "score", "intent", "skill", "pool-healthcare", "pool-general"]);
  });

  it("lists the templates with what each would use here; blank stays the default", async () => {
    const ws = await demoLikeWorkspace();
    const templates = await ws.as.viewer.flows.templates();
    expect(templates.map((t) => t.id)).toEqual([...FLOW_TEMPLATES]);
    expect(templates.find((t) => t.id === "round_robin")?.note).toContain("EMEA");
    expect(templates.find((t) => t.id === "territory")?.note).toBe(
      "Uses your pools for North America, EMEA, APAC.",
    );
    expect(templates.every((t) => t.name.length > 0 && t.description.length > 0)).toBe(true);
    const plain = await ws.as.editor.flows.create({ name: "Plain" });
    expect(plain.draft).toEqual(starterGraph());

    const empty = await createWorkspace(database.db, "Empty Co");
    const emptyNotes = await empty.as.viewer.flows.templates();
    expect(emptyNotes.find((t) => t.id === "round_robin")?.note).toContain("no pools yet");
  });
});
