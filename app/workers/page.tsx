import type { Metadata } from "next";
import { WorkersPanel } from "@/components/workers/workers-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Workers" };

export default async function WorkersPage() {
  if (!(await requirePage("viewer", "/workers"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Workers"
        description="Every worker process sharing this database: whether it is alive and what it is probing. Add one with npm run worker."
      />
      <WorkersPanel />
    </div>
  );
}
