"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";
import { channelActions, channelQueries } from "@/lib/queries/alert-channels";
import type { NotificationDeliveryStatus } from "@/lib/db/generated/enums";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { AttemptTimeline } from "@/components/ui/attempt-timeline";
import { RelativeTime } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { ChannelKindIcon } from "@/components/alerts/channels/kind-icon";
import { DeliveryStatusBadge } from "./delivery-status";

const TRIGGER_LABEL: Record<string, string> = { retry: "", replay: "(replay)", test: "(send test)" };

export function OutboundDetailView({ id }: { id: string }) {
  const canEdit = useCan("editor");
  const { data: d, error, isPending, refetch } = useQuery(channelQueries.delivery(id));
  const replay = useMutation(channelActions.replay(id));
  if (isPending) return <Skeleton className="h-96" />;
  if (error) return <ErrorState title="Could not load this delivery" message={error.message} onRetry={() => refetch()} />;

  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/webhooks?view=outbound">Outbound deliveries</BackLink>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="font-mono text-lg font-semibold tracking-tight">{d.event}</h1>
              <DeliveryStatusBadge status={d.status as NotificationDeliveryStatus} retrying={!!d.nextAttemptAt} />
            </div>
            <p className="text-xs text-muted-foreground">
              #{d.id} to{" "}
              <Link href="/alerts/channels" className="inline-flex items-center gap-1 hover:text-foreground">
                <ChannelKindIcon kind={d.channel.kind} className="size-3" /> {d.channel.name}
              </Link>{" "}
              · queued <RelativeTime iso={d.createdAt} />
              {d.incidentId ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/incidents/${d.incidentId}`} className="hover:text-foreground hover:underline">
                    incident
                  </Link>
                </>
              ) : null}{" "}
              · dedup key <span className="font-mono">{d.dedupKey}</span>
            </p>
          </div>
          {canEdit ? (
            <Button variant="primary" onClick={() => replay.mutate()} disabled={replay.isPending}>
              {replay.isPending ? <Loader2 className="animate-spin" /> : <RotateCcw />} Send again
            </Button>
          ) : null}
        </div>
      </div>
      {replay.error ? <ErrorState title="Could not send it again" message={replay.error.message} /> : null}

      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <Card className="min-w-0 self-start">
          <CardHeader>
            <CardTitle>Notification</CardTitle>
            <span className="truncate text-xs text-muted-foreground">{d.summary}</span>
          </CardHeader>
          <pre className="max-h-[32rem] overflow-auto p-4 font-mono text-xs whitespace-pre-wrap" data-testid="delivery-notification">
            {JSON.stringify(d.notification, null, 2)}
          </pre>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Attempts</CardTitle>
            <span className="text-xs text-muted-foreground">{d.attempts}</span>
          </CardHeader>
          <CardBody>
            <AttemptTimeline
              nextAttemptAt={d.nextAttemptAt}
              attempts={d.attemptLog.map((a) => ({
                id: a.id,
                attempt: a.attempt,
                note: TRIGGER_LABEL[a.trigger] ?? `(${a.trigger})`,
                startedAt: a.startedAt,
                failed: !!a.error,
                result: a.responseStatus !== null ? `${a.target.startsWith("smtp:") ? "SMTP" : "HTTP"} ${a.responseStatus}` : "no response",
                durationMs: a.durationMs,
                target: a.target,
                error: a.error,
                responseExcerpt: a.responseExcerpt,
                sent: a.requestExcerpt,
              }))}
            />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
