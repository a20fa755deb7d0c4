import type { Metadata } from "next";
import { ApiReferencePanel } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference" };

/** Renders /api/openapi.json, fetched from this origin; an operation's schemas are drawn only when it is opened. */
export default async function ApiReferencePage() {
  await requirePage("viewer", "/settings/api");
  return (
    <div className="grid gap-4">
      <PageHeader title="API reference" description="Every route of this instance's JSON API: who may call it, what it takes and what it answers." />
      <ApiReferencePanel documentUrl="/api/openapi.json" />
    </div>
  );
}
