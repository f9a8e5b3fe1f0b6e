import { FlowEditorPage } from "@/components/flow-editor/page/flow-editor-page";

export const metadata = { title: "Flow editor" };

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FlowEditorPage flowId={id} />;
}
