"use client";
import { useQuery } from "@tanstack/react-query";
import { Cpu } from "lucide-react";
import Link from "next/link";
import { workerQueries } from "@/lib/queries/workers";
import { unservedMessage } from "@/lib/domain/location-coverage";
import { formatCount } from "@/lib/domain/format";
import type { WorkerStatus } from "@/lib/workers/heartbeat";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { RelativeTime } from "@/components/ui/relative-time";

const STATUS: Record<WorkerStatus, { tone: BadgeTone; label: string; title: string }> = {
  alive: { tone: "ok", label: "alive", title: "Heartbeat within the last 20 s" },
  lost: {
    tone: "bad",
    label: "lost",
    title: "No heartbeat for over 20 s: the process died or lost the database. Its leases expire and other workers take its slots.",
  },
  stopped: { tone: "neutral", label: "stopped", title: "Stopped gracefully and handed its leases back" },
};

export function WorkersPanel() {
  const { data, error, isPending, refetch } = useQuery(workerQueries.list());
  const alive = data?.filter((w) => w.status === "alive") ?? [];
  // Locations integrations list that no worker serves: their slots wait, unprobed, until one starts there.
  const locations = useQuery(workerQueries.locations());
  const unserved = locations.data?.filter((l) => l.integrations > 0 && !l.served) ?? [];
  return (
    <div className="grid gap-4">
      {data ? (
        <StatGrid className="grid-cols-3 sm:max-w-xl">
          <StatCard label="Alive" value={alive.length} />
          <StatCard label="Probes in flight" value={alive.reduce((n, w) => n + w.inFlight, 0)} />
          <StatCard label="Capacity" value={alive.reduce((n, w) => n + w.concurrency, 0)} />
        </StatGrid>
      ) : null}
      {unserved.length > 0 ? (
        <div role="status" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn-fg" data-testid="unserved-locations">
          <ul className="grid gap-1">
            {unserved.map((l) => (
              <li key={l.location} data-testid={`unserved-${l.location}`}>
                {unservedMessage(l.location)}, and {l.integrations === 1 ? "1 integration lists it" : `${l.integrations} integrations list it`}: start one with{" "}
                <span className="font-mono">TETHER_LOCATION={l.location} npm run worker</span>.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Card>
        {isPending ? (
          <div className="grid gap-2 p-3">
            <Skeleton className="h-9" />
            <Skeleton className="h-9" />
          </div>
        ) : error ? (
          <div className="p-3">
            <ErrorState title="Could not load workers" message={error.message} onRetry={() => refetch()} />
          </div>
        ) : data.length === 0 ? (
          <EmptyState icon={<Cpu />} title="No workers have reported">
            Workers report every 5 s. Start one with <span className="font-mono">npm start</span> or <span className="font-mono">npm run worker</span>.
          </EmptyState>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                <th>Worker</th>
                <th>Status</th>
                <th>Location</th>
                <th>Running now</th>
                <th className="text-right">Load</th>
                <th className="text-right">Probes run</th>
                <th className="text-right">Started</th>
                <th className="text-right">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {data.map((w) => (
                <tr key={w.id} data-testid="worker-row" className="border-b last:border-0 align-top [&>td]:px-3 [&>td]:py-2">
                  <td>
                    <div className="font-mono text-xs">{w.hostname}</div>
                    <div className="font-mono text-[11px] text-muted-foreground">pid {w.pid}</div>
                  </td>
                  <td>
                    <Badge tone={STATUS[w.status].tone} title={STATUS[w.status].title}>
                      {STATUS[w.status].label}
                    </Badge>
                  </td>
                  <td className="text-xs" data-testid="worker-location">
                    {w.location ? (
                      <span className="font-mono">{w.location}</span>
                    ) : (
                      <span className="text-muted-foreground" title="No TETHER_LOCATION: it runs only integrations that list no locations">
                        none
                      </span>
                    )}
                  </td>
                  <td className="max-w-80 text-xs">
                    {w.current.length === 0 ? (
                      <span className="text-muted-foreground">idle</span>
                    ) : (
                      <ul className="grid gap-0.5">
                        {w.current.slice(0, 5).map((c) => (
                          <li key={c.integrationId} className="truncate">
                            <Link href={`/integrations/${c.integrationId}`} className="hover:underline">
                              {c.name ?? c.integrationId}
                            </Link>{" "}
                            <span className="text-muted-foreground">
                              since <RelativeTime iso={c.since} />
                            </span>
                          </li>
                        ))}
                        {w.current.length > 5 ? <li className="text-muted-foreground">and {w.current.length - 5} more</li> : null}
                      </ul>
                    )}
                  </td>
                  <td className="tabular text-right text-xs">
                    {w.inFlight} / {w.concurrency}
                  </td>
                  <td className="tabular text-right text-xs">{formatCount(w.probesRun)}</td>
                  <td className="text-right text-xs">
                    <RelativeTime iso={w.startedAt} />
                  </td>
                  <td className="text-right text-xs">
                    <RelativeTime iso={w.lastSeenAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
