import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { SilencesPanel } from "@/components/alerts/silences-panel";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { listSilences } from "@/lib/alerts/silences";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Silences" };

export default async function SilencesPage() {
  if (!(await requirePage("viewer", "/alerts/silences"))) return <Forbidden role="viewer" />;
  const qc = new QueryClient();
  await qc.prefetchQuery({ ...alertQueries.silences(), queryFn: async () => (await listSilences(db())).silences });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <div className="grid gap-4">
        <div>
          <BackLink href="/alerts">Alert rules</BackLink>
          <PageHeader title="Silences" description="Mute notifications for a rule, an integration or a tag for a while; probes and incidents carry on." />
        </div>
        <SilencesPanel />
      </div>
    </HydrationBoundary>
  );
}
