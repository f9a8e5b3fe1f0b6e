import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisions, deployments } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { chooseArm, stickyKey } from "@/server/services/arm-bucketing";
import { publishFlow } from "@/server/services/flows";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf, outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** A routing fixture with v1 live and v2 published beside it. */
async function twoVersions(): Promise<RoutingFixture & { v1: string; v2: string }> {
  const fx = await createRoutingFixture(database.db, { weights: [1, 1] });
  const versions = await fx.as.admin.flows.versions({ flowId: fx.flowId });
  const v1 = versions[0]?.id;
  const v2 = await publishFlow(database.db, fx.workspaceId, fx.users.admin, {
    id: fx.flowId,
    message: "second",
    deploy: false,
  });
  if (!v1) throw new Error("no v1");
  return { ...fx, v1, v2: v2.id };
}

describe("sticky bucketing", () => {
  const arms = [
    { id: "a", weight: 80 },
    { id: "b", weight: 20 },
  ];

  it("the same key meets the same arm on 10,000 calls", () => {
    const key = stickyKey({ email: "  Ada@Example.TEST " }, "email");
    expect(key).toBe("ada@example.test");
    const first = chooseArm(arms, "deployment-1", key);
    for (let i = 0; i < 10_000; i++) expect(chooseArm(arms, "deployment-1", key)).toBe(first);
  });

  it("splits 10,000 distinct keys 80/20 within 3 sigma", () => {
    const n = 10_000;
    let a = 0;
    for (let i = 0; i < n; i++) if (chooseArm(arms, "deployment-2", `lead-${i}@example.test`).id === "a") a++;
    const sigma = Math.sqrt(n * 0.8 * 0.2); // 40
    expect(Math.abs(a - 0.8 * n)).toBeLessThanOrEqual(3 * sigma);
  });

  it("splits three arms 50/30/20 within 3 sigma each", () => {
    const three = [
      { id: "a", weight: 5 },
      { id: "b", weight: 3 },
      { id: "c", weight: 2 },
    ];
    const n = 10_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const arm = chooseArm(three, "deployment-3", `crm-${i}`);
      counts.set(arm.id, (counts.get(arm.id) ?? 0) + 1);
    }
    for (const arm of three) {
      const p = arm.weight / 10;
      expect(Math.abs((counts.get(arm.id) ?? 0) - n * p)).toBeLessThanOrEqual(3 * Math.sqrt(n * p * (1 - p)));
    }
  });

  it("normalises the key and falls back to the lead's canonical JSON", () => {
    expect(stickyKey({ crm_id: 42 }, "crm_id")).toBe("42");
    expect(stickyKey({ crm_id: " X-1 " }, "crm_id")).toBe("x-1");
    // Missing or blank: the whole lead, key order irrelevant.
    expect(stickyKey({ b: 1, a: "x" }, "email")).toBe('{"a":"x","b":1}');
    expect(stickyKey({ a: "x", b: 1, email: "  " }, "email")).toBe(
      stickyKey({ email: "  ", b: 1, a: "x" }, "email"),
    );
  });
});

describe("experiments", () => {
  it("start splits live traffic, records each decision's arm, and the same lead always meets its arm", async () => {
    const fx = await twoVersions();
    const started = await fx.as.editor.experiments.start({
      flowId: fx.flowId,
      name: "Shorter form",
      arms: [
        { versionId: fx.v1, weight: 50 },
        { versionId: fx.v2, weight: 50 },
      ],
    });
    const seen = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const { response } = await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i % 20),
      });
      const email = String(emeaLead(i % 20).email);
      const before = seen.get(email);
      if (before) expect(response.version.id).toBe(before);
      seen.set(email, response.version.id);
      const [decision] = await database.db
        .select({ versionId: decisions.versionId, deploymentId: decisions.deploymentId })
        .from(decisions)
        .where(eq(decisions.id, response.decisionId));
      expect(decision).toEqual({ versionId: response.version.id, deploymentId: started.deploymentId });
    }
    expect(new Set(seen.values())).toEqual(new Set([fx.v1, fx.v2]));
  });

  it("a sticky field other than email buckets on that field", async () => {
    const fx = await twoVersions();
    await fx.as.editor.experiments.start({
      flowId: fx.flowId,
      name: "By CRM id",
      stickyField: "crm_id",
      arms: [
        { versionId: fx.v1, weight: 1 },
        { versionId: fx.v2, weight: 1 },
      ],
    });
    expect((await fx.as.viewer.experiments.list({ flowId: fx.flowId })).stickyField).toBe("crm_id");
    for (let id = 0; id < 10; id++) {
      const versions = new Set<string>();
      for (let email = 0; email < 4; email++) {
        const { response } = await routeOne(database.db, {
          workspaceId: fx.workspaceId,
          flowId: fx.flowId,
          lead: { ...emeaLead(email * 100 + id), crm_id: `C-${id}` },
        });
        versions.add(response.version.id);
      }
      expect(versions.size).toBe(1);
    }
  });

  it("plain deployments record their deployment too", async () => {
    const fx = await createRoutingFixture(database.db, { weights: [1] });
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(1),
    });
    const [live] = await database.db
      .select({ id: deployments.id })
      .from(deployments)
      .where(and(eq(deployments.flowId, fx.flowId), eq(deployments.active, true)));
    const [decision] = await database.db
      .select({ deploymentId: decisions.deploymentId })
      .from(decisions)
      .where(eq(decisions.id, response.decisionId));
    expect(decision?.deploymentId).toBe(live?.id);
  });

  it("validates arms: two distinct published versions of this flow with positive whole weights", async () => {
    const fx = await twoVersions();
    const start = (arms: { versionId: string; weight: number }[]) =>
      errorOf(fx.as.editor.experiments.start({ flowId: fx.flowId, name: "X", arms }));
    await expect(start([{ versionId: fx.v1, weight: 1 }])).resolves.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("arms: must have at least two arms"),
    });
    await expect(
      start([
        { versionId: fx.v1, weight: 1 },
        { versionId: fx.v1, weight: 2 },
      ]),
    ).resolves.toMatchObject({ message: expect.stringContaining("arms: must not list a version twice") });
    await expect(
      start([
        { versionId: fx.v1, weight: 1.5 },
        { versionId: fx.v2, weight: 2 },
      ]),
    ).resolves.toMatchObject({ message: expect.stringContaining("arms.0.weight: must be a whole number") });
    const other = await twoVersions();
    await expect(
      start([
        { versionId: fx.v1, weight: 1 },
        { versionId: other.v2, weight: 1 },
      ]),
    ).resolves.toMatchObject({
      code: "BAD_REQUEST",
      message: "arms.1.versionId: no published version of this flow",
    });
    await expect(
      outcomeOf(
        fx.as.viewer.experiments.start({
          flowId: fx.flowId,
          name: "X",
          arms: [
            { versionId: fx.v1, weight: 1 },
            { versionId: fx.v2, weight: 1 },
          ],
        }),
      ),
    ).resolves.toBe("FORBIDDEN");
  });

  it("stop deploys the version live before the experiment and keeps the experiment's history", async () => {
    const fx = await twoVersions();
    const { deploymentId } = await fx.as.editor.experiments.start({
      flowId: fx.flowId,
      name: "Stop me",
      arms: [
        { versionId: fx.v1, weight: 20 },
        { versionId: fx.v2, weight: 80 },
      ],
    });
    await routeOne(database.db, { workspaceId: fx.workspaceId, flowId: fx.flowId, lead: emeaLead(7) });
    const stopped = await fx.as.editor.experiments.stop({ flowId: fx.flowId });
    expect(stopped).toMatchObject({ versionId: fx.v1, number: 1 });
    const list = await fx.as.viewer.experiments.list({ flowId: fx.flowId });
    expect(list.experiments).toHaveLength(1);
    expect(list.experiments[0]).toMatchObject({
      deploymentId,
      name: "Stop me",
      active: false,
      endedAt: expect.any(Date),
      endedWith: { versionId: fx.v1, number: 1 },
    });
    expect(list.experiments[0]?.arms.map((a) => a.weight)).toEqual([20, 80]);
    const results = await fx.as.viewer.experiments.results({ deploymentId });
    expect(results.arms.reduce((n, a) => n + a.leads, 0)).toBe(1);
    expect(await outcomeOf(fx.as.editor.experiments.stop({ flowId: fx.flowId }))).toBe("CONFLICT");
    const versions = await fx.as.viewer.flows.versions({ flowId: fx.flowId });
    expect(versions.find((v) => v.id === fx.v1)?.liveWeight).toBe(100);
  });

  it("stop with a chosen version, and promote puts the winner at 100% in one call", async () => {
    const fx = await twoVersions();
    const arms = [
      { versionId: fx.v1, weight: 50 },
      { versionId: fx.v2, weight: 50 },
    ];
    await fx.as.editor.experiments.start({ flowId: fx.flowId, name: "First", arms });
    expect(await fx.as.editor.experiments.stop({ flowId: fx.flowId, versionId: fx.v2 })).toMatchObject({
      number: 2,
    });
    const second = await fx.as.editor.experiments.start({ flowId: fx.flowId, name: "Second", arms });
    await expect(
      outcomeOf(
        fx.as.editor.experiments.promote({ deploymentId: second.deploymentId, versionId: fx.workspaceId }),
      ),
    ).resolves.toBe("BAD_REQUEST");
    const promoted = await fx.as.editor.experiments.promote({
      deploymentId: second.deploymentId,
      versionId: fx.v2,
    });
    expect(promoted).toMatchObject({ versionId: fx.v2, number: 2 });
    const { response } = await routeOne(database.db, {
      workspaceId: fx.workspaceId,
      flowId: fx.flowId,
      lead: emeaLead(3),
    });
    expect(response.version.number).toBe(2);
    await expect(
      outcomeOf(fx.as.editor.experiments.promote({ deploymentId: second.deploymentId, versionId: fx.v2 })),
    ).resolves.toBe("CONFLICT");
    const list = await fx.as.viewer.experiments.list({ flowId: fx.flowId });
    expect(list.experiments.map((e) => [e.name, e.active, e.endedWith?.number])).toEqual([
      ["Second", false, 2],
      ["First", false, 2],
    ]);
  });
});

describe("experiment results", () => {
  it("counts leads, contacts, conversions, revenue and speed-to-lead per arm", async () => {
    const fx = await twoVersions();
    const { deploymentId } = await fx.as.editor.experiments.start({
      flowId: fx.flowId,
      name: "Measured",
      arms: [
        { versionId: fx.v1, weight: 1 },
        { versionId: fx.v2, weight: 1 },
      ],
    });
    const byArm = new Map<string, string[]>();
    for (let i = 0; i < 12; i++) {
      const { response } = await routeOne(database.db, {
        workspaceId: fx.workspaceId,
        flowId: fx.flowId,
        lead: emeaLead(i),
      });
      byArm.set(response.version.id, [...(byArm.get(response.version.id) ?? []), response.leadId]);
    }
    const v1Leads = byArm.get(fx.v1) ?? [];
    expect(v1Leads.length).toBeGreaterThan(1);
    const [first, second] = v1Leads as [string, string];
    const created = async (leadId: string) => (await fx.as.viewer.leads.get({ id: leadId })).lead.createdAt;
    const at = (base: Date, ms: number) => new Date(base.getTime() + ms).toISOString();
    const c1 = await created(first);
    const c2 = await created(second);
    await fx.as.editor.outcomes.report({ leadId: first, kind: "contacted", occurredAt: at(c1, 60_000) });
    await fx.as.editor.outcomes.report({ leadId: second, kind: "contacted", occurredAt: at(c2, 180_000) });
    await fx.as.editor.outcomes.report({ leadId: first, kind: "won", value: 1200 });
    await fx.as.editor.outcomes.report({ leadId: second, kind: "qualified" });

    const won = await fx.as.viewer.experiments.results({ deploymentId });
    const v1 = won.arms.find((a) => a.versionId === fx.v1);
    expect(v1).toMatchObject({
      leads: v1Leads.length,
      contacted: 2,
      conversions: 1,
      won: 1,
      revenue: 1200,
      medianSpeedToLeadMs: 120_000,
      label: "v1",
      weight: 1,
    });
    expect(v1?.conversionInterval?.low).toBeGreaterThan(0);
    expect(won.verdict.state).toBe("not_enough_data");
    expect(won.verdict.message).toMatch(/^Not enough data yet: /);
    const qualified = await fx.as.viewer.experiments.results({ deploymentId, metric: "qualified" });
    // "won" counts as qualified too: reaching a later stage implies the earlier one.
    expect(qualified.arms.find((a) => a.versionId === fx.v1)?.conversions).toBe(2);
    expect(qualified.arms.reduce((n, a) => n + a.leads, 0)).toBe(12);
  });
});
