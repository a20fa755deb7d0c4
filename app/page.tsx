import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { readDb } from "@/lib/db/client";
import { listOverview } from "@/lib/integrations/overview";
import { overviewQueryFromUrl } from "@/lib/integrations/overview-query";
import { integrationQueries } from "@/lib/queries/integrations";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await requirePage("viewer", "/"))) return <Forbidden role="viewer" />;
  // The same query the client reads from the URL, so the prefetched page is the one it asks for.
  const query = overviewQueryFromUrl(await searchParams);
  return (
    <Prefetch query={integrationQueries.overview(query)} load={() => listOverview(readDb(), query)}>
      <IntegrationsOverview />
    </Prefetch>
  );
}
