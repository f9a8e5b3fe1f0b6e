import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { memberships, type Role, users, workspaces } from "@/drizzle/schema";
import { hashPassword } from "@/server/auth/password";
import type { Db, Executor } from "@/server/db/client";
import type { addMemberInput } from "@/server/schemas";
import { findUserByEmail, normalizeEmail } from "@/server/services/accounts";
import { ServiceError } from "@/server/services/errors";

export async function getWorkspace(db: Executor, workspaceId: string) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new ServiceError("NOT_FOUND", "workspace: not found");
  return workspace;
}

export async function renameWorkspace(db: Executor, workspaceId: string, name: string) {
  const [workspace] = await db
    .update(workspaces)
    .set({ name })
    .where(eq(workspaces.id, workspaceId))
    .returning();
  if (!workspace) throw new ServiceError("NOT_FOUND", "workspace: not found");
  return workspace;
}

export function listMembers(db: Executor, workspaceId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

/**
 * Adds a person to the workspace. A new email gets an account with the given initial password;
 * an existing account is added with its own password unchanged.
 */
export async function addMember(db: Db, workspaceId: string, input: z.output<typeof addMemberInput>) {
  return db.transaction(async (tx) => {
    const email = normalizeEmail(input.email);
    let user = await findUserByEmail(tx, email);
    if (!user) {
      const passwordHash = await hashPassword(input.password);
      [user] = await tx.insert(users).values({ email, name: input.name, passwordHash }).returning();
      if (!user) throw new Error("insert returned no row");
    }
    const [existing] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, user.id)));
    if (existing)
      throw new ServiceError("CONFLICT", "email: this person is already a member of the workspace");
    await tx.insert(memberships).values({ workspaceId, userId: user.id, role: input.role });
    return { userId: user.id, name: user.name, email: user.email, role: input.role };
  });
}

export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: Role) {
  return db.transaction(async (tx) => {
    await assertMember(tx, workspaceId, userId);
    if (role !== "admin") await assertAnotherAdmin(tx, workspaceId, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return { userId, role };
  });
}

export async function removeMember(db: Db, workspaceId: string, userId: string) {
  return db.transaction(async (tx) => {
    await assertMember(tx, workspaceId, userId);
    await assertAnotherAdmin(tx, workspaceId, userId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return { userId };
  });
}

async function assertMember(db: Executor, workspaceId: string, userId: string) {
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for("update");
  if (!member) throw new ServiceError("NOT_FOUND", "userId: no member with this id in your workspace");
  return member;
}

/** A workspace must always keep one admin, or nobody could manage it again. */
async function assertAnotherAdmin(db: Executor, workspaceId: string, exceptUserId: string) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")))
    .for("update");
  if (!admins.some((a) => a.userId !== exceptUserId)) {
    throw new ServiceError("BAD_REQUEST", "userId: the workspace must keep at least one admin");
  }
}
