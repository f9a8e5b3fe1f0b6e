import { PoolsPanel } from "@/components/reps/pools-panel";
import { RepsTable } from "@/components/reps/reps-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Reps & Pools" };

export default function RepsPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Reps & Pools"
        description="Who receives leads, what they cover, and how pools share the work. Away and deactivated reps are skipped automatically."
      />
      <PoolsPanel />
      <RepsTable />
    </div>
  );
}
