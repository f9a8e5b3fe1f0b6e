import { EmptyState } from "@/components/ui/page-header";

/** What editors and viewers see instead of the webhook screens (the server refuses them too). */
export function AdminsOnly() {
  return (
    <EmptyState title="Webhooks are managed by workspace admins">
      Endpoints receive lead data and carry signing secrets, so only admins can see and change them. Ask an
      admin of your workspace if you need an integration.
    </EmptyState>
  );
}
