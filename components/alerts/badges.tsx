import { BellRing, CheckCircle2, Eye } from "lucide-react";
import type { IncidentStatus } from "@/lib/alerts/types";
import type { Severity } from "@/lib/alerts/rule";
import { SEVERITY_LABELS } from "@/lib/alerts/condition-text";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const SEVERITY_TONE: Record<Severity, BadgeTone> = { critical: "bad", warning: "warn", info: "accent" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} data-severity={severity}>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

const STATUS: Record<IncidentStatus, { label: string; tone: BadgeTone; icon: typeof BellRing }> = {
  open: { label: "Open", tone: "bad", icon: BellRing },
  acknowledged: { label: "Acknowledged", tone: "warn", icon: Eye },
  resolved: { label: "Resolved", tone: "ok", icon: CheckCircle2 },
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} data-incident-status={status}>
      <s.icon aria-hidden className="size-3" />
      {s.label}
    </Badge>
  );
}
