import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusIncidentEditor } from "@/components/status-pages/incidents/status-incident-editor";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ApiError } from "@/lib/api/errors";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";
import { statusIncidentQueries } from "@/lib/queries/status-incidents";
import { getStatusIncident } from "@/lib/status-pages/incidents";
import { getStatusPage } from "@/lib/status-pages/pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status incident" };

export default async function StatusIncidentPage({ params }: { params: Promise<{ id: string; incidentId: string }> }) {
  const { id, incidentId } = await params;
  if (!(await requirePage("viewer", `/status-pages/${id}/incidents/${incidentId}`))) return <Forbidden role="viewer" />;
  if (!mayExist(id) || !mayExist(incidentId)) notFound();
  const notFoundOn = (err: unknown) => {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  };
  const [page, incident] = await Promise.all([getStatusPage(db(), id).catch(notFoundOn), getStatusIncident(db(), incidentId).catch(notFoundOn)]);
  if (incident.pageId !== page.id) notFound();
  const components = page.groups.flatMap((g) => g.components.map((c) => ({ id: c.id, name: c.name, group: g.name })));
  return (
    <Prefetch query={statusIncidentQueries.one(incidentId)} load={async () => incident}>
      <div className="grid gap-4">
        <div>
          <BackLink href={`/status-pages/${id}/incidents`}>Incidents of {page.title}</BackLink>
          <PageHeader title={incident.title} description={`On /status/${page.slug}`} />
        </div>
        <StatusIncidentEditor id={incidentId} slug={page.slug} components={components} />
      </div>
    </Prefetch>
  );
}
