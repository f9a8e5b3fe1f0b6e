import { EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Leads per rep and pool against their weights, speed-to-lead, conversion by path, and A/B results."
      />
      <EmptyState title="Analytics are not built yet">
        Charts of routing volume, fairness and speed-to-lead are on the way. Meanwhile, the Leads page lists
        every decision with its path, and Reps &amp; Pools shows each rep&apos;s open leads against capacity.
      </EmptyState>
    </>
  );
}
