import { redirect } from "next/navigation";
import { ApiKeysCard } from "@/components/settings/api-keys-card";
import { MembersCard } from "@/components/settings/members-card";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { findMembership } from "@/server/services/accounts";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await getSessionIdentity();
  if (!session) redirect("/signin");
  const membership = await findMembership((await getDatabase()).db, session.userId, session.workspaceId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description={`Workspace ${membership?.workspaceName ?? ""}: people, roles and API keys.`}
      />
      <MembersCard />
      {membership?.role === "admin" ? <ApiKeysCard /> : null}
    </div>
  );
}
