import type { Metadata } from "next";
import { ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { ChannelsPanel, NewChannelButton } from "@/components/alerts/channels/channels-panel";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";
import { listChannels } from "@/lib/alerts/channels-service";
import { db } from "@/lib/db/client";
import { channelQueries } from "@/lib/queries/alert-channels";
import { Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notification channels" };

export default async function ChannelsPage() {
  if (!(await requirePage("viewer", "/alerts/channels"))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={channelQueries.list()} load={() => listChannels(db())}>
      <div className="grid gap-4">
        <div>
          <BackLink href="/alerts">Alert rules</BackLink>
          <div className="mt-1">
            <PageHeader
              title="Notification channels"
              description="Where alert notifications go. Secrets are stored encrypted and never shown again; every send is recorded in the webhook explorer's outbound view."
              actions={
                <div className="flex flex-wrap gap-2">
                  <Button asChild>
                    <Link href="/webhooks?view=outbound">
                      <ArrowUpRight /> Outbound deliveries
                    </Link>
                  </Button>
                  <NewChannelButton />
                </div>
              }
            />
          </div>
        </div>
        <ChannelsPanel />
      </div>
    </Prefetch>
  );
}
