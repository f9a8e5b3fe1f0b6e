import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import type { ApiKeyScope } from "@/server/schemas";
import { API_KEY_PROCEDURES } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { openTestDatabase } from "@/test/helpers/db";
import { type Caller, callByPath, outcomeOf } from "@/test/helpers/fixtures";
import { allProcedures } from "@/test/helpers/procedures";
import { liveStateOf } from "@/test/helpers/routing";
import { CATALOGUE, createStockedWorkspace, type StockedWorkspace } from "@/test/server/catalogue";

// tRPC with API keys: integrations may call the few procedures the catalogue marks with an
// `apiKeyScope`, with the same scopes and rate limit as the HTTP API; every other procedure refuses keys.

let database: Database;
let a: StockedWorkspace;
let b: StockedWorkspace;
const keysOfA: Partial<Record<ApiKeyScope, string>> = {};
let keyOfB: string;

beforeAll(async () => {
  database = await openTestDatabase();
  a = await createStockedWorkspace(database.db, "Keyed A");
  b = await createStockedWorkspace(database.db, "Keyed B");
  for (const scope of ["route", "read", "admin"] as const) {
    keysOfA[scope] = (await a.as.admin.apiKeys.create({ name: scope, scopes: [scope] })).key;
  }
  keyOfB = (await b.as.admin.apiKeys.create({ name: "B", scopes: ["admin"] })).key;
});
afterAll(() => database.close());

function keyed(key: string | undefined, session: StockedWorkspace | null = null): Caller {
  return createCaller({
    db: database.db,
    session: session ? { userId: session.users.admin, workspaceId: session.workspaceId } : null,
    apiKey: key ?? "",
  });
}

const procedures = allProcedures();
const integration = procedures.filter((p) => CATALOGUE[p.path]?.apiKeyScope);
const sessionOnly = procedures.filter(
  (p) => !CATALOGUE[p.path]?.apiKeyScope && CATALOGUE[p.path]?.minRole !== "public",
);

function spec(path: string) {
  const found = CATALOGUE[path];
  if (!found) throw new Error(`no catalogue entry for ${path}`);
  return found;
}

describe("API keys over tRPC", () => {
  it("the catalogue's key-callable procedures are exactly the server's", () => {
    expect(integration.map((p) => p.path).sort()).toEqual([...API_KEY_PROCEDURES].sort());
  });

  it.each(sessionOnly)(
    "an admin-scoped key gets FORBIDDEN on $path, even beside a session",
    async ({ path }) => {
      const input = spec(path).validInput(a);
      await expect(outcomeOf(callByPath(keyed(keysOfA.admin), path, input))).resolves.toBe("FORBIDDEN");
      await expect(outcomeOf(callByPath(keyed(keysOfA.admin, a), path, input))).resolves.toBe("FORBIDDEN");
    },
  );

  it.each(integration)(
    "$path: its scope and admin succeed, the other scope is FORBIDDEN",
    async ({ path }) => {
      const { apiKeyScope, validInput } = spec(path);
      const other: ApiKeyScope = apiKeyScope === "route" ? "read" : "route";
      await expect(
        outcomeOf(callByPath(keyed(keysOfA[apiKeyScope ?? "admin"]), path, validInput(a))),
      ).resolves.toBe("OK");
      await expect(outcomeOf(callByPath(keyed(keysOfA.admin), path, validInput(a)))).resolves.toBe("OK");
      await expect(outcomeOf(callByPath(keyed(keysOfA[other]), path, validInput(a)))).resolves.toBe(
        "FORBIDDEN",
      );
    },
  );

  it.each(integration)("$path: unknown, revoked and malformed keys are UNAUTHORIZED", async ({ path }) => {
    const input = spec(path).validInput(a);
    const revoked = await a.as.admin.apiKeys.create({ name: "Old", scopes: ["admin"] });
    await a.as.admin.apiKeys.revoke({ id: revoked.id });
    for (const key of ["sy_nope_nope", revoked.key, ""]) {
      await expect(outcomeOf(callByPath(keyed(key), path, input))).resolves.toBe("UNAUTHORIZED");
    }
  });

  it.each(integration.filter((p) => CATALOGUE[p.path]?.badInput))(
    "$path: bad input with a key is BAD_REQUEST naming the field",
    async ({ path }) => {
      const bad = spec(path).badInput;
      if (!bad) throw new Error("no bad input");
      const error = await callByPath(keyed(keysOfA.admin), path, bad.input).then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(error?.code).toBe("BAD_REQUEST");
      expect(error?.message).toContain(bad.field);
    },
  );

  it("a key sees only its own workspace", async () => {
    const fromB = keyed(keyOfB);
    await expect(outcomeOf(fromB.leads.get({ id: a.leadId }))).resolves.toBe("NOT_FOUND");
    await expect(outcomeOf(fromB.flows.get({ id: a.flowId }))).resolves.toBe("NOT_FOUND");
    await expect(
      outcomeOf(fromB.routing.route({ flowId: a.flowId, lead: { email: "x@example.test" } })),
    ).resolves.toBe("NOT_FOUND");
    await expect(outcomeOf(fromB.outcomes.report({ leadId: a.leadId, kind: "won" }))).resolves.toBe(
      "NOT_FOUND",
    );
    expect((await fromB.leads.list({})).items.map((l) => l.id)).not.toContain(a.leadId);
    expect((await fromB.flows.list()).map((f) => f.id)).not.toContain(a.flowId);
    expect((await fromB.flows.list()).map((f) => f.id)).toContain(b.flowId);
  });

  it("the key's rate limit applies over tRPC, and a refused route records nothing", async () => {
    const { key } = await a.as.admin.apiKeys.create({
      name: "Tight",
      scopes: ["route"],
      rateLimitPerMinute: 2,
    });
    const caller = keyed(key);
    const lead = { email: "limited@example.test" };
    await expect(outcomeOf(caller.routing.route({ flowId: a.flowId, lead }))).resolves.toBe("OK");
    await expect(outcomeOf(caller.routing.route({ flowId: a.flowId, lead }))).resolves.toBe("OK");
    const before = await liveStateOf(database.db, a.workspaceId);
    const refused = await caller.routing.route({ flowId: a.flowId, lead }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/retry in \d+ s/),
    });
    expect(await liveStateOf(database.db, a.workspaceId)).toEqual(before);
  });
});
