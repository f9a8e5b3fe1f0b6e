import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { AdminsOnly } from "@/components/webhooks/admin-only";
import { EndpointsCard } from "@/components/webhooks/endpoints-card";
import { SignatureHelp } from "@/components/webhooks/signature-help";
import { WebhooksNav } from "@/components/webhooks/webhooks-nav";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { findMembership } from "@/server/services/accounts";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const session = await getSessionIdentity();
  if (!session) redirect("/signin");
  const membership = await findMembership((await getDatabase()).db, session.userId, session.workspaceId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Send routed leads, reassignments, outcomes and publishes to your own systems as signed HTTP requests."
      />
      {membership?.role === "admin" ? (
        <>
          <WebhooksNav />
          <EndpointsCard />
          <SignatureHelp />
        </>
      ) : (
        <AdminsOnly />
      )}
    </div>
  );
}
