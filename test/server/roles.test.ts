import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { openTestDatabase } from "@/test/helpers/db";
import { callByPath, callerFor, outcomeOf } from "@/test/helpers/fixtures";
import { allProcedures, READ_ONLY_MUTATIONS } from "@/test/helpers/procedures";
import { CATALOGUE, createStockedWorkspace, type StockedWorkspace } from "@/test/server/catalogue";

let database: Database;
let ws: StockedWorkspace;

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createStockedWorkspace(database.db);
});
afterAll(() => database.close());

const procedures = allProcedures();
const mutations = procedures.filter((p) => p.type === "mutation" && !READ_ONLY_MUTATIONS.has(p.path));

describe("role enforcement", () => {
  it("the catalogue describes every procedure of the router", () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual(procedures.map((p) => p.path));
  });

  it.each(mutations.filter((m) => CATALOGUE[m.path]?.minRole !== "public"))(
    "viewer gets FORBIDDEN on $path",
    async ({ path }) => {
      const spec = CATALOGUE[path];
      if (!spec) throw new Error(`no catalogue entry for ${path}`);
      await expect(outcomeOf(callByPath(ws.as.viewer, path, spec.validInput(ws)))).resolves.toBe("FORBIDDEN");
    },
  );

  it.each(procedures.filter((p) => CATALOGUE[p.path]?.minRole === "admin"))(
    "editor gets FORBIDDEN on admin-only $path",
    async ({ path }) => {
      const spec = CATALOGUE[path];
      if (!spec) throw new Error(`no catalogue entry for ${path}`);
      await expect(outcomeOf(callByPath(ws.as.editor, path, spec.validInput(ws)))).resolves.toBe("FORBIDDEN");
    },
  );

  it.each(procedures.filter((p) => CATALOGUE[p.path]?.minRole !== "public"))(
    "signed-out callers get UNAUTHORIZED on $path",
    async ({ path }) => {
      const spec = CATALOGUE[path];
      if (!spec) throw new Error(`no catalogue entry for ${path}`);
      await expect(outcomeOf(callByPath(ws.anonymous, path, spec.validInput(ws)))).resolves.toBe(
        "UNAUTHORIZED",
      );
    },
  );

  it.each(procedures)("the lowest allowed role succeeds on $path", async ({ path }) => {
    const spec = CATALOGUE[path];
    if (!spec) throw new Error(`no catalogue entry for ${path}`);
    // A fresh workspace per call: some mutations (remove member, revoke key) consume their target.
    const fresh = await createStockedWorkspace(database.db);
    const caller = spec.minRole === "public" ? fresh.anonymous : fresh.as[spec.minRole];
    await expect(outcomeOf(callByPath(caller, path, spec.validInput(fresh)))).resolves.toBe("OK");
  });

  it("a role change takes effect on the next call", async () => {
    const fresh = await createStockedWorkspace(database.db);
    await fresh.as.admin.workspace.setMemberRole({ userId: fresh.users.viewer, role: "editor" });
    await expect(outcomeOf(fresh.as.viewer.reps.update({ id: fresh.repId, weight: 3 }))).resolves.toBe("OK");
    await fresh.as.admin.workspace.setMemberRole({ userId: fresh.users.viewer, role: "viewer" });
    await expect(outcomeOf(fresh.as.viewer.reps.update({ id: fresh.repId, weight: 4 }))).resolves.toBe(
      "FORBIDDEN",
    );
  });

  it("a removed member is signed out of the workspace at once", async () => {
    const fresh = await createStockedWorkspace(database.db);
    await fresh.as.admin.workspace.removeMember({ userId: fresh.users.editor });
    await expect(outcomeOf(fresh.as.editor.reps.list())).resolves.toBe("UNAUTHORIZED");
  });

  it("a session naming a workspace the user does not belong to is UNAUTHORIZED", async () => {
    const other = await createStockedWorkspace(database.db);
    const intruder = callerFor(database.db, ws.users.admin, other.workspaceId);
    await expect(outcomeOf(intruder.reps.list())).resolves.toBe("UNAUTHORIZED");
  });

  it("the workspace always keeps an admin", async () => {
    const fresh = await createStockedWorkspace(database.db);
    await expect(
      outcomeOf(fresh.as.admin.workspace.setMemberRole({ userId: fresh.users.admin, role: "editor" })),
    ).resolves.toBe("BAD_REQUEST");
    await expect(
      outcomeOf(fresh.as.admin.workspace.removeMember({ userId: fresh.users.admin })),
    ).resolves.toBe("BAD_REQUEST");
    await fresh.as.admin.workspace.setMemberRole({ userId: fresh.users.editor, role: "admin" });
    await expect(
      outcomeOf(fresh.as.admin.workspace.setMemberRole({ userId: fresh.users.admin, role: "viewer" })),
    ).resolves.toBe("OK");
  });
});
