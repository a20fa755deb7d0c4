"use client";
import { BellOff, Webhook } from "lucide-react";
import Link from "next/link";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { formatCount, formatPercent } from "@/lib/domain/format";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { cn } from "@/lib/cn";

/** Inbound webhook health beside the probe health: silence against the usual rate, and failed deliveries. */
export function WebhooksCard({ integration }: { integration: IntegrationDetail }) {
  const w = integration.webhooks;
  if (!w) return null;
  return (
    <Card data-testid="webhook-health">
      <CardHeader>
        <CardTitle>Webhooks</CardTitle>
        <Link href={`/webhooks`} className="text-xs text-accent hover:underline">
          Explorer
        </Link>
      </CardHeader>
      <CardBody className="grid gap-2 text-xs">
        <p className={cn("flex items-start gap-1.5", w.silence.silent ? "font-medium text-bad-fg" : "text-muted-foreground")}>
          {w.silence.silent ? <BellOff className="mt-0.5 size-3.5 shrink-0" /> : <Webhook className="mt-0.5 size-3.5 shrink-0" />}
          {w.silence.message}
        </p>
        <StatGrid variant="inline" className="grid-cols-3 gap-2">
          <StatCard label="Events · 24 h" value={formatCount(w.events24h)} />
          <StatCard label="Failed" value={formatPercent(w.failedRate, 1)} tone={w.failed24h > 0 ? "bad" : undefined} />
          <StatCard label="Sources" value={w.sources} />
        </StatGrid>
      </CardBody>
    </Card>
  );
}
