import type { Metadata } from "next";
import { Plus } from "lucide-react";
import Link from "next/link";
import { StatusPagesList } from "@/components/status-pages/status-pages-list";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { atLeast } from "@/lib/auth/roles";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { Prefetch } from "@/lib/queries/prefetch";
import { statusPageQueries } from "@/lib/queries/status-pages";
import { listStatusPages } from "@/lib/status-pages/pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status pages" };

export default async function StatusPagesPage() {
  const principal = await requirePage("viewer", "/status-pages");
  if (!principal) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={statusPageQueries.list()} load={() => listStatusPages(db())}>
      <div className="grid gap-4">
        <PageHeader
          title="Status pages"
          description="Pages for customers and colleagues at /status/<address>: component statuses, 90 days of history, and Statuspage-format JSON."
          actions={
            atLeast(principal.role, "editor") ? (
              <Button asChild variant="primary">
                <Link href="/status-pages/new">
                  <Plus /> New status page
                </Link>
              </Button>
            ) : null
          }
        />
        <StatusPagesList />
      </div>
    </Prefetch>
  );
}
