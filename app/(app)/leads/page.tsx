import { LeadImportsPanel } from "@/components/lead-imports/imports-panel";
import { LeadsPage } from "@/components/leads/leads-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Leads" };

export default function Leads() {
  return (
    <>
      <PageHeader
        title="Leads"
        description="Every routed lead, who got it and why: the decision log. Click a lead for its path."
      />
      <div className="space-y-6">
        <LeadImportsPanel />
        <LeadsPage />
      </div>
    </>
  );
}
