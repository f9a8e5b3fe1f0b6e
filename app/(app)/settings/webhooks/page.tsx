import { PageHeader } from "@/components/ui/page-header";
import { EndpointsCard } from "@/components/webhooks/endpoints-card";
import { SignatureHelp } from "@/components/webhooks/signature-help";
import { WebhooksNav } from "@/components/webhooks/webhooks-nav";

export const metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Send routed leads, reassignments, outcomes and publishes to your own systems as signed HTTP requests."
      />
      <WebhooksNav />
      <EndpointsCard />
      <SignatureHelp />
    </div>
  );
}
