import type { Metadata } from "next";
import { BellOff, Plus, Send } from "lucide-react";
import Link from "next/link";
import { RulesList } from "@/components/alerts/rules-list";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { atLeast } from "@/lib/auth/roles";
import { listRules } from "@/lib/alerts/rules";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const principal = await requirePage("viewer", "/alerts");
  if (!principal) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={alertQueries.rules()} load={async () => (await listRules(db())).rules}>
      <div className="grid gap-4">
        <PageHeader
          title="Alert rules"
          description="Conditions on your integrations' health that open incidents and notify your channels."
          actions={
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href="/alerts/channels">
                  <Send /> Channels
                </Link>
              </Button>
              <Button asChild>
                <Link href="/alerts/silences">
                  <BellOff /> Silences
                </Link>
              </Button>
              {atLeast(principal.role, "editor") ? (
                <Button variant="primary" asChild>
                  <Link href="/alerts/new">
                    <Plus /> New rule
                  </Link>
                </Button>
              ) : null}
            </div>
          }
        />
        <RulesList />
      </div>
    </Prefetch>
  );
}
