import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { requirePage } from "@/lib/auth/page";
import { Forbidden } from "@/components/ui/forbidden";
import { db } from "@/lib/db/client";
import { listIntegrations } from "@/lib/integrations/crud";
import { integrationQueries } from "@/lib/queries/integrations";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  if (!(await requirePage("viewer", "/"))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={integrationQueries.list()} load={() => listIntegrations(db())}>
      <IntegrationsOverview />
    </Prefetch>
  );
}
