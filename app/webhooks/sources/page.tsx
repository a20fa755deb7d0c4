import { BackLink } from "@/components/ui/back-link";
import type { Metadata } from "next";
import { SourcesPanel } from "@/components/webhooks/sources-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook sources" };

export default async function WebhookSourcesPage() {
  if (!(await requirePage("viewer", "/webhooks/sources"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/webhooks">Webhooks</BackLink>
        <PageHeader title="Webhook sources" description="One receiving URL per provider; each verifies signatures with its own scheme and secret." />
      </div>
      <SourcesPanel />
    </div>
  );
}
