import { EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Leads" };

export default function LeadsPage() {
  return (
    <>
      <PageHeader title="Leads" description="Every routed lead, who got it and why: the decision log." />
      <EmptyState title="No leads routed yet">
        Leads appear here once a published flow starts routing them.
      </EmptyState>
    </>
  );
}
