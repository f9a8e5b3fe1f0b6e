import { redirect } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { AdminsOnly } from "@/components/webhooks/admin-only";
import { DeliveriesLog } from "@/components/webhooks/deliveries-log";
import { WebhooksNav } from "@/components/webhooks/webhooks-nav";
import { getSessionIdentity } from "@/server/auth/session";
import { getDatabase } from "@/server/db";
import { findMembership } from "@/server/services/accounts";

export const metadata = { title: "Webhook deliveries" };

export default async function WebhookDeliveriesPage() {
  const session = await getSessionIdentity();
  if (!session) redirect("/signin");
  const membership = await findMembership((await getDatabase()).db, session.userId, session.workspaceId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Every delivery to an endpoint or a rep's notification URL, with each attempt's answer."
      />
      {membership?.role === "admin" ? (
        <>
          <WebhooksNav />
          {/* The log reads its filters from the URL, which needs a Suspense boundary in Next. */}
          <Suspense fallback={<p className="text-sm text-slate-500">Loading deliveries…</p>}>
            <DeliveriesLog />
          </Suspense>
        </>
      ) : (
        <AdminsOnly />
      )}
    </div>
  );
}
