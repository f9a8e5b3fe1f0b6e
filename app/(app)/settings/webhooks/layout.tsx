import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { AdminsOnly } from "@/components/webhooks/admin-only";
import { requirePageMembership } from "@/server/auth/session";

/** Every webhook screen is for admins; the others get one explanation instead (the server refuses them too). */
export default async function WebhooksLayout({ children }: { children: ReactNode }) {
  const membership = await requirePageMembership();
  if (membership?.role === "admin") return children;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Signed HTTP requests to your own systems for routing events."
      />
      <AdminsOnly />
    </div>
  );
}
