import type { Metadata } from "next";
import { FileText, Plus } from "lucide-react";
import Link from "next/link";
import { OpenSloActions } from "@/components/slos/openslo-actions";
import { SlosList } from "@/components/slos/slos-list";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { atLeast } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { sloQueries } from "@/lib/queries/slos";
import { Prefetch } from "@/lib/queries/prefetch";
import { listSlos } from "@/lib/slo/slos";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SLOs" };

export default async function SlosPage() {
  const principal = await requirePage("viewer", "/slos");
  if (!principal) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={sloQueries.list()} load={async () => (await listSlos(db())).slos}>
      <div className="grid gap-4">
        <PageHeader
          title="SLOs"
          description="Objectives on your integrations' probe runs: the error budget left and how fast it burns."
          actions={
            <div className="flex flex-wrap items-center gap-2">
              <Button asChild>
                <Link href="/slos/report">
                  <FileText /> Monthly report
                </Link>
              </Button>
              <OpenSloActions canImport={atLeast(principal.role, "editor")} />
              {atLeast(principal.role, "editor") ? (
                <Button variant="primary" asChild>
                  <Link href="/slos/new">
                    <Plus /> New SLO
                  </Link>
                </Button>
              ) : null}
            </div>
          }
        />
        <SlosList />
      </div>
    </Prefetch>
  );
}
