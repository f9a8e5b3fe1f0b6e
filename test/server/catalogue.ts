import type { Role } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import type { ApiKeyScope } from "@/server/schemas";
import { waitForReplay } from "@/server/services/replay";
import type { WorkspaceFixture } from "@/test/helpers/fixtures";
import { createWorkspace, uniqueEmail } from "@/test/helpers/fixtures";

/** A workspace fixture plus one of each resource, so every procedure has something to act on. */
export interface StockedWorkspace extends WorkspaceFixture {
  repId: string;
  poolId: string;
  apiKeyId: string;
  flowId: string;
  versionId: string;
  leadId: string;
  /** A saved test case of the flow, expecting the Unassigned queue (so publishing still passes). */
  testCaseId: string;
  /** A second published version (v2), never deployed alone. */
  secondVersionId: string;
  /** The deployment of the A/B experiment running v1 against v2 (started after `leadId` was routed). */
  experimentId: string;
  /** A finished replay of the draft over the flow's history. */
  replayRunId: string;
  /** A CSV lead import of the flow (queued: no worker runs in the sweeps), one good and one bad row. */
  leadImportId: string;
  /** A webhook endpoint (public IP literal, never called: no worker runs in the sweeps). */
  endpointId: string;
  /** A pending test delivery to that endpoint. */
  deliveryId: string;
}

export async function createStockedWorkspace(db: Db, name = "Stocked Co"): Promise<StockedWorkspace> {
  const fx = await createWorkspace(db, name);
  const rep = await fx.as.admin.reps.create({
    name: "Rory Rep",
    email: uniqueEmail("rep"),
    territories: ["EMEA"],
  });
  const pool = await fx.as.admin.pools.create({ name: "Main", members: [{ repId: rep.id, weight: 2 }] });
  const key = await fx.as.admin.apiKeys.create({ name: "Website", scopes: ["route"] });
  const flow = await fx.as.admin.flows.create({ name: "Inbound" });
  const version = await fx.as.admin.flows.publish({ id: flow.id, message: "v1" });
  const routed = await fx.as.admin.routing.route({ flowId: flow.id, lead: { email: "x@example.test" } });
  const testCase = await fx.as.admin.flowTests.create({
    flowId: flow.id,
    name: "Everything to Unassigned",
    lead: { email: "case@example.test" },
    expected: { kind: "queue", queue: "Unassigned" },
  });
  const second = await fx.as.admin.flows.publish({ id: flow.id, message: "v2", deploy: false });
  const experiment = await fx.as.admin.experiments.start({
    flowId: flow.id,
    name: "v1 vs v2",
    arms: [
      { versionId: version.id, weight: 50 },
      { versionId: second.id, weight: 50 },
    ],
  });
  const replay = await fx.as.admin.replay.start({ flowId: flow.id, leads: { kind: "history", days: 30 } });
  await waitForReplay(replay.runId);
  const leadImport = await fx.as.admin.leadImports.start({
    flowId: flow.id,
    fileName: "leads.csv",
    csv: "email,country\nimport@example.test,DE\nnot-an-email,FR\n",
    mapping: { email: "email" },
  });
  const endpoint = await fx.as.admin.webhooks.createEndpoint({
    url: "https://93.184.215.14/hooks/switchyard",
    events: ["lead.routed", "flow.published"],
  });
  const testDelivery = await fx.as.admin.webhooks.sendTest({ id: endpoint.endpoint.id });
  return {
    ...fx,
    endpointId: endpoint.endpoint.id,
    deliveryId: testDelivery.deliveryId,
    replayRunId: replay.runId,
    leadImportId: leadImport.id,
    repId: rep.id,
    poolId: pool.id,
    apiKeyId: key.id,
    flowId: flow.id,
    versionId: version.id,
    leadId: routed.leadId,
    testCaseId: testCase.id,
    secondVersionId: second.id,
    experimentId: experiment.deploymentId,
  };
}

export interface ProcedureSpec {
  /** The lowest role allowed; "public" needs no session. */
  minRole: Role | "public";
  /** A valid input against the workspace's own resources. */
  validInput: (ws: StockedWorkspace) => unknown;
  /** Malformed input and the field the error must name; null for procedures without input. */
  badInput: { input: unknown; field: string } | null;
  /** The API-key scope that may call it over tRPC; absent means keys are refused (sessions only). */
  apiKeyScope?: ApiKeyScope;
}

const NOT_A_UUID = "not-a-uuid";

export const CATALOGUE: Record<string, ProcedureSpec> = {
  "auth.signUp": {
    minRole: "public",
    validInput: () => ({
      name: "New",
      email: uniqueEmail("new"),
      password: "long-enough",
      workspaceName: "New Co",
    }),
    badInput: {
      input: { name: "New", email: "not-an-email", password: "long-enough", workspaceName: "X" },
      field: "email",
    },
  },
  "auth.me": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "workspace.get": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "workspace.members": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "workspace.rename": {
    minRole: "admin",
    validInput: () => ({ name: "Renamed Co" }),
    badInput: { input: { name: "" }, field: "name" },
  },
  "workspace.addMember": {
    minRole: "admin",
    validInput: () => ({
      name: "Nia New",
      email: uniqueEmail("member"),
      password: "long-enough",
      role: "viewer",
    }),
    badInput: {
      input: { name: "Nia", email: uniqueEmail("m"), password: "long-enough", role: "owner" },
      field: "role",
    },
  },
  "workspace.setMemberRole": {
    minRole: "admin",
    validInput: (ws) => ({ userId: ws.users.viewer, role: "editor" }),
    badInput: { input: { userId: NOT_A_UUID, role: "editor" }, field: "userId" },
  },
  "workspace.removeMember": {
    minRole: "admin",
    validInput: (ws) => ({ userId: ws.users.viewer }),
    badInput: { input: { userId: 42 }, field: "userId" },
  },
  "apiKeys.list": { minRole: "admin", validInput: () => undefined, badInput: null },
  "apiKeys.create": {
    minRole: "admin",
    validInput: () => ({ name: "CRM sync", scopes: ["read"] }),
    badInput: { input: { name: "CRM", scopes: ["superuser"] }, field: "scopes.0" },
  },
  "apiKeys.setRateLimit": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.apiKeyId, rateLimitPerMinute: 120 }),
    badInput: { input: { id: crypto.randomUUID(), rateLimitPerMinute: 0 }, field: "rateLimitPerMinute" },
  },
  "apiKeys.revoke": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.apiKeyId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "reps.list": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "reps.get": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.repId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "reps.create": {
    minRole: "editor",
    validInput: () => ({ name: "Nora New", email: uniqueEmail("rep") }),
    badInput: { input: { name: "Nora", email: uniqueEmail("rep"), weight: 0 }, field: "weight" },
  },
  "reps.update": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.repId, skills: ["german"] }),
    badInput: { input: { id: crypto.randomUUID(), timezone: "Mars/Olympus_Mons" }, field: "timezone" },
  },
  "reps.setStatus": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.repId, status: "away", awayUntil: new Date(Date.now() + 86_400_000) }),
    badInput: {
      input: { id: crypto.randomUUID(), status: "active", awayUntil: new Date() },
      field: "awayUntil",
    },
  },
  "pools.list": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "pools.get": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.poolId }),
    badInput: { input: {}, field: "id" },
  },
  "pools.create": {
    minRole: "editor",
    validInput: (ws) => ({
      name: `Pool ${crypto.randomUUID().slice(0, 6)}`,
      members: [{ repId: ws.repId, weight: 1 }],
    }),
    badInput: { input: { name: "P", members: [{ repId: NOT_A_UUID, weight: 1 }] }, field: "members.0.repId" },
  },
  "pools.update": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.poolId, strategy: "least_loaded" }),
    badInput: { input: { id: crypto.randomUUID(), strategy: "random" }, field: "strategy" },
  },
  "pools.archive": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.poolId }),
    badInput: { input: { id: "" }, field: "id" },
  },
  "pools.restore": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.poolId }),
    badInput: { input: { id: null }, field: "id" },
  },
  "flows.list": { minRole: "viewer", validInput: () => undefined, badInput: null, apiKeyScope: "read" },
  "flows.templates": { minRole: "viewer", validInput: () => undefined, badInput: null },
  "flows.get": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.flowId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
    apiKeyScope: "read",
  },
  "flows.create": {
    minRole: "editor",
    validInput: () => ({ name: "Another flow" }),
    badInput: { input: { name: " " }, field: "name" },
  },
  "flows.update": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.flowId, description: "Routes inbound leads" }),
    badInput: { input: { id: crypto.randomUUID(), description: "x".repeat(2001) }, field: "description" },
  },
  "flows.archive": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.flowId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "flows.restore": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.flowId }),
    badInput: { input: { id: 7 }, field: "id" },
  },
  "flows.saveDraft": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.flowId, graph: { version: 1, nodes: [], edges: [] }, expectedRevision: 0 }),
    badInput: {
      input: { id: crypto.randomUUID(), graph: { nodes: "none", edges: [] }, expectedRevision: 0 },
      field: "graph.nodes",
    },
  },
  "flows.validate": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.flowId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "flows.publish": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.flowId, message: "again" }),
    badInput: { input: { id: crypto.randomUUID(), expectedRevision: -1 }, field: "expectedRevision" },
  },
  "flows.versions": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: NOT_A_UUID }, field: "flowId" },
  },
  "flows.version": {
    minRole: "viewer",
    validInput: (ws) => ({ versionId: ws.versionId }),
    badInput: { input: { versionId: NOT_A_UUID }, field: "versionId" },
  },
  "flows.diff": {
    minRole: "viewer",
    validInput: (ws) => ({ fromVersionId: ws.versionId, toVersionId: ws.versionId }),
    badInput: {
      input: { fromVersionId: crypto.randomUUID(), toVersionId: NOT_A_UUID },
      field: "toVersionId",
    },
  },
  "flows.deploy": {
    minRole: "editor",
    validInput: (ws) => ({ versionId: ws.versionId }),
    badInput: { input: { versionId: NOT_A_UUID }, field: "versionId" },
  },
  "flowTests.run": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId, lead: { email: "t@example.test", country: "DE" } }),
    badInput: { input: { flowId: NOT_A_UUID, lead: {} }, field: "flowId" },
  },
  "flowTests.runAll": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: {
      input: { flowId: crypto.randomUUID(), graph: { nodes: {}, edges: [] } },
      field: "graph.nodes",
    },
  },
  "flowTests.recentLeads": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId, limit: 5 }),
    badInput: { input: { flowId: crypto.randomUUID(), limit: 51 }, field: "limit" },
  },
  "flowTests.list": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: NOT_A_UUID }, field: "flowId" },
  },
  "flowTests.create": {
    minRole: "editor",
    validInput: (ws) => ({
      flowId: ws.flowId,
      name: `Case ${crypto.randomUUID().slice(0, 6)}`,
      lead: { country: "DE" },
      expected: { kind: "queue", queue: "Unassigned" },
    }),
    badInput: {
      input: {
        flowId: crypto.randomUUID(),
        name: "X",
        lead: {},
        expected: { kind: "pool", poolId: NOT_A_UUID },
      },
      field: "expected.poolId",
    },
  },
  "flowTests.update": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.testCaseId, name: "Renamed case", lead: { country: "FR" } }),
    badInput: { input: { id: crypto.randomUUID(), name: " " }, field: "name" },
  },
  "flowTests.delete": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.testCaseId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "routing.route": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId, lead: { email: "y@example.test" } }),
    badInput: { input: { flowId: NOT_A_UUID, lead: {} }, field: "flowId" },
    apiKeyScope: "route",
  },
  "leads.list": {
    minRole: "viewer",
    validInput: () => ({}),
    badInput: { input: { limit: 1000 }, field: "limit" },
    apiKeyScope: "read",
  },
  "leads.get": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.leadId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
    apiKeyScope: "read",
  },
  "leads.setStatus": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.leadId, status: "closed" }),
    badInput: { input: { id: crypto.randomUUID(), status: "lost" }, field: "status" },
  },
  "analytics.dashboard": {
    minRole: "viewer",
    validInput: () => ({
      from: new Date(Date.now() - 30 * 86_400_000),
      to: new Date(Date.now() + 86_400_000),
    }),
    badInput: { input: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, field: "from" },
  },
  "experiments.list": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: NOT_A_UUID }, field: "flowId" },
  },
  "experiments.results": {
    minRole: "viewer",
    validInput: (ws) => ({ deploymentId: ws.experimentId }),
    badInput: { input: { deploymentId: crypto.randomUUID(), metric: "revenue" }, field: "metric" },
  },
  "experiments.start": {
    minRole: "editor",
    validInput: (ws) => ({
      flowId: ws.flowId,
      name: "Again",
      arms: [
        { versionId: ws.versionId, weight: 80 },
        { versionId: ws.secondVersionId, weight: 20 },
      ],
    }),
    badInput: {
      input: {
        flowId: crypto.randomUUID(),
        name: "X",
        arms: [
          { versionId: crypto.randomUUID(), weight: 1 },
          { versionId: crypto.randomUUID(), weight: 0 },
        ],
      },
      field: "arms.1.weight",
    },
  },
  "experiments.stop": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: crypto.randomUUID(), versionId: NOT_A_UUID }, field: "versionId" },
  },
  "experiments.promote": {
    minRole: "editor",
    validInput: (ws) => ({ deploymentId: ws.experimentId, versionId: ws.secondVersionId }),
    badInput: { input: { deploymentId: NOT_A_UUID, versionId: crypto.randomUUID() }, field: "deploymentId" },
  },
  "outcomes.list": {
    minRole: "viewer",
    validInput: (ws) => ({ leadId: ws.leadId }),
    badInput: { input: { leadId: NOT_A_UUID }, field: "leadId" },
  },
  "outcomes.report": {
    minRole: "editor",
    validInput: (ws) => ({ leadId: ws.leadId, kind: "contacted" }),
    badInput: { input: { leadId: crypto.randomUUID(), kind: "ghosted" }, field: "kind" },
    apiKeyScope: "route",
  },
  "replay.start": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId, leads: { kind: "history", days: 7 } }),
    badInput: {
      input: { flowId: crypto.randomUUID(), leads: { kind: "history", days: 366 } },
      field: "leads.days",
    },
  },
  "replay.preview": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId, csvText: "country,email\nDE,a@example.test\n" }),
    badInput: { input: { flowId: NOT_A_UUID, csvText: "a\n" }, field: "flowId" },
  },
  "replay.get": {
    minRole: "viewer",
    validInput: (ws) => ({ runId: ws.replayRunId }),
    badInput: { input: { runId: NOT_A_UUID }, field: "runId" },
  },
  "replay.list": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: 12 }, field: "flowId" },
  },
  "replay.cancel": {
    minRole: "editor",
    validInput: (ws) => ({ runId: ws.replayRunId }),
    badInput: { input: { runId: "" }, field: "runId" },
  },
  "leadImports.preview": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId, csv: "email,country\na@example.test,DE\n" }),
    badInput: { input: { flowId: NOT_A_UUID, csv: "email\n" }, field: "flowId" },
  },
  "leadImports.start": {
    minRole: "editor",
    validInput: (ws) => ({
      flowId: ws.flowId,
      fileName: "more.csv",
      csv: "email\nmore@example.test\n",
      mapping: { email: "email" },
    }),
    badInput: {
      input: { flowId: crypto.randomUUID(), fileName: "", csv: "email\n", mapping: {} },
      field: "fileName",
    },
  },
  "leadImports.get": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.leadImportId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "leadImports.list": {
    minRole: "viewer",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: 12 }, field: "flowId" },
  },
  "leadImports.rows": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.leadImportId, status: "failed" }),
    badInput: { input: { id: crypto.randomUUID(), status: "lost" }, field: "status" },
  },
  "leadImports.failedRowsCsv": {
    minRole: "viewer",
    validInput: (ws) => ({ id: ws.leadImportId }),
    badInput: { input: { id: "" }, field: "id" },
  },
  "leadImports.cancel": {
    minRole: "editor",
    validInput: (ws) => ({ id: ws.leadImportId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "webhooks.listEndpoints": { minRole: "admin", validInput: () => undefined, badInput: null },
  "webhooks.createEndpoint": {
    minRole: "admin",
    validInput: () => ({ url: "https://93.184.215.14/another", events: ["lead.outcome"] }),
    badInput: { input: { url: "https://93.184.215.14/x", events: ["lead.deleted"] }, field: "events.0" },
  },
  "webhooks.updateEndpoint": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.endpointId, description: "CRM sync" }),
    badInput: { input: { id: crypto.randomUUID(), enabled: "yes" }, field: "enabled" },
  },
  "webhooks.rotateSecret": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.endpointId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "webhooks.deleteEndpoint": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.endpointId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "webhooks.sendTest": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.endpointId }),
    badInput: { input: {}, field: "id" },
  },
  "webhooks.listDeliveries": {
    minRole: "admin",
    validInput: (ws) => ({ endpointId: ws.endpointId }),
    badInput: { input: { limit: 101 }, field: "limit" },
  },
  "webhooks.getDelivery": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.deliveryId }),
    badInput: { input: { id: NOT_A_UUID }, field: "id" },
  },
  "webhooks.retryDelivery": {
    minRole: "admin",
    validInput: (ws) => ({ id: ws.deliveryId }),
    badInput: { input: { id: 5 }, field: "id" },
  },
  "notifications.get": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId }),
    badInput: { input: { flowId: NOT_A_UUID }, field: "flowId" },
  },
  "notifications.set": {
    minRole: "editor",
    validInput: (ws) => ({
      flowId: ws.flowId,
      enabled: true,
      template: "New lead for {{rep.name}}",
      channelUrl: null,
    }),
    badInput: {
      input: { flowId: crypto.randomUUID(), enabled: "yes", template: "x", channelUrl: null },
      field: "enabled",
    },
  },
  "notifications.preview": {
    minRole: "editor",
    validInput: (ws) => ({ flowId: ws.flowId, template: "{{lead.email}} → {{rep.name}}" }),
    badInput: { input: { flowId: crypto.randomUUID(), template: "x".repeat(2001) }, field: "template" },
  },
};
