import type { Metadata } from "next";
import { ApiReferenceView } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { buildApiReference } from "@/lib/api/openapi/reference";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference" };

/** The document /api/openapi.json serves, rendered here on the server: no script or request beyond this page. */
export default async function ApiReferencePage() {
  await requirePage("viewer", "/settings/api");
  return (
    <div className="grid gap-4">
      <PageHeader title="API reference" description="Every route of this instance's JSON API: who may call it, what it takes and what it answers." />
      <ApiReferenceView reference={buildApiReference(openApiDocument())} documentUrl="/api/openapi.json" />
    </div>
  );
}
