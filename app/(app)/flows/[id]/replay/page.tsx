import { ReplayPage } from "@/components/replay/replay-page";

export const metadata = { title: "Replay" };

export default async function FlowReplay({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReplayPage flowId={id} runId={null} />;
}
