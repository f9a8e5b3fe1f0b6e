import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { findMembership } from "@/server/services/accounts";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await getSessionIdentity();
  if (!session) redirect("/signin");
  const { db } = await getDatabase();
  const membership = await findMembership(db, session.userId, session.workspaceId);
  if (!membership) redirect("/signin");
  return (
    <AppShell
      user={{
        name: membership.userName,
        email: membership.userEmail,
        role: membership.role,
        workspaceName: membership.workspaceName,
      }}
    >
      {children}
    </AppShell>
  );
}
