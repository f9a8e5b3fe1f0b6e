import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import {
  getFlowOverHttp,
  getLeadOverHttp,
  listFlowsOverHttp,
  listLeadsOverHttp,
} from "@/server/http/read-api";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
let fx: RoutingFixture;
let other: RoutingFixture;
let readKey: string;
let adminKey: string;
let routeKey: string;
const leadIds: string[] = [];
let queuedLeadId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db);
  other = await createRoutingFixture(database.db);
  readKey = (await fx.as.admin.apiKeys.create({ name: "CRM", scopes: ["read"] })).key;
  adminKey = (await fx.as.admin.apiKeys.create({ name: "Ops", scopes: ["admin"] })).key;
  routeKey = (await fx.as.admin.apiKeys.create({ name: "Form", scopes: ["route"] })).key;
  for (let i = 0; i < 5; i++) {
    leadIds.push((await fx.as.admin.routing.route({ flowId: fx.flowId, lead: emeaLead(i) })).leadId);
  }
  queuedLeadId = (
    await fx.as.admin.routing.route({ flowId: fx.flowId, lead: { source: "web_form", country: "US" } })
  ).leadId;
  await other.as.admin.routing.route({ flowId: other.flowId, lead: emeaLead(9) });
});
afterAll(() => database.close());

async function get(
  handler: (request: Request) => Promise<Response>,
  path: string,
  key: string | null = readKey,
): Promise<{ status: number; body: Record<string, unknown> & { items?: Record<string, unknown>[] } }> {
  const request = new Request(`http://localhost${path}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const response = await handler(request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const leadsList = (query = "", key?: string | null) =>
  get((r) => listLeadsOverHttp(database.db, r), `/api/v1/leads${query}`, key);
const leadOne = (id: string, key?: string | null) =>
  get((r) => getLeadOverHttp(database.db, r, id), `/api/v1/leads/${id}`, key);
const flowsList = (query = "", key?: string | null) =>
  get((r) => listFlowsOverHttp(database.db, r), `/api/v1/flows${query}`, key);
const flowOne = (id: string, key?: string | null) =>
  get((r) => getFlowOverHttp(database.db, r, id), `/api/v1/flows/${id}`, key);

describe("GET /api/v1/leads", () => {
  it("lists the workspace's leads newest first, with flow, version, owner and outcome", async () => {
    const res = await leadsList();
    expect(res.status).toBe(200);
    expect(res.body.items?.map((l) => l.id)).toEqual([queuedLeadId, ...[...leadIds].reverse()]);
    expect(res.body.items?.[0]).toMatchObject({
      outcome: "queue",
      assignee: { type: "queue", name: "Unassigned" },
      flow: { id: fx.flowId, name: "Territory" },
      version: { number: 1 },
    });
    expect(res.body.items?.[1]).toMatchObject({
      outcome: "rep",
      assignee: { type: "rep" },
      poolName: "EMEA",
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it("pages with cursor and limit without losing or repeating a lead", async () => {
    const seen: unknown[] = [];
    let cursor: unknown = null;
    do {
      const res = await leadsList(`?limit=2${cursor ? `&cursor=${String(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.items?.length).toBeLessThanOrEqual(2);
      seen.push(...(res.body.items ?? []).map((l) => l.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([queuedLeadId, ...[...leadIds].reverse()]);
  });

  it("filters by flow, status, rep and time", async () => {
    const lead = await leadOne(leadIds[0] ?? "");
    const repId = (lead.body.assignee as { id: string }).id;
    const byRep = await leadsList(`?repId=${repId}`);
    expect(byRep.body.items?.every((l) => (l.assignee as { id: string }).id === repId)).toBe(true);
    expect(byRep.body.items?.map((l) => l.id)).toContain(leadIds[0]);
    expect((await leadsList(`?flowId=${other.flowId}`)).body.items).toEqual([]);
    expect((await leadsList("?status=closed")).body.items).toEqual([]);
    expect((await leadsList("?status=open")).body.items).toHaveLength(6);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await leadsList(`?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    expect((await leadsList(`?to=${encodeURIComponent(future)}`)).body.items).toHaveLength(6);
  });

  it("refuses bad query parameters naming each one", async () => {
    const cases: [string, string][] = [
      ["?limit=201", "limit: must be at most 200"],
      ["?limit=0", "limit: must be at least 1"],
      ["?limit=ten", "limit: must be a number"],
      ["?flowId=nope", "flowId: must be a valid id"],
      ["?status=lost", "status"],
      ["?from=yesterday", "from"],
      ["?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from: must be before to"],
      ["?owner=me", "owner"],
    ];
    for (const [query, message] of cases) {
      const res = await leadsList(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({
        code: "bad_request",
        message: expect.stringContaining(message),
      });
    }
  });

  it("needs the read scope (admin implies it)", async () => {
    expect((await leadsList("", routeKey)).status).toBe(403);
    expect((await leadsList("", adminKey)).status).toBe(200);
    expect((await leadsList("", null)).status).toBe(401);
  });
});

describe("GET /api/v1/leads/{leadId}", () => {
  it("answers the lead, its owner, the decision with its path and the outcomes", async () => {
    await fx.as.admin.outcomes.report({ leadId: leadIds[0] ?? "", kind: "contacted" });
    const res = await leadOne(leadIds[0] ?? "");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: leadIds[0],
      status: "open",
      lead: emeaLead(0),
      flow: { id: fx.flowId },
      assignee: { type: "rep" },
      decision: {
        outcome: "rep",
        version: { number: 1 },
        pool: { id: fx.poolId, name: "EMEA" },
        fallback: false,
        path: expect.arrayContaining([expect.stringContaining("EMEA")]),
      },
      outcomes: [{ kind: "contacted", leadId: leadIds[0] }],
    });
  });

  it("is 404 for another workspace's lead and 400 for a malformed id", async () => {
    const theirs = (await other.as.admin.leads.list({ limit: 1 })).items[0]?.id ?? "";
    const res = await leadOne(theirs);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ message: "leadId: no lead with this id in your workspace" });
    expect((await leadOne("nope")).body.error).toMatchObject({ message: "leadId: must be a valid id" });
  });
});

describe("GET /api/v1/flows and /api/v1/flows/{flowId}", () => {
  it("lists flows with their live arms, hiding archived ones unless asked", async () => {
    const archived = await fx.as.admin.flows.create({ name: "Old flow" });
    await fx.as.admin.flows.archive({ id: archived.id });
    const res = await flowsList();
    expect(res.status).toBe(200);
    expect(res.body.items?.map((f) => f.id)).toEqual([fx.flowId]);
    expect(res.body.items?.[0]).toMatchObject({
      name: "Territory",
      archived: false,
      live: [{ number: 1, weight: 100 }],
      latestVersion: 1,
      leadsToday: 6,
    });
    const all = await flowsList("?archived=include");
    expect(all.body.items?.find((f) => f.id === archived.id)).toMatchObject({ archived: true, live: [] });
    expect((await flowsList("?archived=yes")).body.error).toMatchObject({
      message: "archived: must be include or exclude",
    });
  });

  it("answers one flow with its versions, and 404 for another workspace's flow", async () => {
    await fx.as.admin.flows.publish({ id: fx.flowId, message: "second", deploy: false });
    const res = await flowOne(fx.flowId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: fx.flowId,
      live: [{ number: 1, weight: 100 }],
      versions: [
        { number: 2, message: "second", liveWeight: null },
        { number: 1, message: "first", liveWeight: 100 },
      ],
    });
    const theirs = await flowOne(other.flowId);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toMatchObject({ message: "flowId: no flow with this id in your workspace" });
    expect((await flowOne(fx.flowId, routeKey)).status).toBe(403);
  });
});
