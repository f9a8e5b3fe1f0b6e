import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { openTestDatabase } from "@/test/helpers/db";
import { callByPath } from "@/test/helpers/fixtures";
import { CATALOGUE, createStockedWorkspace, type StockedWorkspace } from "@/test/server/catalogue";

let database: Database;
let ws: StockedWorkspace;

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createStockedWorkspace(database.db);
});
afterAll(() => database.close());

const withInput = Object.entries(CATALOGUE).filter(([, spec]) => spec.badInput !== null);

async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("bad input", () => {
  it("every procedure that takes input has a bad-input case", () => {
    const noInput = Object.entries(CATALOGUE)
      .filter(([, spec]) => spec.badInput === null)
      .map(([path]) => path);
    expect(noInput.sort()).toEqual([
      "apiKeys.list",
      "auth.me",
      "flows.list",
      "flows.templates",
      "pools.list",
      "reps.list",
      "webhooks.listEndpoints",
      "workspace.get",
      "workspace.members",
    ]);
  });

  it.each(withInput)("%s answers BAD_REQUEST naming the field", async (path, spec) => {
    if (!spec.badInput) throw new Error("filtered above");
    const caller = spec.minRole === "public" ? ws.anonymous : ws.as.admin;
    const error = await errorOf(callByPath(caller, path, spec.badInput.input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(new RegExp(`(^|; )${spec.badInput.field.replaceAll(".", "\\.")}: `));
  });

  it("a non-object input is BAD_REQUEST, not a crash", async () => {
    const error = await errorOf(callByPath(ws.as.admin, "reps.create", "just a string"));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("lists every problem at once", async () => {
    const error = await errorOf(ws.as.admin.reps.create({ name: "", email: "nope", weight: 1000 }));
    expect(error.message).toContain("name: is required");
    expect(error.message).toContain("email: must be a valid email address");
    expect(error.message).toContain("weight: must be at most 100");
  });

  it("a pool naming a rep twice is rejected on members", async () => {
    const error = await errorOf(
      ws.as.admin.pools.create({ name: "Twice", members: [{ repId: ws.repId }, { repId: ws.repId }] }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("members: must not list a rep twice");
  });
});
