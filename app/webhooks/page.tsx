import type { Metadata } from "next";
import Link from "next/link";
import { EventExplorer } from "@/components/webhooks/event-explorer";
import { DirectionTabs } from "@/components/webhooks/outbound/direction-tabs";
import { OutboundList } from "@/components/webhooks/outbound/outbound-list";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const outbound = (await searchParams).view === "outbound";
  if (!(await requirePage("viewer", outbound ? "/webhooks?view=outbound" : "/webhooks"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader
        title="Webhooks"
        description={
          outbound
            ? "Every alert notification Tether sent to a channel, with each attempt: inspect, send again."
            : "Every delivery your providers sent, stored before it was acknowledged: filter, inspect, replay."
        }
        actions={<Button asChild>{outbound ? <Link href="/alerts/channels">Channels</Link> : <Link href="/webhooks/sources">Sources</Link>}</Button>}
      />
      <DirectionTabs current={outbound ? "outbound" : "inbound"} />
      {outbound ? <OutboundList /> : <EventExplorer />}
    </div>
  );
}
