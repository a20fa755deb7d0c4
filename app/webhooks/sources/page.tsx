import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { SourcesPanel } from "@/components/webhooks/sources-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook sources" };

export default async function WebhookSourcesPage() {
  if (!(await requirePage("viewer", "/webhooks/sources"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <div>
        <Link href="/webhooks" className="inline-flex items-center gap-0.5 text-xs text-muted-foreground hover:text-foreground">
          <ChevronLeft className="size-3.5" /> Webhooks
        </Link>
        <PageHeader title="Webhook sources" description="One receiving URL per provider; each verifies signatures with its own scheme and secret." />
      </div>
      <SourcesPanel />
    </div>
  );
}
