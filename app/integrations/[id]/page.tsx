import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IntegrationDetail } from "@/components/integrations/integration-detail";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { db } from "@/lib/db/client";
import { getIntegration } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/integrations/${id}`))) return <Forbidden role="viewer" />;
  const qc = new QueryClient();
  await qc.prefetchQuery({ ...integrationQueries.detail(id), queryFn: () => getIntegration(db(), id) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationDetail id={id} />
    </HydrationBoundary>
  );
}
