"use client";
// Where a located integration is probed from: each listed location's latest run, circuit breaker and last 24 hours,
// and the quorum that decides "down".
import type { IntegrationDetail } from "@/lib/integrations/types";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatCount, formatMs, formatPercent } from "@/lib/domain/format";
import { cn } from "@/lib/cn";
import { unservedMessage } from "@/lib/domain/location-coverage";

export function LocationsCard({ integration }: { integration: IntegrationDetail }) {
  const { locations } = integration;
  if (locations.length === 0) return null;
  const quorum = Math.min(integration.input.quorum ?? locations.length, locations.length);
  const unserved = locations.filter((l) => !l.served);
  return (
    <Card data-testid="locations-card">
      <CardHeader>
        <CardTitle>Locations</CardTitle>
        <span className="text-xs text-muted-foreground">
          down when {quorum} of {locations.length} fail
        </span>
      </CardHeader>
      <CardBody className="grid gap-3">
        {unserved.length > 0 ? (
          <ul role="status" className="grid gap-1 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-xs text-warn-fg" data-testid="unserved-locations">
            {unserved.map((l) => (
              <li key={l.location}>
                {unservedMessage(l.location)}
                {l.workerLastSeenAt ? (
                  <>
                    {" "}
                    (one was last seen <RelativeTime iso={l.workerLastSeenAt} />)
                  </>
                ) : null}
                : nothing probes it there until a worker starts with <span className="font-mono">TETHER_LOCATION={l.location}</span>.
              </li>
            ))}
          </ul>
        ) : null}
        <ul className="grid gap-2">
          {locations.map((l) => (
            <li key={l.location} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-testid={`location-${l.location}`}>
              <span className="whitespace-nowrap font-mono font-medium">{l.location}</span>
              <Badge tone={l.ok === null ? "neutral" : l.ok ? "ok" : "bad"}>{l.ok === null ? "no run yet" : l.ok ? "up" : "failing"}</Badge>
              {l.circuit === "closed" ? null : (
                <Badge
                  tone={l.circuit === "open" ? "bad" : "warn"}
                  title="This location's own circuit breaker: while open it skips its probes; the integration's circuit opens only when the quorum of locations' circuits are open"
                >
                  circuit {l.circuit === "open" ? "open" : "half-open"}
                </Badge>
              )}
              {l.served ? null : (
                <Badge tone="warn" title={unservedMessage(l.location)}>
                  no worker
                </Badge>
              )}
              <span className="whitespace-nowrap tabular-nums text-muted-foreground">{formatMs(l.latencyMs)}</span>
              <span className="ml-auto whitespace-nowrap text-muted-foreground">{l.lastRunAt ? <RelativeTime iso={l.lastRunAt} /> : "—"}</span>
              <span className="w-full tabular-nums text-muted-foreground" data-testid="location-24h">
                {l.runs24h === 0 ? (
                  "no runs in 24 h"
                ) : (
                  <>
                    24 h: <span className={cn((l.errorRate24h ?? 0) > 0 && "text-bad-fg")}>{formatPercent(l.errorRate24h, 1)} errors</span> · p95{" "}
                    {formatMs(l.p95Ms24h)} · {formatCount(l.runs24h)} run{l.runs24h === 1 ? "" : "s"}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
