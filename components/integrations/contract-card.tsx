"use client";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { contractChangeLines, type ChangeSeverity } from "@/lib/integrations/contract-change-view";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";

const TONE: Record<ChangeSeverity, BadgeTone> = { breaking: "bad", dangerous: "warn", additive: "neutral" };
const SHOWN = 12;

/** The latest change to the response's shape or the GraphQL schema; nothing for a check that never recorded one. */
export function ContractCard({ integration }: { integration: IntegrationDetail }) {
  const change = integration.contractChange;
  if (!change) return null;
  const lines = contractChangeLines(change);
  const breaking = lines.filter((l) => l.severity === "breaking").length;
  return (
    <Card data-testid="contract-change">
      <CardHeader>
        <CardTitle>Contract change</CardTitle>
        <span className="text-xs text-muted-foreground">
          <RelativeTime iso={change.at} />
        </span>
      </CardHeader>
      <CardBody className="grid gap-2">
        <p className="text-xs text-muted-foreground">
          {breaking > 0
            ? `${breaking} breaking change${breaking === 1 ? "" : "s"} since the run before.`
            : "Nothing breaking: only additions or may-break changes."}
        </p>
        <ul className="grid gap-1.5 text-xs">
          {lines.slice(0, SHOWN).map((l) => (
            <li key={`${l.severity}:${l.area}:${l.text}`} className="flex items-start gap-2">
              <Badge tone={TONE[l.severity]} className="shrink-0">
                {l.severity}
              </Badge>
              <span className="min-w-0 font-mono break-all">
                <span className="text-muted-foreground">{l.area === "schema" ? "schema: " : ""}</span>
                {l.text}
              </span>
            </li>
          ))}
        </ul>
        {lines.length > SHOWN ? <p className="text-xs text-muted-foreground">and {lines.length - SHOWN} more on the run&apos;s details</p> : null}
      </CardBody>
    </Card>
  );
}
