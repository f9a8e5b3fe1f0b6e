import { EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Leads per rep and pool against their weights, speed-to-lead, conversion by path, and A/B results."
      />
      <EmptyState title="Nothing to chart yet">Charts fill in as leads are routed.</EmptyState>
    </>
  );
}
