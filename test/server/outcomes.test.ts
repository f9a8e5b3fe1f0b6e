import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { reportLeadOutcomeOverHttp } from "@/server/http/lead-outcome";
import { reportOutcome } from "@/server/services/outcomes";
import { routeOne } from "@/server/services/routing";
import { openTestDatabase } from "@/test/helpers/db";
import { errorOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
let fx: RoutingFixture;
let key: string;

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db);
  key = (await fx.as.admin.apiKeys.create({ name: "CRM", scopes: ["route"] })).key;
});
afterAll(() => database.close());

async function newLead(i: number) {
  const { response } = await routeOne(database.db, {
    workspaceId: fx.workspaceId,
    flowId: fx.flowId,
    lead: emeaLead(i),
  });
  const { lead } = await fx.as.viewer.leads.get({ id: response.leadId });
  return { id: response.leadId, createdAt: lead.createdAt };
}

async function post(leadId: string, body: unknown, authorization = `Bearer ${key}`) {
  const request = new Request(`http://localhost/api/v1/leads/${leadId}/outcome`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", authorization },
  });
  const response = await reportLeadOutcomeOverHttp(database.db, request, leadId);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("POST /api/v1/leads/{id}/outcome", () => {
  it("records an outcome (201) and replays the same report (200, marked)", async () => {
    const lead = await newLead(1);
    const occurredAt = new Date(lead.createdAt.getTime() + 90_000).toISOString();
    const first = await post(lead.id, { kind: "contacted", occurredAt });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ leadId: lead.id, kind: "contacted", occurredAt, replayed: false });
    const again = await post(lead.id, { kind: "contacted", occurredAt });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    // A retry without a time matches whatever time was stored.
    expect((await post(lead.id, { kind: "contacted" })).body).toMatchObject({
      id: first.body.id,
      occurredAt,
    });
  });

  it("409 when the same kind comes back with another time or value", async () => {
    const lead = await newLead(2);
    await post(lead.id, { kind: "won", value: 5000 });
    const otherValue = await post(lead.id, { kind: "won", value: 6000 });
    expect(otherValue.status).toBe(409);
    expect(otherValue.body).toMatchObject({
      error: {
        code: "conflict",
        message: expect.stringMatching(/^value: 'won' was already reported with value 5000/),
      },
    });
    const otherTime = await post(lead.id, { kind: "won", occurredAt: lead.createdAt.toISOString() });
    expect(otherTime.status).toBe(409);
    expect(otherTime.body).toMatchObject({ error: { message: expect.stringMatching(/^occurredAt: /) } });
    const lost = await post(lead.id, { kind: "lost" });
    expect(lost.status).toBe(409);
    expect(lost.body).toMatchObject({ error: { message: "kind: the lead is already reported as 'won'" } });
    expect((await fx.as.viewer.outcomes.list({ leadId: lead.id })).map((o) => [o.kind, o.value])).toEqual([
      ["won", 5000],
    ]);
  });

  it("400 naming the field for bad input", async () => {
    const lead = await newLead(3);
    const cases: [unknown, string][] = [
      [{ kind: "ghosted" }, "kind: "],
      [{ kind: "won", value: -1 }, "value: must be 0 or more"],
      [{ kind: "contacted", value: 10 }, "value: is only allowed with kind 'won'"],
      [{ kind: "contacted", occurredAt: "yesterday" }, "occurredAt: must be an ISO 8601 time"],
      [
        { kind: "contacted", occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
        "occurredAt: is in the future",
      ],
      [
        { kind: "contacted", occurredAt: new Date(lead.createdAt.getTime() - 1000).toISOString() },
        "occurredAt: is before the lead was created",
      ],
      [{ kind: "contacted", extra: true }, "body: "],
      ["not json", "body: is not valid JSON"],
    ];
    for (const [body, message] of cases) {
      const res = await post(lead.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: "bad_request", message: expect.stringContaining(message) },
      });
    }
    expect((await post("not-a-uuid", { kind: "won" })).status).toBe(400);
    expect(await fx.as.viewer.outcomes.list({ leadId: lead.id })).toEqual([]);
  });

  it("401 without a key, 403 without the route scope, 404 for another workspace's lead", async () => {
    const lead = await newLead(4);
    expect((await post(lead.id, { kind: "won" }, "")).status).toBe(401);
    const readOnly = await fx.as.admin.apiKeys.create({ name: "Reader", scopes: ["read"] });
    expect((await post(lead.id, { kind: "won" }, `Bearer ${readOnly.key}`)).status).toBe(403);
    const other = await createRoutingFixture(database.db, { weights: [1] });
    const otherKey = (await other.as.admin.apiKeys.create({ name: "Other", scopes: ["route"] })).key;
    const res = await post(lead.id, { kind: "won" }, `Bearer ${otherKey}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { message: "leadId: no lead with this id in your workspace" } });
    expect((await post(crypto.randomUUID(), { kind: "won" })).status).toBe(404);
    expect(await fx.as.viewer.outcomes.list({ leadId: lead.id })).toEqual([]);
  });
});

describe("outcomes over tRPC", () => {
  it("report is idempotent, list shows the outcomes in time order, viewers cannot report", async () => {
    const lead = await newLead(5);
    const contacted = new Date(lead.createdAt.getTime() + 1000).toISOString();
    const first = await fx.as.editor.outcomes.report({
      leadId: lead.id,
      kind: "contacted",
      occurredAt: contacted,
    });
    const again = await fx.as.editor.outcomes.report({
      leadId: lead.id,
      kind: "contacted",
      occurredAt: contacted,
    });
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, outcome: { id: first.outcome.id } });
    await fx.as.editor.outcomes.report({
      leadId: lead.id,
      kind: "meeting_booked",
      occurredAt: new Date(lead.createdAt.getTime() + 2000).toISOString(),
    });
    expect((await fx.as.viewer.outcomes.list({ leadId: lead.id })).map((o) => o.kind)).toEqual([
      "contacted",
      "meeting_booked",
    ]);
    await expect(
      errorOf(fx.as.viewer.outcomes.report({ leadId: lead.id, kind: "won" })),
    ).resolves.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      errorOf(
        fx.as.editor.outcomes.report({
          leadId: lead.id,
          kind: "contacted",
          occurredAt: lead.createdAt.toISOString(),
        }),
      ),
    ).resolves.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^occurredAt: /) });
  });

  it("concurrent reports of one kind store one outcome", async () => {
    const lead = await newLead(6);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        reportOutcome(database.db, fx.workspaceId, lead.id, { kind: "qualified" }),
      ),
    );
    expect(new Set(results.map((r) => r.outcome.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });
});
