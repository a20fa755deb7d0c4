import type { Metadata } from "next";
import { SilencesPanel } from "@/components/alerts/silences-panel";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { listSilences } from "@/lib/alerts/silences";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Silences" };

export default async function SilencesPage() {
  if (!(await requirePage("viewer", "/alerts/silences"))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={alertQueries.silences()} load={async () => (await listSilences(db())).silences}>
      <div className="grid gap-4">
        <div>
          <BackLink href="/alerts">Alert rules</BackLink>
          <PageHeader title="Silences" description="Mute notifications for a rule, an integration or a tag for a while; probes and incidents carry on." />
        </div>
        <SilencesPanel />
      </div>
    </Prefetch>
  );
}
