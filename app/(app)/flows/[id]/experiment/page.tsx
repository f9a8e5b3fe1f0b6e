import { ExperimentPage } from "@/components/experiments/experiment-page";

export const metadata = { title: "A/B test" };

export default async function FlowExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ExperimentPage flowId={id} />;
}
