import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusPageEditor } from "@/components/status-pages/status-page-editor";
import { SubscribersPanel } from "@/components/status-pages/subscribers-panel";
import { Tabs } from "@/components/ui/tabs";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import Link from "next/link";
import { Megaphone } from "lucide-react";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ApiError } from "@/lib/api/errors";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { listIntegrations } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";
import { getStatusPage } from "@/lib/status-pages/pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status page" };

export default async function EditStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/status-pages/${id}`))) return <Forbidden role="viewer" />;
  if (!mayExist(id)) notFound();
  const page = await getStatusPage(db(), id).catch((err) => {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <Prefetch query={integrationQueries.list()} load={() => listIntegrations(db())}>
      <div className="grid gap-4">
        <div>
          <BackLink href="/status-pages">Status pages</BackLink>
          <PageHeader
            title={page.title}
            description={`/status/${page.slug}`}
            actions={
              <Button asChild>
                <Link href={`/status-pages/${page.id}/incidents`}>
                  <Megaphone /> Incidents
                </Link>
              </Button>
            }
          />
        </div>
        <Tabs
          label="Status page"
          tabs={[
            { value: "settings", label: "Settings", content: <StatusPageEditor key={page.updatedAt} page={page} /> },
            {
              value: "subscribers",
              label: "Subscribers",
              content: (
                <SubscribersPanel pageId={page.id} componentNames={Object.fromEntries(page.groups.flatMap((g) => g.components.map((c) => [c.id, c.name])))} />
              ),
            },
          ]}
        />
      </div>
    </Prefetch>
  );
}
