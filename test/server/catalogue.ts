import type { Role } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import type { WorkspaceFixture } from "@/test/helpers/fixtures";
import { createWorkspace, uniqueEmail } from "@/test/helpers/fixtures";

/** A workspace fixture plus one of each resource, so every procedure has something to act on. */
export interface StockedWorkspace extends WorkspaceFixture {
  repId: string;
  poolId: string;
  apiKeyId: string;
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
  return { ...fx, repId: rep.id, poolId: pool.id, apiKeyId: key.id };
}

export interface ProcedureSpec {
  /** The lowest role allowed; "public" needs no session. */
  minRole: Role | "public";
  /** A valid input against the workspace's own resources. */
  validInput: (ws: StockedWorkspace) => unknown;
  /** Malformed input and the field the error must name; null for procedures without input. */
  badInput: { input: unknown; field: string } | null;
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
};
