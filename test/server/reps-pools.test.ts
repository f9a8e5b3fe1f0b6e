import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { openTestDatabase } from "@/test/helpers/db";
import { createWorkspace, outcomeOf, uniqueEmail, type WorkspaceFixture } from "@/test/helpers/fixtures";

let database: Database;
let ws: WorkspaceFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createWorkspace(database.db);
});
afterAll(() => database.close());

describe("reps", () => {
  it("creates a rep with defaults and de-duplicated tags", async () => {
    const rep = await ws.as.editor.reps.create({
      name: "  Tess Tag ",
      email: uniqueEmail("tess"),
      territories: ["EMEA", "EMEA", "APAC"],
      skills: ["german"],
    });
    expect(rep).toMatchObject({
      name: "Tess Tag",
      territories: ["EMEA", "APAC"],
      skills: ["german"],
      weight: 1,
      capacity: null,
      status: "active",
      openLeads: 0,
      timezone: "UTC",
    });
  });

  it("rejects a second rep with the same email in the workspace, case-insensitively", async () => {
    const email = uniqueEmail("same");
    await ws.as.editor.reps.create({ name: "One", email });
    await expect(
      outcomeOf(ws.as.editor.reps.create({ name: "Two", email: email.toUpperCase() })),
    ).resolves.toBe("CONFLICT");
    const other = await createWorkspace(database.db);
    await expect(outcomeOf(other.as.editor.reps.create({ name: "Elsewhere", email }))).resolves.toBe("OK");
  });

  it("edits territories, skills, weight and capacity", async () => {
    const rep = await ws.as.editor.reps.create({ name: "Ed", email: uniqueEmail("ed") });
    const updated = await ws.as.editor.reps.update({
      id: rep.id,
      territories: ["NA-West"],
      skills: ["spanish", "smb"],
      weight: 3,
      capacity: 20,
      timezone: "America/Los_Angeles",
    });
    expect(updated).toMatchObject({
      territories: ["NA-West"],
      skills: ["spanish", "smb"],
      weight: 3,
      capacity: 20,
    });
    expect((await ws.as.viewer.reps.get({ id: rep.id })).timezone).toBe("America/Los_Angeles");
  });

  it("changes only the fields an update names", async () => {
    const rep = await ws.as.editor.reps.create({
      name: "Pat Partial",
      email: uniqueEmail("pat"),
      territories: ["EMEA"],
      skills: ["german"],
      weight: 4,
      capacity: 12,
      timezone: "Europe/Berlin",
    });
    const renamed = await ws.as.editor.reps.update({ id: rep.id, name: "Pat Renamed" });
    expect(renamed).toMatchObject({
      name: "Pat Renamed",
      territories: ["EMEA"],
      skills: ["german"],
      weight: 4,
      capacity: 12,
      timezone: "Europe/Berlin",
    });
  });

  it("marks a rep away until a future date, back again, and deactivates", async () => {
    const rep = await ws.as.editor.reps.create({ name: "Al Away", email: uniqueEmail("al") });
    const until = new Date(Date.now() + 3 * 86_400_000);
    expect(await ws.as.editor.reps.setStatus({ id: rep.id, status: "away", awayUntil: until })).toMatchObject(
      {
        status: "away",
        awayUntil: until,
      },
    );
    expect(await ws.as.editor.reps.setStatus({ id: rep.id, status: "active" })).toMatchObject({
      status: "active",
      awayUntil: null,
    });
    expect(await ws.as.editor.reps.setStatus({ id: rep.id, status: "inactive" })).toMatchObject({
      status: "inactive",
    });
  });

  it("refuses an away-until date in the past", async () => {
    const rep = await ws.as.editor.reps.create({ name: "Past", email: uniqueEmail("past") });
    const error = await ws.as.editor.reps
      .setStatus({ id: rep.id, status: "away", awayUntil: new Date(Date.now() - 1000) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "awayUntil: must be in the future" });
  });
});

describe("pools", () => {
  it("creates a weighted pool with members in order and lists their status", async () => {
    const a = await ws.as.editor.reps.create({ name: "A", email: uniqueEmail("a"), weight: 3 });
    const b = await ws.as.editor.reps.create({ name: "B", email: uniqueEmail("b") });
    await ws.as.editor.reps.setStatus({ id: b.id, status: "away", awayUntil: null });
    const pool = await ws.as.editor.pools.create({
      name: "Weighted",
      strategy: "weighted_round_robin",
      members: [
        { repId: a.id, weight: 3 },
        { repId: b.id, weight: 1 },
      ],
    });
    expect(pool.strategy).toBe("weighted_round_robin");
    expect(pool.members.map((m) => [m.name, m.weight, m.status])).toEqual([
      ["A", 3, "active"],
      ["B", 1, "away"],
    ]);
  });

  it("replaces members and strategy on update, and rejects a duplicate name", async () => {
    const a = await ws.as.editor.reps.create({ name: "Solo", email: uniqueEmail("solo") });
    const pool = await ws.as.editor.pools.create({ name: "Changing", members: [] });
    const updated = await ws.as.editor.pools.update({
      id: pool.id,
      strategy: "least_loaded",
      members: [{ repId: a.id, weight: 5 }],
    });
    expect(updated.strategy).toBe("least_loaded");
    expect(updated.members.map((m) => [m.repId, m.weight])).toEqual([[a.id, 5]]);
    await ws.as.editor.pools.create({ name: "Taken", members: [] });
    await expect(outcomeOf(ws.as.editor.pools.update({ id: pool.id, name: "Taken" }))).resolves.toBe(
      "CONFLICT",
    );
    await expect(outcomeOf(ws.as.editor.pools.create({ name: "Taken" }))).resolves.toBe("CONFLICT");
  });

  it("archived pools leave the list and come back on restore", async () => {
    const pool = await ws.as.editor.pools.create({ name: "Seasonal" });
    await ws.as.editor.pools.archive({ id: pool.id });
    expect((await ws.as.viewer.pools.list()).map((p) => p.id)).not.toContain(pool.id);
    expect((await ws.as.viewer.pools.get({ id: pool.id })).archivedAt).toBeInstanceOf(Date);
    await ws.as.editor.pools.restore({ id: pool.id });
    expect((await ws.as.viewer.pools.list()).map((p) => p.id)).toContain(pool.id);
  });

  it("names the member that does not exist", async () => {
    const error = await ws.as.editor.pools
      .create({ name: "Ghosts", members: [{ repId: crypto.randomUUID(), weight: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "members.0.repId: no rep with this id in your workspace",
    });
  });
});
