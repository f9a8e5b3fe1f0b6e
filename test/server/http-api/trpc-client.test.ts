import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/server/db/client";
import { handleTrpcRequest } from "@/server/trpc/http";
import type { AppRouter } from "@/server/trpc/root";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

// The README's typed client, end to end through the app's tRPC fetch handler: the API key travels in
// the Authorization header. There is no browser session (no cookie to read outside Next).
vi.mock("server-only", () => ({}));
vi.mock("@/server/auth/session", () => ({ getSessionIdentity: async () => null }));

const holder = globalThis as typeof globalThis & { __switchyardDb?: Promise<Database> };

let database: Database;
let fx: RoutingFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  holder.__switchyardDb = Promise.resolve(database);
  fx = await createRoutingFixture(database.db);
});
afterAll(async () => {
  delete holder.__switchyardDb;
  await database.close();
});

function clientWith(key: string | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "http://localhost/api/trpc",
        transformer: superjson,
        headers: key ? { authorization: `Bearer ${key}` } : {},
        fetch: (url, init) => handleTrpcRequest(new Request(url, init as RequestInit)),
      }),
    ],
  });
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError) return String(error.data?.code);
    throw error;
  }
}

describe("typed tRPC client with an API key", () => {
  it("routes a lead and reads it back, as the README shows", async () => {
    const { key } = await fx.as.admin.apiKeys.create({ name: "Typed", scopes: ["route", "read"] });
    const switchyard = clientWith(key);
    const decision = await switchyard.routing.route.mutate({ flowId: fx.flowId, lead: emeaLead(1) });
    expect(decision).toMatchObject({ outcome: "rep", pool: { name: "EMEA" } });
    const [page, flows] = await Promise.all([
      switchyard.leads.list.query({ flowId: fx.flowId, limit: 10 }),
      switchyard.flows.list.query(),
    ]);
    expect(page.items.map((l) => l.id)).toContain(decision.leadId);
    expect(flows.map((f) => f.id)).toEqual([fx.flowId]);
    const lead = await switchyard.leads.get.query({ id: decision.leadId });
    expect(lead.lead.createdAt).toBeInstanceOf(Date);
    await expect(
      switchyard.outcomes.report.mutate({ leadId: decision.leadId, kind: "contacted" }),
    ).resolves.toMatchObject({ replayed: false });
  });

  it("refuses keys on other procedures, bad keys, and calls over the limit", async () => {
    const { key } = await fx.as.admin.apiKeys.create({
      name: "Tight",
      scopes: ["admin"],
      rateLimitPerMinute: 2,
    });
    const switchyard = clientWith(key);
    await expect(codeOf(switchyard.reps.list.query())).resolves.toBe("FORBIDDEN");
    await expect(codeOf(switchyard.apiKeys.list.query())).resolves.toBe("FORBIDDEN");
    await expect(codeOf(clientWith("sy_unknown_key").flows.list.query())).resolves.toBe("UNAUTHORIZED");
    await expect(codeOf(clientWith(null).flows.list.query())).resolves.toBe("UNAUTHORIZED");
    await expect(codeOf(switchyard.flows.list.query())).resolves.toBe("OK");
    await expect(codeOf(switchyard.flows.list.query())).resolves.toBe("OK");
    await expect(codeOf(switchyard.flows.list.query())).resolves.toBe("TOO_MANY_REQUESTS");
  });
});
