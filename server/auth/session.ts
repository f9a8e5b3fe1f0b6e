import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import type { SessionIdentity } from "@/server/trpc/init";

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const session = await getServerSession(authOptions);
  if (!session?.userId || !session.workspaceId) return null;
  return { userId: session.userId, workspaceId: session.workspaceId };
}
