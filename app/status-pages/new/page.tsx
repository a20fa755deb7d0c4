import type { Metadata } from "next";
import { StatusPageEditor } from "@/components/status-pages/status-page-editor";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { listIntegrations } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New status page" };

export default async function NewStatusPage() {
  if (!(await requirePage("editor", "/status-pages/new"))) return <Forbidden role="editor" />;
  return (
    <Prefetch query={integrationQueries.list()} load={() => listIntegrations(db())}>
      <div className="grid gap-4">
        <div>
          <BackLink href="/status-pages">Status pages</BackLink>
          <PageHeader title="New status page" description="Choose what it shows; only the component names and their statuses are ever published." />
        </div>
        <StatusPageEditor />
      </div>
    </Prefetch>
  );
}
