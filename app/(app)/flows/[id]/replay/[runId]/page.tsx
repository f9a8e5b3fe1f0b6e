import { ReplayPage } from "@/components/replay/replay-page";

export const metadata = { title: "Replay result" };

export default async function FlowReplayRun({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  return <ReplayPage flowId={id} runId={runId} />;
}
