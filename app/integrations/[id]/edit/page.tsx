import { BackLink } from "@/components/ui/back-link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { ManagedWarning } from "@/components/ui/managed-badge";
import { ErrorState } from "@/components/ui/state";
import { ApiError } from "@/lib/api/errors";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { db } from "@/lib/db/client";
import { getIntegration } from "@/lib/integrations/crud";
import type { IntegrationDetail } from "@/lib/integrations/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit integration" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("editor", `/integrations/${id}/edit`))) return <Forbidden role="editor" />;
  let integration: IntegrationDetail;
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
    integration = await getIntegration(db(), id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    if (err && typeof err === "object" && "digest" in err) throw err; // notFound() itself
    return <ErrorState title="Could not load this integration" message="The database is unreachable right now. Reload to try again." />;
  }
  return (
    <div className="mx-auto grid max-w-3xl gap-4">
      <div>
        <BackLink href={`/integrations/${id}`}>{integration.name}</BackLink>
        <h1 className="mt-1 text-lg font-semibold tracking-tight">Edit integration</h1>
      </div>
      <ManagedWarning managedBy={integration.managedBy} />
      <IntegrationForm integrationId={id} initial={integration.input} />
    </div>
  );
}
