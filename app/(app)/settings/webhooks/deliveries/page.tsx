import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveriesLog } from "@/components/webhooks/deliveries-log";
import { WebhooksNav } from "@/components/webhooks/webhooks-nav";

export const metadata = { title: "Webhook deliveries" };

export default function WebhookDeliveriesPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Every delivery to an endpoint or a rep's notification URL, with each attempt's answer."
      />
      <WebhooksNav />
      {/* The log reads its filters from the URL, which needs a Suspense boundary in Next. */}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading deliveries…</p>}>
        <DeliveriesLog />
      </Suspense>
    </div>
  );
}
