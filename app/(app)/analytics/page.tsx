import { AnalyticsPage } from "@/components/analytics/analytics-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Analytics" };

export default function Analytics() {
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Routing volume, fairness against pool weights, rep load, speed-to-lead, conversion by path and rep, and the share of leads hitting fallback."
      />
      <AnalyticsPage />
    </>
  );
}
