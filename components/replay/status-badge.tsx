import { Badge, type BadgeTone } from "@/components/ui/badge";

export type ReplayStatus = "queued" | "running" | "done" | "failed" | "cancelled";

const TONE: Record<ReplayStatus, BadgeTone> = {
  queued: "slate",
  running: "blue",
  done: "green",
  failed: "rose",
  cancelled: "amber",
};

export function ReplayStatusBadge({ status }: { status: ReplayStatus }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
