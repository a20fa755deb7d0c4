import type { Metadata } from "next";
import { IncidentDetail } from "@/components/alerts/incident-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/incidents/${id}`))) return <Forbidden role="viewer" />;
  return <IncidentDetail id={id} />;
}
