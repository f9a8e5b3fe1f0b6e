import { and, asc, eq, sql } from "drizzle-orm";
import { memberships, type Role, users, workspaces } from "@/drizzle/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { isSignInLocked, recordSignInAttempt } from "@/server/auth/rate-limit";
import type { Db, Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
}

export interface AccountIdentity {
  userId: string;
  workspaceId: string;
  role: Role;
}

/** Creates a user and a new workspace they administer. */
export async function signUp(db: Db, input: SignUpInput): Promise<AccountIdentity> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) {
      throw new ServiceError("CONFLICT", "email: an account with this email already exists");
    }
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash })
      .returning();
    const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName.trim() }).returning();
    if (!user || !workspace) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: "admin" });
    return { userId: user.id, workspaceId: workspace.id, role: "admin" };
  });
}

export function findUserByEmail(db: Executor, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = ${normalizeEmail(email)}` });
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; workspaceId: string }
  | { ok: false; reason: "invalid" | "locked" };

/** Checks credentials, counting failures so repeated guessing locks the email for a while. */
export async function authenticate(db: Db, emailInput: string, password: string): Promise<SignInResult> {
  const email = normalizeEmail(emailInput);
  if (await isSignInLocked(db, email)) return { ok: false, reason: "locked" };
  const user = await findUserByEmail(db, email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : false;
  await recordSignInAttempt(db, email, valid);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  const membership = await db.query.memberships.findFirst({
    where: eq(memberships.userId, user.id),
    orderBy: asc(memberships.createdAt),
  });
  if (!membership) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name },
    workspaceId: membership.workspaceId,
  };
}

export async function findMembership(db: Executor, userId: string, workspaceId: string) {
  const [row] = await db
    .select({
      role: memberships.role,
      userName: users.name,
      userEmail: users.email,
      workspaceName: workspaces.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return row;
}
