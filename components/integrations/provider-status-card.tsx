"use client";
import { ExternalLink } from "lucide-react";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { providerStatusView } from "@/lib/providers/status/view";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatWhen } from "@/lib/domain/format";

/** The provider's own word beside our probe: is it them or us? */
export function ProviderStatusCard({ integration }: { integration: IntegrationDetail }) {
  const s = integration.providerStatus;
  if (!s) return null;
  const v = providerStatusView(s.url, s.reading);
  return (
    <Card data-testid="provider-status">
      <CardHeader>
        <CardTitle>Provider status</CardTitle>
        <Badge tone={v.tone}>{v.label}</Badge>
      </CardHeader>
      <CardBody className="grid gap-2 text-xs">
        <p className={v.tone === "neutral" ? "text-muted-foreground" : "font-medium"}>{v.headline}</p>
        {v.incidents.length > 0 ? (
          <ul className="grid gap-1">
            {v.incidents.map((incident, n) => (
              <li key={`${incident.name}-${n}`} className="flex flex-wrap items-baseline gap-x-1.5">
                {incident.url ? (
                  <a href={incident.url} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 text-accent hover:underline">
                    {incident.name}
                    <ExternalLink className="size-3" aria-hidden />
                  </a>
                ) : (
                  <span>{incident.name}</span>
                )}
                <span className="text-muted-foreground">
                  {incident.status}
                  {incident.startedAt ? (
                    <>
                      {" "}
                      since{" "}
                      <time dateTime={incident.startedAt} suppressHydrationWarning>
                        {formatWhen(incident.startedAt)}
                      </time>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="text-muted-foreground">
          Checked <RelativeTime iso={v.fetchedAt} fallback="not yet" />
        </p>
      </CardBody>
    </Card>
  );
}
