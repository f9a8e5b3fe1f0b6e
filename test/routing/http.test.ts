import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import type { Database, Db } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/http/api";
import { updateLeadStatusOverHttp } from "@/server/http/lead-status";
import { routeLeadOverHttp } from "@/server/http/route-lead";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
let fx: RoutingFixture;
let key: string;

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db);
  key = (await fx.as.admin.apiKeys.create({ name: "Web form", scopes: ["route"] })).key;
});
afterAll(() => database.close());

function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
}

async function route(flowId: string, body: unknown, headers: Record<string, string> = {}) {
  const request = post(
    `/api/v1/flows/${flowId}/route`,
    typeof body === "string" ? body : JSON.stringify(body),
    headers,
  );
  const response = await routeLeadOverHttp(database.db, request, flowId);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const auth = () => ({ authorization: `Bearer ${key}` });

describe("POST /api/v1/flows/{flowId}/route", () => {
  it("routes a lead with a valid key", async () => {
    const res = await route(fx.flowId, emeaLead(1), auth());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "rep", pool: { name: "EMEA" }, version: { number: 1 } });
    expect(res.headers.get("content-type")).toContain("application/json");
  });

  it("replays with the Idempotency-Key header and marks the replay", async () => {
    const first = await route(fx.flowId, emeaLead(2), { ...auth(), "idempotency-key": "http-1" });
    const second = await route(fx.flowId, emeaLead(2), { ...auth(), "idempotency-key": "http-1" });
    expect(second.status).toBe(200);
    expect(second.body.decisionId).toBe(first.body.decisionId);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const clash = await route(fx.flowId, emeaLead(3), { ...auth(), "idempotency-key": "http-1" });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      error: { code: "conflict", message: expect.stringContaining("idempotencyKey") },
    });
  });

  it("401 without a key, with an unknown key, and with a revoked key", async () => {
    expect((await route(fx.flowId, emeaLead(1))).status).toBe(401);
    expect((await route(fx.flowId, emeaLead(1), { authorization: "Bearer sy_nope_nope" })).status).toBe(401);
    expect((await route(fx.flowId, emeaLead(1), { authorization: key })).status).toBe(401);
    const revoked = await fx.as.admin.apiKeys.create({ name: "Old", scopes: ["route"] });
    await fx.as.admin.apiKeys.revoke({ id: revoked.id });
    const res = await route(fx.flowId, emeaLead(1), { authorization: `Bearer ${revoked.key}` });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      error: { message: "Authorization: the API key is unknown or revoked" },
    });
  });

  it("403 for a key without the route scope", async () => {
    const readOnly = await fx.as.admin.apiKeys.create({ name: "Reporting", scopes: ["read"] });
    const res = await route(fx.flowId, emeaLead(1), { authorization: `Bearer ${readOnly.key}` });
    expect(res.status).toBe(403);
  });

  it("404 when a key of workspace A routes to a flow of workspace B", async () => {
    const other = await createRoutingFixture(database.db);
    const res = await route(other.flowId, emeaLead(1), auth());
    expect(res.status).toBe(404);
    expect((await other.as.viewer.leads.list({})).items).toHaveLength(0);
  });

  it.each([
    ["invalid JSON", "{not json", "body: is not valid JSON"],
    ["an empty body", "", "body: is empty"],
    ["a JSON array", "[1,2]", "lead: must be a JSON object"],
    ["a body over 64 KB", JSON.stringify({ notes: "x".repeat(80_000) }), "body: is larger than"],
  ])("400 for %s, naming the problem", async (_name, body, message) => {
    const res = await route(fx.flowId, body, auth());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: "bad_request", message: expect.stringContaining(message) },
    });
  });

  it("400 for a malformed flow id, 409 for a flow without deployment", async () => {
    expect((await route("not-a-uuid", emeaLead(1), auth())).status).toBe(400);
    const draft = await fx.as.editor.flows.create({ name: "Draft only" });
    const res = await route(draft.id, emeaLead(1), auth());
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { message: expect.stringContaining("no active deployment") } });
  });
});

describe("POST /api/v1/leads/{id}/status", () => {
  it("closes a routed lead and validates the body", async () => {
    const routed = await route(fx.flowId, emeaLead(9), auth());
    const leadId = String(routed.body.leadId);
    const bad = await updateLeadStatusOverHttp(
      database.db,
      post(`/x`, JSON.stringify({ status: "won" }), auth()),
      leadId,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { message: expect.stringContaining("status:") } });
    const ok = await updateLeadStatusOverHttp(
      database.db,
      post(`/x`, JSON.stringify({ status: "closed" }), auth()),
      leadId,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: leadId, status: "closed" });
  });
});

describe("database outages", () => {
  it("recognises connection failures as 'unavailable' (answered with 503 and Retry-After)", () => {
    expect(isDatabaseUnavailable({ code: "ECONNREFUSED" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "57P01" } }))).toBe(true);
    expect(isDatabaseUnavailable({ code: "08006" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "23505" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("plain"))).toBe(false);
  });

  it("answers 503 with Retry-After when the database is unreachable", async () => {
    // A PostgreSQL client pointed at a port where nothing listens: every query fails to connect.
    const client = postgres("postgres://nobody@127.0.0.1:9/none", {
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const unreachable: Db = drizzle(client, { schema });
    const request = post(`/api/v1/flows/${fx.flowId}/route`, JSON.stringify(emeaLead(1)), auth());
    const response = await routeLeadOverHttp(unreachable, request, fx.flowId);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
    await client.end();
  });
});
