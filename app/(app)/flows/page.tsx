import { FlowsList } from "@/components/flows/flows-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Flows" };

export default function FlowsPage() {
  return (
    <>
      <PageHeader
        title="Flows"
        description="A flow decides who gets each incoming lead: filter the source, score it, branch on territory, skill or intent, and hand it to a pool or an owner."
      />
      <FlowsList />
    </>
  );
}
