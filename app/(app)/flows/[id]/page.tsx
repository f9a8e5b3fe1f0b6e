import { Suspense } from "react";
import { FlowDetail } from "@/components/flows/flow-detail";

export const metadata = { title: "Flow" };

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <FlowDetail flowId={id} />
    </Suspense>
  );
}
