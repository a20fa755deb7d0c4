"use client";
import { BackLink } from "@/components/ui/back-link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, RotateCcw, ShieldAlert, ShieldCheck } from "lucide-react";
import { webhookActions, webhookQueries } from "@/lib/queries/webhooks";
import { formatCount } from "@/lib/domain/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { AttemptTimeline } from "@/components/ui/attempt-timeline";
import { RelativeTime } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { cn } from "@/lib/cn";
import type { EventDetail } from "@/lib/webhooks/events";
import { formatHeaderLines } from "@/lib/webhooks/header-lines";
import { EditedReplayDialog } from "./edited-replay-dialog";
import { EventStatusBadge } from "./status";

export function EventDetailView({ id }: { id: string }) {
  const canEdit = useCan("editor");
  const isAdmin = useCan("admin");
  const { data: e, error, isPending, refetch } = useQuery(webhookQueries.event(id));
  const replay = useMutation(webhookActions.replay(id));
  if (isPending) return <Skeleton className="h-96" />;
  if (error) return <ErrorState title="Could not load this event" message={error.message} onRetry={() => refetch()} />;

  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/webhooks">Webhooks</BackLink>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
          <div>
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="font-mono text-lg font-semibold tracking-tight">{e.eventType ?? "(no type)"}</h1>
              <EventStatusBadge status={e.status} />
            </div>
            <p className="text-xs text-muted-foreground">
              #{e.id} from {e.source.name} · received <RelativeTime iso={e.receivedAt} /> · {formatCount(e.sizeBytes)} bytes
              {e.externalId ? ` · provider id ${e.externalId}` : ""}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {isAdmin ? <EditedReplayDialog event={e} /> : null}
            {canEdit && e.status !== "rejected_signature" ? (
              <Button variant="primary" onClick={() => replay.mutate()} disabled={replay.isPending}>
                {replay.isPending ? <Loader2 className="animate-spin" /> : <RotateCcw />} {e.forwardUrl ? "Replay" : "Reprocess"}
              </Button>
            ) : null}
          </div>
        </div>
      </div>
      {replay.error ? <ErrorState title="Replay failed to start" message={replay.error.message} /> : null}

      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="grid min-w-0 content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle>Payload</CardTitle>
              <span className="font-mono text-xs text-muted-foreground">{e.contentType ?? "no content-type"}</span>
            </CardHeader>
            {e.bodyEncoding === "base64" ? <p className="border-b px-4 py-2 text-xs text-muted-foreground">Not UTF-8 text: shown as base64.</p> : null}
            <pre className="max-h-[28rem] overflow-auto p-4 font-mono text-xs break-all whitespace-pre-wrap" data-testid="event-body">
              {prettyBody(e) || "(empty body)"}
            </pre>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Headers</CardTitle>
            </CardHeader>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 p-4 font-mono text-xs">
              {Object.entries(e.headers).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd className="break-all">{v}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
        <div className="grid content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle>Verification</CardTitle>
              {e.verified ? (
                <ShieldCheck className="size-4 text-ok-fg" />
              ) : (
                <ShieldAlert className={cn("size-4", e.status === "rejected_signature" ? "text-bad-fg" : "text-muted-foreground")} />
              )}
            </CardHeader>
            <CardBody className="text-sm" data-testid="verification">
              <p className={cn(e.status === "rejected_signature" && "text-bad-fg")}>{e.verificationDetail}</p>
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Delivery attempts</CardTitle>
              <span className="text-xs text-muted-foreground">
                {e.forwardUrl ? <span className="font-mono">{new URL(e.forwardUrl).host}</span> : "no relay target"}
              </span>
            </CardHeader>
            <CardBody>
              <AttemptTimeline
                nextAttemptAt={e.nextAttemptAt}
                attempts={e.deliveries.map((d) => ({
                  id: d.id,
                  attempt: d.attempt,
                  label: d.trigger === "edited_replay" ? "edited replay" : undefined,
                  note: d.trigger === "replay" ? "(replay)" : undefined,
                  startedAt: d.startedAt,
                  failed: !!d.error,
                  // Without a response the error says what happened.
                  result: d.responseStatus ? `HTTP ${d.responseStatus}` : (d.error ?? "no response"),
                  durationMs: d.durationMs,
                  responseExcerpt: d.responseExcerpt,
                  sent: d.edited ? `${formatHeaderLines(d.edited.headers)}\n\n${d.edited.body}` : undefined,
                }))}
              />
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}

/** JSON indented for reading; anything else as received. */
function prettyBody(e: EventDetail): string {
  if (!e.bodyIsJson) return e.body;
  try {
    return JSON.stringify(JSON.parse(e.body), null, 2);
  } catch {
    return e.body;
  }
}
