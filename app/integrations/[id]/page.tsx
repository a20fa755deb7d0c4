import type { Metadata } from "next";
import { IntegrationDetail } from "@/components/integrations/integration-detail";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { db } from "@/lib/db/client";
import { getIntegration } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/integrations/${id}`))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={integrationQueries.detail(id)} load={() => getIntegration(db(), id)}>
      <IntegrationDetail id={id} />
    </Prefetch>
  );
}
