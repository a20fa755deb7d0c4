import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { getIncident } from "@/lib/alerts/incidents/incidents";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/incidents/${id}`))) return <Forbidden role="viewer" />;
  const qc = new QueryClient();
  // A missing incident or a failed prefetch is left to the client, which shows its own not-found and error states.
  if (/^[0-9a-f-]{36}$/i.test(id)) await qc.prefetchQuery({ ...alertQueries.incident(id), queryFn: () => getIncident(db(), id) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IncidentDetail id={id} />
    </HydrationBoundary>
  );
}
