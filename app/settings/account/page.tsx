import type { Metadata } from "next";
import { SessionsPanel } from "@/components/settings/sessions-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { listOwnSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { sessionQueries } from "@/lib/queries/sessions";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const principal = await requirePage("viewer", "/settings/account");
  if (!principal) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader title="Account" description={`Signed in as ${principal.label} (${principal.role}). Where you are signed in, and a way to end it.`} />
      <Prefetch query={sessionQueries.own()} load={() => listOwnSessions(db(), principal)}>
        <SessionsPanel />
      </Prefetch>
    </div>
  );
}
