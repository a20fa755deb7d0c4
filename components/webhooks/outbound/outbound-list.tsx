"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { channelQueries, type DeliverySummary, type OutboundFilter } from "@/lib/queries/alert-channels";
import type { NotificationDeliveryStatus } from "@/lib/db/generated/enums";
import { DataTable, FilterSelect, ToolbarEnd, type Column } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { ChannelKindIcon } from "@/components/alerts/channels/kind-icon";
import { DELIVERY_STATUS_OPTIONS, DeliveryStatusBadge } from "./delivery-status";

/** The explorer's outbound view: every alert notification sent to a channel, newest first. */
export function OutboundList() {
  const [filter, setFilter] = useState<OutboundFilter>({});
  const channels = useQuery(channelQueries.list());
  const deliveries = useInfiniteQuery(channelQueries.outbound(filter));
  const filtered = Object.values(filter).some(Boolean);
  const update = (next: Partial<OutboundFilter>) => setFilter((f) => ({ ...f, ...next }));

  return (
    <DataTable
      query={deliveries}
      rowsOf={(page) => page.deliveries}
      columns={COLUMNS}
      rowKey={(d) => d.id}
      rowHref={(d) => `/webhooks/outbound/${d.id}`}
      testId="outbound-table"
      rowTestId="delivery-row"
      errorTitle="Could not load outbound deliveries"
      moreLabel="Load older deliveries"
      empty={{
        icon: <Send />,
        title: filtered ? "No deliveries match" : "No notifications sent yet",
        body: filtered ? (
          "Change or clear the filters."
        ) : (
          <>
            Alert notifications and channel tests show here with every attempt.{" "}
            <Link href="/alerts/channels" className="text-accent underline underline-offset-2">
              Add a channel and send a test
            </Link>
            .
          </>
        ),
      }}
      toolbar={
        <>
          <FilterSelect
            label="Channel"
            value={filter.channelId}
            onChange={(channelId) => update({ channelId })}
            any="All channels"
            options={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            className="w-48"
          />
          <FilterSelect label="Status" value={filter.status} onChange={(status) => update({ status })} any="Any status" options={DELIVERY_STATUS_OPTIONS} />
          <ToolbarEnd>
            <Link href="/alerts/channels" className="text-xs text-accent hover:underline">
              Manage channels
            </Link>
          </ToolbarEnd>
        </>
      }
    />
  );
}

const COLUMNS: Column<DeliverySummary>[] = [
  { header: "Queued", className: "text-xs whitespace-nowrap", cell: (d) => <RelativeTime iso={d.createdAt} /> },
  {
    header: "Channel",
    className: "text-xs",
    cell: (d) => (
      <span className="flex items-center gap-1.5">
        <ChannelKindIcon kind={d.channel.kind} className="size-3.5" /> {d.channel.name}
      </span>
    ),
  },
  {
    header: "Notification",
    className: "max-w-96",
    cell: (d) => (
      <Link href={`/webhooks/outbound/${d.id}`} className="flex min-w-0 items-baseline gap-2 hover:underline">
        <span className="font-mono text-xs">{d.event}</span>
        <span className="truncate text-xs text-muted-foreground" title={d.summary}>
          {d.summary}
        </span>
      </Link>
    ),
  },
  { header: "Status", cell: (d) => <DeliveryStatusBadge status={d.status as NotificationDeliveryStatus} retrying={!!d.nextAttemptAt} /> },
  { header: "Attempts", headerClassName: "text-right", className: "tabular text-right text-xs", cell: (d) => d.attempts },
  {
    header: "Last error",
    className: "max-w-64 truncate font-mono text-xs text-bad-fg",
    cell: (d) => <span title={d.lastError ?? undefined}>{d.lastError ?? ""}</span>,
  },
];
