import Link from "next/link";
import { ApiKeysCard } from "@/components/settings/api-keys-card";
import { MembersCard } from "@/components/settings/members-card";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageMembership } from "@/server/auth/session";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const membership = await requirePageMembership();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description={`Workspace ${membership?.workspaceName ?? ""}: people, roles and API keys.`}
      />
      <MembersCard />
      {membership?.role === "admin" ? <ApiKeysCard /> : null}
      {membership?.role === "admin" ? (
        <Card className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
          <div>
            <h2 className="text-base font-semibold text-slate-900">Webhooks</h2>
            <p className="text-sm text-slate-500">
              Signed HTTP callbacks to your own systems for routing events, with a delivery log and retries.
            </p>
          </div>
          <Link
            href="/settings/webhooks"
            className="text-sm font-medium text-brand-700 hover:underline"
            data-testid="settings-webhooks-link"
          >
            Manage webhooks →
          </Link>
        </Card>
      ) : null}
    </div>
  );
}
