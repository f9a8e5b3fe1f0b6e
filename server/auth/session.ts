import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { getDatabase } from "@/server/db";
import { findMembership } from "@/server/services/accounts";
import type { SessionIdentity } from "@/server/trpc/init";

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId || !session.workspaceId) return null;
  return { userId: session.userId, workspaceId: session.workspaceId };
}

/** For pages: the signed-in user's membership (role, workspace); a signed-out visitor goes to sign in. */
export async function requirePageMembership() {
  const session = await getSessionIdentity();
  if (!session) redirect("/signin");
  return findMembership((await getDatabase()).db, session.userId, session.workspaceId);
}
