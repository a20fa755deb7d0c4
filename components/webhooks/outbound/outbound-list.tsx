"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Loader2, Send } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { channelQueries, type OutboundFilter } from "@/lib/queries/alert-channels";
import type { NotificationDeliveryStatus } from "@/lib/db/generated/enums";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";
import { ChannelKindIcon } from "@/components/alerts/channels/kind-icon";
import { DELIVERY_STATUS_OPTIONS, DeliveryStatusBadge } from "./delivery-status";

/** The explorer's outbound view: every alert notification sent to a channel, newest first. */
export function OutboundList() {
  const router = useRouter();
  const [filter, setFilter] = useState<OutboundFilter>({});
  const channels = useQuery(channelQueries.list());
  const deliveries = useInfiniteQuery(channelQueries.outbound(filter));
  const rows = deliveries.data?.pages.flatMap((p) => p.deliveries) ?? [];
  const filtered = Object.values(filter).some(Boolean);
  const update = (next: Partial<OutboundFilter>) => setFilter((f) => ({ ...f, ...next }));

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <div className="w-48">
          <Select
            aria-label="Channel"
            value={filter.channelId ?? "all"}
            onValueChange={(v) => update({ channelId: v === "all" ? undefined : v })}
            options={[{ value: "all", label: "All channels" }, ...(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            className="h-7 text-xs"
          />
        </div>
        <div className="w-44">
          <Select
            aria-label="Status"
            value={filter.status ?? "all"}
            onValueChange={(v) => update({ status: v === "all" ? undefined : v })}
            options={[{ value: "all", label: "Any status" }, ...DELIVERY_STATUS_OPTIONS]}
            className="h-7 text-xs"
          />
        </div>
        <Link href="/alerts/channels" className="ml-auto text-xs text-accent hover:underline">
          Manage channels
        </Link>
      </div>
      <QueryBody
        query={deliveries}
        isEmpty={(data) => data.pages.every((p) => p.deliveries.length === 0)}
        errorTitle="Could not load outbound deliveries"
        rows={6}
        empty={{
          icon: <Send />,
          title: filtered ? "No deliveries match" : "No notifications sent yet",
          body: filtered ? (
            "Change or clear the filters."
          ) : (
            <>
              Alert notifications and channel tests show here with every attempt.{" "}
              <Link href="/alerts/channels" className="text-accent hover:underline">
                Add a channel and send a test
              </Link>
              .
            </>
          ),
        }}
      >
        {() => (
          <>
            <table className="w-full text-sm" data-testid="outbound-table">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>Queued</th>
                  <th>Channel</th>
                  <th>Notification</th>
                  <th>Status</th>
                  <th className="text-right">Attempts</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr
                    key={d.id}
                    data-testid="delivery-row"
                    onClick={(ev) => !(ev.target as HTMLElement).closest("a") && router.push(`/webhooks/outbound/${d.id}`)}
                    className="cursor-pointer border-b last:border-0 hover:bg-muted/50 [&>td]:px-3 [&>td]:py-1.5"
                  >
                    <td className="text-xs whitespace-nowrap">
                      <RelativeTime iso={d.createdAt} />
                    </td>
                    <td className="text-xs">
                      <span className="flex items-center gap-1.5">
                        <ChannelKindIcon kind={d.channel.kind} className="size-3.5" /> {d.channel.name}
                      </span>
                    </td>
                    <td className="max-w-96">
                      <Link href={`/webhooks/outbound/${d.id}`} className="flex min-w-0 items-baseline gap-2 hover:underline">
                        <span className="font-mono text-xs">{d.event}</span>
                        <span className="truncate text-xs text-muted-foreground" title={d.summary}>
                          {d.summary}
                        </span>
                      </Link>
                    </td>
                    <td>
                      <DeliveryStatusBadge status={d.status as NotificationDeliveryStatus} retrying={!!d.nextAttemptAt} />
                    </td>
                    <td className="tabular text-right text-xs">{d.attempts}</td>
                    <td className="max-w-64 truncate font-mono text-xs text-bad" title={d.lastError ?? undefined}>
                      {d.lastError ?? ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {deliveries.hasNextPage ? (
              <div className="border-t p-2 text-center">
                <Button size="sm" variant="ghost" onClick={() => deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>
                  {deliveries.isFetchingNextPage ? <Loader2 className="animate-spin" /> : null} Load older deliveries
                </Button>
              </div>
            ) : null}
          </>
        )}
      </QueryBody>
    </Card>
  );
}
