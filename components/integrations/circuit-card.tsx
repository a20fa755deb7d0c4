"use client";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { CircuitBadge } from "./status";
import { RelativeTime } from "@/components/ui/relative-time";

export function CircuitCard({ integration }: { integration: IntegrationDetail }) {
  const { input } = integration;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Circuit breaker</CardTitle>
        <CircuitBadge state={integration.circuit} />
      </CardHeader>
      <CardBody className="grid gap-3">
        <StatGrid variant="inline" className="grid-cols-2 gap-2">
          <StatCard
            label="Consecutive failures"
            value={
              <>
                {integration.consecutiveFailures} <span className="text-muted-foreground">/ {input.breakerThreshold}</span>
              </>
            }
          />
          <StatCard label="Cooldown" value={`${input.breakerCooldownSeconds} s`} />
        </StatGrid>
        <div>
          <h3 className="mb-1.5 text-xs font-medium text-muted-foreground">Transitions</h3>
          {integration.transitions.length === 0 ? (
            <p className="text-xs text-muted-foreground">None yet: the circuit has stayed closed.</p>
          ) : (
            <ol className="grid gap-2" data-testid="circuit-transitions">
              {integration.transitions.slice(0, 12).map((t) => (
                <li
                  key={t.id}
                  className="grid gap-0.5 border-l-2 pl-2.5 text-xs"
                  style={{ borderColor: t.to === "open" ? "var(--bad)" : t.to === "half_open" ? "var(--warn)" : "var(--ok)" }}
                >
                  <div className="flex items-center gap-1.5">
                    <span className="font-mono">{t.from}</span>→<span className="font-mono font-medium">{t.to}</span>
                    <span className="ml-auto text-muted-foreground">
                      <RelativeTime iso={t.at} />
                    </span>
                  </div>
                  <span className="text-muted-foreground">{t.reason}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
