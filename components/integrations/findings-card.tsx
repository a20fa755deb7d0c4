"use client";
import { CheckCircle2 } from "lucide-react";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { bySeverity, findingCounts, findingsOf } from "@/lib/mcp/findings";
import type { FindingSeverity } from "@/lib/mcp/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/state";

const TONE: Record<FindingSeverity, BadgeTone> = { error: "bad", warning: "warn", info: "neutral" };

/** The MCP conformance findings of the latest run that reached the server: severity, rule, what and where. */
export function FindingsCard({ integration }: { integration: IntegrationDetail }) {
  if (integration.kind !== "mcp") return null;
  const readings = integration.lastReadings;
  const findings = findingsOf(readings?.details);
  return (
    <Card data-testid="mcp-findings">
      <CardHeader>
        <CardTitle>Conformance</CardTitle>
        {readings && findings ? (
          <span className="text-xs text-muted-foreground">
            <RelativeTime iso={readings.at} />
          </span>
        ) : null}
      </CardHeader>
      {!readings || !findings ? (
        <CardBody className="p-0">
          <EmptyState title="Not checked yet">The findings appear after the first check that reaches the server.</EmptyState>
        </CardBody>
      ) : findings.length === 0 ? (
        <CardBody className="p-0">
          <EmptyState icon={<CheckCircle2 />} title="No findings">
            The server met every rule checked: protocol revision, tool names, schemas, structured output, pagination and advertised lists.
          </EmptyState>
        </CardBody>
      ) : (
        <CardBody className="grid gap-3">
          <div className="flex flex-wrap gap-1.5" aria-label="Findings by severity">
            {findingCounts(findings).map((c) => (
              <Badge key={c.severity} tone={TONE[c.severity]}>
                {c.label}
              </Badge>
            ))}
          </div>
          <ul className="grid gap-2.5">
            {bySeverity(findings).map((f, i) => (
              <li key={`${f.rule}-${f.subject ?? ""}-${i}`} className="grid gap-1 border-t pt-2.5 text-xs first:border-t-0 first:pt-0" data-testid="finding">
                <div className="flex flex-wrap items-center gap-1.5">
                  <Badge tone={TONE[f.severity]}>{f.severity}</Badge>
                  <code className="font-mono text-[0.7rem] font-medium">{f.rule}</code>
                  {f.subject ? <span className="text-muted-foreground">· {f.subject}</span> : null}
                </div>
                <p>{f.message}</p>
                {f.detail ? <p className="font-mono break-all text-muted-foreground">{f.detail}</p> : null}
              </li>
            ))}
          </ul>
        </CardBody>
      )}
    </Card>
  );
}
