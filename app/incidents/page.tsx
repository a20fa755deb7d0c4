import type { Metadata } from "next";
import { Suspense } from "react";
import { IncidentsList } from "@/components/incidents/incidents-list";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  if (!(await requirePage("viewer", "/incidents"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader title="Incidents" description="What your alert rules opened: one per rule and integration while it lasts." />
      <Suspense>
        <IncidentsList />
      </Suspense>
    </div>
  );
}
