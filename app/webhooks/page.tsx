import type { Metadata } from "next";
import Link from "next/link";
import { EventExplorer } from "@/components/webhooks/event-explorer";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  if (!(await requirePage("viewer", "/webhooks"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Webhooks"
        description="Every delivery your providers sent, stored before it was acknowledged: filter, inspect, replay."
        actions={
          <Button asChild>
            <Link href="/webhooks/sources">Sources</Link>
          </Button>
        }
      />
      <EventExplorer />
    </div>
  );
}
