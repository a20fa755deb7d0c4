"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, Pencil, Plus, Send, Trash2 } from "lucide-react";
import Link from "next/link";
import { CHANNEL_INFO, type ChannelKind } from "@/lib/alerts/channels/kinds";
import { channelActions, channelQueries, type ChannelView } from "@/lib/queries/alert-channels";
import { Badge } from "@/components/ui/badge";
import { ManagedBadge } from "@/components/ui/managed-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryBody } from "@/components/ui/query-body";
import { ErrorState } from "@/components/ui/state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { DeliveryStatusBadge } from "@/components/webhooks/outbound/delivery-status";
import type { NotificationDeliveryStatus } from "@/lib/db/generated/enums";
import { ChannelDialog } from "./channel-dialog";
import { ChannelKindIcon } from "./kind-icon";
import { TestResult } from "./test-result";

/** "New channel" for the page header; editors only. */
export function NewChannelButton() {
  const canEdit = useCan("editor");
  if (!canEdit) return null;
  return (
    <ChannelDialog
      trigger={
        <Button variant="primary">
          <Plus /> New channel
        </Button>
      }
    />
  );
}

function ChannelRow({ channel }: { channel: ChannelView }) {
  const canEdit = useCan("editor");
  const test = useMutation(channelActions.test(channel.id));
  // The last test's answer; cleared when the next one starts.
  const result = test.data;
  const remove = useMutation(channelActions.remove(channel.id));
  const last = channel.lastDelivery;

  return (
    <li className="grid gap-2 px-4 py-3" data-testid="channel-row" data-channel={channel.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <ChannelKindIcon kind={channel.kind} />
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <span className="text-sm font-medium">{channel.name}</span>
            <span className="text-xs text-muted-foreground">{CHANNEL_INFO[channel.kind as ChannelKind]?.label ?? channel.kind}</span>
            {channel.enabled ? null : <Badge>disabled</Badge>}
            <ManagedBadge managedBy={channel.managedBy} />
          </div>
          <p className="truncate font-mono text-xs text-muted-foreground" title={channel.target}>
            {channel.target}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-2 text-xs text-muted-foreground">
          {last ? (
            <Link href={`/webhooks/outbound/${last.id}`} className="flex items-center gap-1.5 hover:text-foreground" title={last.error ?? undefined}>
              <DeliveryStatusBadge status={last.status as NotificationDeliveryStatus} /> <RelativeTime iso={last.at} />
            </Link>
          ) : (
            <span>nothing sent yet</span>
          )}
        </div>
        {canEdit ? (
          <div className="flex items-center gap-1">
            <Button size="sm" onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? <Loader2 className="animate-spin" /> : <Send />} Send test<span className="sr-only"> to {channel.name}</span>
            </Button>
            <ChannelDialog
              channel={channel}
              trigger={
                <Button size="icon" variant="ghost" aria-label={`Edit ${channel.name}`}>
                  <Pencil />
                </Button>
              }
            />
            <ConfirmDialog
              trigger={
                <Button size="icon" variant="ghost" aria-label={`Delete ${channel.name}`}>
                  <Trash2 />
                </Button>
              }
              title={`Delete ${channel.name}?`}
              description="Rules that notify this channel stop sending there, and its delivery history is deleted with it."
              confirmLabel="Delete channel"
              onConfirm={() => remove.mutate()}
              pending={remove.isPending}
            />
          </div>
        ) : null}
      </div>
      {result ? <TestResult result={result} /> : null}
      {test.error ? <ErrorState title="Could not send the test" message={test.error.message} /> : null}
      {remove.error ? <ErrorState title="Could not delete the channel" message={remove.error.message} /> : null}
    </li>
  );
}

export function ChannelsPanel() {
  const query = useQuery(channelQueries.list());
  return (
    <Card>
      <QueryBody
        query={query}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load channels"
        rows={3}
        empty={{
          icon: <Send />,
          title: "No channels yet",
          body: "A channel is where alert notifications go: Slack, Discord, Teams, email, PagerDuty or a signed webhook. Add one, send it a test, then pick it on a rule.",
        }}
      >
        {(channels) => (
          <ul className="divide-y" data-testid="channels-list">
            {channels.map((c) => (
              <ChannelRow key={c.id} channel={c} />
            ))}
          </ul>
        )}
      </QueryBody>
    </Card>
  );
}
