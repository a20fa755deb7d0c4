import type { Metadata } from "next";
import { Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusIncidentsList } from "@/components/status-pages/incidents/status-incidents-list";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ApiError } from "@/lib/api/errors";
import { requirePage } from "@/lib/auth/page";
import { atLeast } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";
import { statusIncidentQueries } from "@/lib/queries/status-incidents";
import { listStatusIncidents } from "@/lib/status-pages/incidents";
import { getStatusPage } from "@/lib/status-pages/pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status incidents" };

export default async function StatusIncidentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requirePage("viewer", `/status-pages/${id}/incidents`);
  if (!principal) return <Forbidden role="viewer" />;
  if (!mayExist(id)) notFound();
  const page = await getStatusPage(db(), id).catch((err) => {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <Prefetch query={statusIncidentQueries.page(id)} load={() => listStatusIncidents(db(), id)}>
      <div className="grid gap-4">
        <div>
          <BackLink href={`/status-pages/${id}`}>{page.title}</BackLink>
          <PageHeader
            title="Incidents"
            description={`What /status/${page.slug} tells people when something is wrong`}
            actions={
              atLeast(principal.role, "editor") ? (
                <Button asChild variant="primary">
                  <Link href={`/status-pages/${id}/incidents/new`}>
                    <Plus /> Open an incident
                  </Link>
                </Button>
              ) : null
            }
          />
        </div>
        <StatusIncidentsList pageId={id} />
      </div>
    </Prefetch>
  );
}
