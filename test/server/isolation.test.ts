import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { territoryGraph } from "@/server/services/flow-templates";
import { openTestDatabase } from "@/test/helpers/db";
import { callByPath, outcomeOf } from "@/test/helpers/fixtures";
import { allProcedures } from "@/test/helpers/procedures";
import { CATALOGUE, createStockedWorkspace, type StockedWorkspace } from "@/test/server/catalogue";

let database: Database;
let a: StockedWorkspace;
let b: StockedWorkspace;

beforeAll(async () => {
  database = await openTestDatabase();
  a = await createStockedWorkspace(database.db, "Workspace A");
  b = await createStockedWorkspace(database.db, "Workspace B");
});
afterAll(() => database.close());

/** What workspace B's admin sees of workspace A through each procedure. */
const ISOLATION_CHECKS: Record<string, () => Promise<void>> = {
  "auth.signUp": async () => {
    const created = await b.anonymous.auth.signUp(CATALOGUE["auth.signUp"]?.validInput(b) as never);
    expect(created.workspaceId).not.toBe(a.workspaceId);
    expect(created.workspaceId).not.toBe(b.workspaceId);
  },
  "auth.me": async () => {
    expect((await b.as.admin.auth.me()).workspaceId).toBe(b.workspaceId);
  },
  "workspace.get": async () => {
    expect((await b.as.admin.workspace.get()).name).toBe("Workspace B");
  },
  "workspace.members": async () => {
    const ids = (await b.as.admin.workspace.members()).map((m) => m.userId);
    expect(ids).not.toContain(a.users.admin);
    expect(ids).toContain(b.users.admin);
  },
  "workspace.rename": async () => {
    await b.as.admin.workspace.rename({ name: "Workspace B" });
    expect((await a.as.admin.workspace.get()).name).toBe("Workspace A");
  },
  "workspace.addMember": async () => {
    const added = await b.as.admin.workspace.addMember({
      name: "Bea",
      email: `bea-${crypto.randomUUID().slice(0, 6)}@example.test`,
      password: "long-enough",
      role: "viewer",
    });
    expect((await a.as.admin.workspace.members()).map((m) => m.userId)).not.toContain(added.userId);
  },
  "workspace.setMemberRole": async () => {
    await expect(
      outcomeOf(b.as.admin.workspace.setMemberRole({ userId: a.users.viewer, role: "admin" })),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.workspace.members()).find((m) => m.userId === a.users.viewer)?.role).toBe(
      "viewer",
    );
  },
  "workspace.removeMember": async () => {
    await expect(outcomeOf(b.as.admin.workspace.removeMember({ userId: a.users.viewer }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.workspace.members()).map((m) => m.userId)).toContain(a.users.viewer);
  },
  "apiKeys.list": async () => {
    expect((await b.as.admin.apiKeys.list()).map((k) => k.id)).not.toContain(a.apiKeyId);
  },
  "apiKeys.create": async () => {
    const created = await b.as.admin.apiKeys.create({ name: "B key", scopes: ["route"] });
    expect((await a.as.admin.apiKeys.list()).map((k) => k.id)).not.toContain(created.id);
  },
  "apiKeys.setRateLimit": async () => {
    await expect(
      outcomeOf(b.as.admin.apiKeys.setRateLimit({ id: a.apiKeyId, rateLimitPerMinute: 1 })),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.apiKeys.list()).find((k) => k.id === a.apiKeyId)?.rateLimitPerMinute).toBe(600);
  },
  "apiKeys.revoke": async () => {
    await expect(outcomeOf(b.as.admin.apiKeys.revoke({ id: a.apiKeyId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.apiKeys.list()).find((k) => k.id === a.apiKeyId)?.revokedAt).toBeNull();
  },
  "reps.list": async () => {
    expect((await b.as.admin.reps.list()).map((r) => r.id)).not.toContain(a.repId);
  },
  "reps.get": async () => {
    await expect(outcomeOf(b.as.admin.reps.get({ id: a.repId }))).resolves.toBe("NOT_FOUND");
  },
  "reps.create": async () => {
    const rep = await b.as.admin.reps.create({
      name: "B rep",
      email: `brep-${crypto.randomUUID().slice(0, 6)}@example.test`,
    });
    expect((await a.as.admin.reps.list()).map((r) => r.id)).not.toContain(rep.id);
  },
  "reps.update": async () => {
    await expect(outcomeOf(b.as.admin.reps.update({ id: a.repId, name: "Hijacked" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.reps.get({ id: a.repId })).name).toBe("Rory Rep");
  },
  "reps.setStatus": async () => {
    await expect(outcomeOf(b.as.admin.reps.setStatus({ id: a.repId, status: "inactive" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.reps.get({ id: a.repId })).status).toBe("active");
  },
  "pools.list": async () => {
    expect((await b.as.admin.pools.list()).map((p) => p.id)).not.toContain(a.poolId);
  },
  "pools.get": async () => {
    await expect(outcomeOf(b.as.admin.pools.get({ id: a.poolId }))).resolves.toBe("NOT_FOUND");
  },
  "pools.create": async () => {
    // B cannot put A's rep into its own pool.
    await expect(
      outcomeOf(b.as.admin.pools.create({ name: "Poach", members: [{ repId: a.repId, weight: 1 }] })),
    ).resolves.toBe("BAD_REQUEST");
  },
  "pools.update": async () => {
    await expect(outcomeOf(b.as.admin.pools.update({ id: a.poolId, name: "Hijacked" }))).resolves.toBe(
      "NOT_FOUND",
    );
    await expect(
      outcomeOf(b.as.admin.pools.update({ id: b.poolId, members: [{ repId: a.repId, weight: 1 }] })),
    ).resolves.toBe("BAD_REQUEST");
    expect((await a.as.admin.pools.get({ id: a.poolId })).name).toBe("Main");
  },
  "pools.archive": async () => {
    await expect(outcomeOf(b.as.admin.pools.archive({ id: a.poolId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.pools.get({ id: a.poolId })).archivedAt).toBeNull();
  },
  "pools.restore": async () => {
    await expect(outcomeOf(b.as.admin.pools.restore({ id: a.poolId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.list": async () => {
    expect((await b.as.admin.flows.list()).map((f) => f.id)).not.toContain(a.flowId);
  },
  "flows.get": async () => {
    await expect(outcomeOf(b.as.admin.flows.get({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.create": async () => {
    const flow = await b.as.admin.flows.create({ name: "B flow" });
    expect((await a.as.admin.flows.list()).map((f) => f.id)).not.toContain(flow.id);
  },
  "flows.update": async () => {
    await expect(outcomeOf(b.as.admin.flows.update({ id: a.flowId, name: "Hijacked" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.flows.get({ id: a.flowId })).name).toBe("Inbound");
  },
  "flows.archive": async () => {
    await expect(outcomeOf(b.as.admin.flows.archive({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.flows.get({ id: a.flowId })).archivedAt).toBeNull();
  },
  "flows.restore": async () => {
    await expect(outcomeOf(b.as.admin.flows.restore({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.saveDraft": async () => {
    const before = await a.as.admin.flows.get({ id: a.flowId });
    await expect(
      outcomeOf(
        b.as.admin.flows.saveDraft({
          id: a.flowId,
          graph: { nodes: [], edges: [] },
          expectedRevision: before.draftRevision,
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.flows.get({ id: a.flowId })).draftRevision).toBe(before.draftRevision);
  },
  "flows.validate": async () => {
    await expect(outcomeOf(b.as.admin.flows.validate({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.publish": async () => {
    const before = (await a.as.admin.flows.versions({ flowId: a.flowId })).length;
    await expect(outcomeOf(b.as.admin.flows.publish({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
    expect(await a.as.admin.flows.versions({ flowId: a.flowId })).toHaveLength(before);
  },
  "flows.versions": async () => {
    await expect(outcomeOf(b.as.admin.flows.versions({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.version": async () => {
    await expect(outcomeOf(b.as.admin.flows.version({ versionId: a.versionId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.diff": async () => {
    await expect(
      outcomeOf(b.as.admin.flows.diff({ fromVersionId: a.versionId, toVersionId: a.versionId })),
    ).resolves.toBe("NOT_FOUND");
  },
  "flows.deploy": async () => {
    await expect(outcomeOf(b.as.admin.flows.deploy({ versionId: a.versionId }))).resolves.toBe("NOT_FOUND");
  },
  "flows.templates": async () => {
    // Templates are built from the caller's own pools only.
    const notes = (await b.as.admin.flows.templates()).map((t) => t.note).join(" ");
    expect(notes).not.toContain(a.poolId);
    const flow = await b.as.admin.flows.create({ name: "B round robin", template: "round_robin" });
    expect(JSON.stringify(flow.draft)).not.toContain(a.poolId);
    expect(JSON.stringify(flow.draft)).toContain(b.poolId);
  },
  "flowTests.run": async () => {
    await expect(outcomeOf(b.as.admin.flowTests.run({ flowId: a.flowId, lead: {} }))).resolves.toBe(
      "NOT_FOUND",
    );
    // B's own graph naming A's pool does not validate: A's pools are unknown to B.
    const flow = await b.as.admin.flows.create({ name: "B probe" });
    const probe = await b.as.admin.flowTests.run({
      flowId: flow.id,
      graph: territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: a.poolId }]),
      lead: { source: "web_form", country: "DE" },
    });
    expect(probe.ok).toBe(false);
  },
  "flowTests.runAll": async () => {
    await expect(outcomeOf(b.as.admin.flowTests.runAll({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flowTests.recentLeads": async () => {
    await expect(outcomeOf(b.as.admin.flowTests.recentLeads({ flowId: a.flowId, limit: 5 }))).resolves.toBe(
      "NOT_FOUND",
    );
  },
  "flowTests.list": async () => {
    await expect(outcomeOf(b.as.admin.flowTests.list({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "flowTests.create": async () => {
    await expect(
      outcomeOf(
        b.as.admin.flowTests.create({
          flowId: a.flowId,
          name: "Planted",
          lead: {},
          expected: { kind: "queue", queue: "Unassigned" },
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.flowTests.list({ flowId: a.flowId })).map((c) => c.name)).not.toContain(
      "Planted",
    );
  },
  "flowTests.update": async () => {
    await expect(
      outcomeOf(b.as.admin.flowTests.update({ id: a.testCaseId, name: "Hijacked" })),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.flowTests.list({ flowId: a.flowId })).map((c) => c.name)).not.toContain(
      "Hijacked",
    );
  },
  "flowTests.delete": async () => {
    await expect(outcomeOf(b.as.admin.flowTests.delete({ id: a.testCaseId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.flowTests.list({ flowId: a.flowId })).map((c) => c.id)).toContain(a.testCaseId);
  },
  "routing.route": async () => {
    await expect(
      outcomeOf(b.as.admin.routing.route({ flowId: a.flowId, lead: { email: "z@example.test" } })),
    ).resolves.toBe("NOT_FOUND");
  },
  "leads.list": async () => {
    expect((await b.as.admin.leads.list({})).items.map((l) => l.id)).not.toContain(a.leadId);
  },
  "leads.get": async () => {
    await expect(outcomeOf(b.as.admin.leads.get({ id: a.leadId }))).resolves.toBe("NOT_FOUND");
  },
  "leads.setStatus": async () => {
    await expect(outcomeOf(b.as.admin.leads.setStatus({ id: a.leadId, status: "closed" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.leads.get({ id: a.leadId })).lead.status).toBe("open");
  },
  "analytics.dashboard": async () => {
    const range = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
    // B sees its own routed leads; naming A's flow or pool finds nothing of A's.
    expect((await b.as.admin.analytics.dashboard(range)).kpis.leadsRouted).toBeGreaterThan(0);
    const probe = await b.as.admin.analytics.dashboard({ ...range, flowId: a.flowId, poolId: a.poolId });
    expect(probe.kpis.leadsRouted).toBe(0);
    expect(probe.pools).toEqual([]);
    expect(probe.utilisation).toEqual([]);
  },
  "experiments.list": async () => {
    await expect(outcomeOf(b.as.admin.experiments.list({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
    const own = await b.as.admin.experiments.list({ flowId: b.flowId });
    expect(own.experiments.map((e) => e.deploymentId)).not.toContain(a.experimentId);
  },
  "experiments.results": async () => {
    await expect(outcomeOf(b.as.admin.experiments.results({ deploymentId: a.experimentId }))).resolves.toBe(
      "NOT_FOUND",
    );
  },
  "experiments.start": async () => {
    await expect(
      outcomeOf(
        b.as.admin.experiments.start({
          flowId: a.flowId,
          name: "Hijack",
          arms: [
            { versionId: a.versionId, weight: 1 },
            { versionId: a.secondVersionId, weight: 1 },
          ],
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    // Nor can B split its own flow onto A's versions.
    await expect(
      outcomeOf(
        b.as.admin.experiments.start({
          flowId: b.flowId,
          name: "Borrow",
          arms: [
            { versionId: b.versionId, weight: 1 },
            { versionId: a.secondVersionId, weight: 1 },
          ],
        }),
      ),
    ).resolves.toBe("BAD_REQUEST");
    const experiments = (await a.as.admin.experiments.list({ flowId: a.flowId })).experiments;
    expect(experiments.find((e) => e.active)?.deploymentId).toBe(a.experimentId);
  },
  "experiments.stop": async () => {
    await expect(outcomeOf(b.as.admin.experiments.stop({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
    const experiments = (await a.as.admin.experiments.list({ flowId: a.flowId })).experiments;
    expect(experiments.find((e) => e.deploymentId === a.experimentId)?.active).toBe(true);
  },
  "experiments.promote": async () => {
    await expect(
      outcomeOf(
        b.as.admin.experiments.promote({ deploymentId: a.experimentId, versionId: a.secondVersionId }),
      ),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.experiments.results({ deploymentId: a.experimentId })).active).toBe(true);
  },
  "outcomes.list": async () => {
    await expect(outcomeOf(b.as.admin.outcomes.list({ leadId: a.leadId }))).resolves.toBe("NOT_FOUND");
  },
  "outcomes.report": async () => {
    await expect(outcomeOf(b.as.admin.outcomes.report({ leadId: a.leadId, kind: "won" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect(await a.as.admin.outcomes.list({ leadId: a.leadId })).toEqual([]);
  },
  "replay.start": async () => {
    await expect(
      outcomeOf(b.as.admin.replay.start({ flowId: a.flowId, leads: { kind: "history", days: 7 } })),
    ).resolves.toBe("NOT_FOUND");
    // B cannot replay A's version on its own flow, nor a draft naming A's pool.
    await expect(
      outcomeOf(
        b.as.admin.replay.start({
          flowId: b.flowId,
          candidate: { kind: "version", versionId: a.versionId },
          leads: { kind: "history", days: 7 },
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    await expect(
      outcomeOf(
        b.as.admin.replay.start({
          flowId: b.flowId,
          candidate: {
            kind: "draft",
            graph: territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: a.poolId }]),
          },
          leads: { kind: "history", days: 7 },
        }),
      ),
    ).resolves.toBe("BAD_REQUEST");
    expect((await a.as.admin.replay.list({ flowId: a.flowId })).map((r) => r.id)).toEqual([a.replayRunId]);
  },
  "replay.preview": async () => {
    await expect(
      outcomeOf(b.as.admin.replay.preview({ flowId: a.flowId, csvText: "country\nDE\n" })),
    ).resolves.toBe("NOT_FOUND");
  },
  "replay.get": async () => {
    await expect(outcomeOf(b.as.admin.replay.get({ runId: a.replayRunId }))).resolves.toBe("NOT_FOUND");
  },
  "replay.list": async () => {
    await expect(outcomeOf(b.as.admin.replay.list({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
    expect((await b.as.admin.replay.list({ flowId: b.flowId })).map((r) => r.id)).not.toContain(
      a.replayRunId,
    );
  },
  "replay.cancel": async () => {
    await expect(outcomeOf(b.as.admin.replay.cancel({ runId: a.replayRunId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.replay.get({ runId: a.replayRunId })).status).toBe("done");
  },
  "leadImports.preview": async () => {
    await expect(
      outcomeOf(b.as.admin.leadImports.preview({ flowId: a.flowId, csv: "email\nx@example.test\n" })),
    ).resolves.toBe("NOT_FOUND");
  },
  "leadImports.start": async () => {
    await expect(
      outcomeOf(
        b.as.admin.leadImports.start({
          flowId: a.flowId,
          fileName: "steal.csv",
          csv: "email\nx@example.test\n",
          mapping: { email: "email" },
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.leadImports.list({})).map((i) => i.fileName)).not.toContain("steal.csv");
  },
  "leadImports.get": async () => {
    await expect(outcomeOf(b.as.admin.leadImports.get({ id: a.leadImportId }))).resolves.toBe("NOT_FOUND");
  },
  "leadImports.list": async () => {
    expect((await b.as.admin.leadImports.list({})).map((i) => i.id)).not.toContain(a.leadImportId);
    expect(await b.as.admin.leadImports.list({ flowId: a.flowId })).toEqual([]);
  },
  "leadImports.rows": async () => {
    await expect(outcomeOf(b.as.admin.leadImports.rows({ id: a.leadImportId }))).resolves.toBe("NOT_FOUND");
  },
  "leadImports.failedRowsCsv": async () => {
    await expect(outcomeOf(b.as.admin.leadImports.failedRowsCsv({ id: a.leadImportId }))).resolves.toBe(
      "NOT_FOUND",
    );
  },
  "leadImports.cancel": async () => {
    await expect(outcomeOf(b.as.admin.leadImports.cancel({ id: a.leadImportId }))).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.leadImports.get({ id: a.leadImportId })).status).toBe("queued");
  },
  "webhooks.listEndpoints": async () => {
    const ids = (await b.as.admin.webhooks.listEndpoints()).map((e) => e.id);
    expect(ids).not.toContain(a.endpointId);
    expect(ids).toContain(b.endpointId);
  },
  "webhooks.createEndpoint": async () => {
    const created = await b.as.admin.webhooks.createEndpoint({
      url: "https://93.184.215.14/b",
      events: ["lead.routed"],
    });
    expect((await a.as.admin.webhooks.listEndpoints()).map((e) => e.id)).not.toContain(created.endpoint.id);
  },
  "webhooks.updateEndpoint": async () => {
    await expect(
      outcomeOf(
        b.as.admin.webhooks.updateEndpoint({ id: a.endpointId, url: "https://93.184.215.14/stolen" }),
      ),
    ).resolves.toBe("NOT_FOUND");
    const endpoint = (await a.as.admin.webhooks.listEndpoints()).find((e) => e.id === a.endpointId);
    expect(endpoint?.url).toBe("https://93.184.215.14/hooks/switchyard");
  },
  "webhooks.rotateSecret": async () => {
    await expect(outcomeOf(b.as.admin.webhooks.rotateSecret({ id: a.endpointId }))).resolves.toBe(
      "NOT_FOUND",
    );
  },
  "webhooks.deleteEndpoint": async () => {
    await expect(outcomeOf(b.as.admin.webhooks.deleteEndpoint({ id: a.endpointId }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await a.as.admin.webhooks.listEndpoints()).map((e) => e.id)).toContain(a.endpointId);
  },
  "webhooks.sendTest": async () => {
    await expect(outcomeOf(b.as.admin.webhooks.sendTest({ id: a.endpointId }))).resolves.toBe("NOT_FOUND");
  },
  "webhooks.listDeliveries": async () => {
    const own = await b.as.admin.webhooks.listDeliveries({});
    expect(own.items.map((d) => d.id)).not.toContain(a.deliveryId);
    expect((await b.as.admin.webhooks.listDeliveries({ endpointId: a.endpointId })).items).toEqual([]);
    // A's delivery as a cursor does not reveal A's rows either.
    const probe = await b.as.admin.webhooks.listDeliveries({ cursor: a.deliveryId });
    expect(probe.items.map((d) => d.id)).not.toContain(a.deliveryId);
  },
  "webhooks.getDelivery": async () => {
    await expect(outcomeOf(b.as.admin.webhooks.getDelivery({ id: a.deliveryId }))).resolves.toBe("NOT_FOUND");
  },
  "webhooks.retryDelivery": async () => {
    await expect(outcomeOf(b.as.admin.webhooks.retryDelivery({ id: a.deliveryId }))).resolves.toBe(
      "NOT_FOUND",
    );
  },
  "notifications.get": async () => {
    await expect(outcomeOf(b.as.admin.notifications.get({ flowId: a.flowId }))).resolves.toBe("NOT_FOUND");
  },
  "notifications.set": async () => {
    await expect(
      outcomeOf(
        b.as.admin.notifications.set({
          flowId: a.flowId,
          enabled: true,
          template: "{{rep.name}}",
          channelUrl: null,
        }),
      ),
    ).resolves.toBe("NOT_FOUND");
    expect((await a.as.admin.notifications.get({ flowId: a.flowId })).enabled).toBe(false);
  },
  "notifications.preview": async () => {
    await expect(
      outcomeOf(b.as.admin.notifications.preview({ flowId: a.flowId, template: "{{rep.name}}" })),
    ).resolves.toBe("NOT_FOUND");
  },
};

describe("workspace isolation", () => {
  it("has a check for every procedure of the router", () => {
    expect(Object.keys(ISOLATION_CHECKS).sort()).toEqual(allProcedures().map((p) => p.path));
  });

  it.each(Object.keys(ISOLATION_CHECKS))(
    "workspace B cannot read or change workspace A through %s",
    async (path) => {
      await ISOLATION_CHECKS[path]?.();
    },
  );

  it("A's resources are still intact and visible to A", async () => {
    expect((await a.as.viewer.reps.list()).map((r) => r.id)).toContain(a.repId);
    expect((await a.as.viewer.pools.get({ id: a.poolId })).members.map((m) => m.repId)).toEqual([a.repId]);
    // callByPath reaches the same procedures as the typed caller.
    await expect(callByPath(a.as.viewer, "reps.get", { id: a.repId })).resolves.toMatchObject({
      id: a.repId,
    });
  });
});
