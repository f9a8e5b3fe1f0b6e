import { randomUUID } from "node:crypto";
import type { Role } from "@/drizzle/schema";
import type { Db } from "@/server/db/client";
import { signUp } from "@/server/services/accounts";
import { addMember } from "@/server/services/workspace";
import { createCaller } from "@/server/trpc/root";

export type Caller = ReturnType<typeof createCaller>;

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export function callerFor(db: Db, userId: string, workspaceId: string): Caller {
  return createCaller({ db, session: { userId, workspaceId } });
}

export interface WorkspaceFixture {
  workspaceId: string;
  users: Record<Role, string>;
  as: Record<Role, Caller>;
  anonymous: Caller;
}

/** A workspace with one admin, one editor and one viewer, each with a tRPC caller. */
export async function createWorkspace(db: Db, name = "Test Co"): Promise<WorkspaceFixture> {
  const admin = await signUp(db, {
    name: "Ada Admin",
    email: uniqueEmail("admin"),
    password: "admin-password",
    workspaceName: name,
  });
  const editor = await addMember(db, admin.workspaceId, {
    name: "Eddie Editor",
    email: uniqueEmail("editor"),
    password: "editor-password",
    role: "editor",
  });
  const viewer = await addMember(db, admin.workspaceId, {
    name: "Vera Viewer",
    email: uniqueEmail("viewer"),
    password: "viewer-password",
    role: "viewer",
  });
  const users = { admin: admin.userId, editor: editor.userId, viewer: viewer.userId };
  return {
    workspaceId: admin.workspaceId,
    users,
    as: {
      admin: callerFor(db, users.admin, admin.workspaceId),
      editor: callerFor(db, users.editor, admin.workspaceId),
      viewer: callerFor(db, users.viewer, admin.workspaceId),
    },
    anonymous: createCaller({ db, session: null }),
  };
}

/** Calls a procedure by its dotted path, for tests that sweep over every procedure of the router. */
export async function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) {
    target = (target as Record<string, unknown>)[part];
  }
  if (typeof target !== "function") throw new Error(`no procedure at ${path}`);
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** The tRPC error code a call fails with, or "OK" when it succeeds. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && typeof error.code === "string")
      return error.code;
    throw error;
  }
}

/** The error a call fails with, or null when it succeeds. */
export function errorOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => null,
    (error: unknown) => error,
  );
}
