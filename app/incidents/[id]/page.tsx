import type { Metadata } from "next";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { PostToStatusPage } from "@/components/status-pages/incidents/post-to-status-page";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { getIncident } from "@/lib/alerts/incidents/incidents";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/incidents/${id}`))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={alertQueries.incident(id)} load={() => getIncident(db(), id)} when={mayExist(id)}>
      <div className="grid gap-3">
        <PostToStatusPage incidentId={id} />
        <IncidentDetail id={id} />
      </div>
    </Prefetch>
  );
}
