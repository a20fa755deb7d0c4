import type { Metadata } from "next";
import { SloForm } from "@/components/slos/slo-form";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New SLO" };

export default async function NewSloPage() {
  if (!(await requirePage("editor", "/slos/new"))) return <Forbidden role="editor" />;
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/slos">SLOs</BackLink>
        <PageHeader title="New SLO" description="Budgets are computed from the probe rollups already stored, so a new SLO shows its figures at once." />
      </div>
      <SloForm />
    </div>
  );
}
