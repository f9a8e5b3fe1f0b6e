import { EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Flows" };

export default function FlowsPage() {
  return (
    <>
      <PageHeader
        title="Flows"
        description="A flow decides who gets each incoming lead: filter the source, score it, branch on territory, skill or intent, and hand it to a pool or an owner."
      />
      <EmptyState title="No flows yet">
        The visual flow editor is being built. Meanwhile, set up your reps and pools so flows have someone to
        route to.
      </EmptyState>
    </>
  );
}
