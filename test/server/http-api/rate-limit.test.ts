import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/drizzle/schema";
import { hashApiKey } from "@/server/auth/api-keys";
import type { Database } from "@/server/db/client";
import { routeLeadOverHttp } from "@/server/http/route-lead";
import { authenticateApiKey } from "@/server/services/api-keys";
import { openTestDatabase } from "@/test/helpers/db";
import { outcomeOf } from "@/test/helpers/fixtures";
import { createRoutingFixture, emeaLead, liveStateOf, type RoutingFixture } from "@/test/helpers/routing";

let database: Database;
let fx: RoutingFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db);
});
afterAll(() => database.close());

async function keyWithLimit(rateLimitPerMinute: number, scopes: ("route" | "read")[] = ["route"]) {
  return fx.as.admin.apiKeys.create({ name: `Limit ${rateLimitPerMinute}`, scopes, rateLimitPerMinute });
}

function route(key: string, i: number) {
  const request = new Request(`http://localhost/api/v1/flows/${fx.flowId}/route`, {
    method: "POST",
    body: JSON.stringify(emeaLead(i)),
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  });
  return routeLeadOverHttp(database.db, request, fx.flowId);
}

describe("per-key rate limit (GCRA)", () => {
  it("lets a key with limit 5 make 5 requests, then answers 429 with Retry-After and RateLimit headers", async () => {
    const { key } = await keyWithLimit(5);
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await route(key, i);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(res.headers.get("ratelimit-remaining") ?? "");
    }
    // Requests within a few ms refill nothing: the remaining burst counts down to 0.
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);

    const refused = await route(key, 6);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringContaining("limit of 5 requests a minute") },
    });
    // One request is emitted every 12 s at 5 a minute: the next one is due within 12 s.
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect(refused.headers.get("ratelimit-limit")).toBe("5");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThan(48);
  });

  it("a refused request changes nothing: no lead, no decision, no rep load, no cursor", async () => {
    const { key } = await keyWithLimit(1);
    expect((await route(key, 1)).status).toBe(200);
    const [tatBefore] = await database.db
      .select({ tat: apiKeys.rateLimitTat })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashApiKey(key)));
    const before = await liveStateOf(database.db, fx.workspaceId);
    for (let i = 0; i < 3; i++) expect((await route(key, 100 + i)).status).toBe(429);
    expect(await liveStateOf(database.db, fx.workspaceId)).toEqual(before);
    const [tatAfter] = await database.db
      .select({ tat: apiKeys.rateLimitTat })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashApiKey(key)));
    // Refusals do not push the key further into debt.
    expect(tatAfter?.tat?.getTime()).toBe(tatBefore?.tat?.getTime());
  });

  it("two concurrent bursts together never exceed the limit", async () => {
    const { key } = await keyWithLimit(20);
    const burst = () => Promise.all(Array.from({ length: 25 }, () => authenticateApiKey(database.db, key)));
    const [a, b] = await Promise.all([burst(), burst()]);
    const results = [...a, ...b];
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(20);
    expect(results.filter((r) => r.kind === "rate_limited")).toHaveLength(30);
  });

  it("admits exactly the limit in a burst for limits that do not divide a minute evenly", async () => {
    for (const limit of [7, 13, 31]) {
      const { key } = await keyWithLimit(limit);
      let admitted = 0;
      for (let i = 0; i < limit + 3; i++) {
        if ((await authenticateApiKey(database.db, key)).kind === "ok") admitted++;
      }
      expect(admitted).toBe(limit);
    }
  });

  it("keys are limited independently, and a new limit applies from the next request", async () => {
    const first = await keyWithLimit(1);
    const second = await keyWithLimit(1);
    expect((await route(first.key, 1)).status).toBe(200);
    expect((await route(second.key, 2)).status).toBe(200);
    expect((await route(first.key, 3)).status).toBe(429);
    await fx.as.admin.apiKeys.setRateLimit({ id: first.id, rateLimitPerMinute: 600 });
    // A new limit starts a fresh burst.
    const res = await route(first.key, 4);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBe("600");
  });

  it("stamps last_used_at with every admitted request and lists limit and prefix", async () => {
    const created = await keyWithLimit(50);
    expect((await fx.as.admin.apiKeys.list()).find((k) => k.id === created.id)?.lastUsedAt).toBeNull();
    await route(created.key, 1);
    const listed = (await fx.as.admin.apiKeys.list()).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ rateLimitPerMinute: 50, prefix: created.prefix });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("the limit defaults to 600 a minute and is validated by name", async () => {
    const created = await fx.as.admin.apiKeys.create({ name: "Default", scopes: ["read"] });
    expect(created.rateLimitPerMinute).toBe(600);
    await expect(
      outcomeOf(fx.as.admin.apiKeys.create({ name: "Zero", scopes: ["read"], rateLimitPerMinute: 0 })),
    ).resolves.toBe("BAD_REQUEST");
    await expect(
      fx.as.admin.apiKeys.setRateLimit({ id: created.id, rateLimitPerMinute: 1.5 }),
    ).rejects.toThrow(/rateLimitPerMinute: must be a whole number/);
    await fx.as.admin.apiKeys.revoke({ id: created.id });
    await expect(
      outcomeOf(fx.as.admin.apiKeys.setRateLimit({ id: created.id, rateLimitPerMinute: 10 })),
    ).resolves.toBe("NOT_FOUND");
  });
});
