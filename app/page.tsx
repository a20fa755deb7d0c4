import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { db } from "@/lib/db/client";
import { listIntegrations } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  if (!(await requirePage("viewer", "/"))) return <Forbidden role="viewer" />;
  const qc = new QueryClient();
  // A failed prefetch is not fatal: the client retries and shows its own error state.
  await qc.prefetchQuery({ ...integrationQueries.list(), queryFn: () => listIntegrations(db()) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationsOverview />
    </HydrationBoundary>
  );
}
