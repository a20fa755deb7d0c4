"use client";
// Where a located integration is probed from: each listed location's latest run, and the quorum that decides "down".
import type { IntegrationDetail } from "@/lib/integrations/types";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatMs } from "@/lib/domain/format";

export function LocationsCard({ integration }: { integration: IntegrationDetail }) {
  const { locations } = integration;
  if (locations.length === 0) return null;
  const quorum = Math.min(integration.input.quorum ?? locations.length, locations.length);
  return (
    <Card data-testid="locations-card">
      <CardHeader>
        <CardTitle>Locations</CardTitle>
        <span className="text-xs text-muted-foreground">
          down when {quorum} of {locations.length} fail
        </span>
      </CardHeader>
      <CardBody>
        <ul className="grid gap-2">
          {locations.map((l) => (
            <li key={l.location} className="flex items-center gap-2 text-xs" data-testid={`location-${l.location}`}>
              <span className="font-mono font-medium">{l.location}</span>
              <Badge tone={l.ok === null ? "neutral" : l.ok ? "ok" : "bad"}>{l.ok === null ? "no run yet" : l.ok ? "up" : "failing"}</Badge>
              <span className="tabular-nums text-muted-foreground">{formatMs(l.latencyMs)}</span>
              <span className="ml-auto text-muted-foreground">{l.lastRunAt ? <RelativeTime iso={l.lastRunAt} /> : "—"}</span>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
