import type { CircuitStateKind, HealthStatus } from "@/lib/integrations/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { CircuitBoard } from "lucide-react";

const STATUS: Record<HealthStatus, { label: string; tone: BadgeTone; dot: string }> = {
  healthy: { label: "Healthy", tone: "ok", dot: "bg-ok" },
  degraded: { label: "Degraded", tone: "warn", dot: "bg-warn" },
  down: { label: "Down", tone: "bad", dot: "bg-bad" },
  paused: { label: "Paused", tone: "neutral", dot: "bg-idle" },
  pending: { label: "Pending", tone: "neutral", dot: "bg-idle animate-pulse" },
};

export function StatusDot({ status, className }: { status: HealthStatus; className?: string }) {
  return <span aria-hidden className={cn("inline-block size-2 shrink-0 rounded-full", STATUS[status].dot, className)} />;
}

export function StatusBadge({ status }: { status: HealthStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} data-status={status}>
      <StatusDot status={status} />
      {s.label}
    </Badge>
  );
}

const CIRCUIT: Record<CircuitStateKind, { label: string; tone: BadgeTone; title: string }> = {
  closed: { label: "Closed", tone: "neutral", title: "Circuit closed: probes run normally" },
  half_open: { label: "Half-open", tone: "warn", title: "Circuit half-open: a trial probe decides whether it closes" },
  open: { label: "Open", tone: "bad", title: "Circuit open: scheduled probes are skipped until the cooldown ends" },
};

export function CircuitBadge({ state }: { state: CircuitStateKind }) {
  const c = CIRCUIT[state];
  return (
    <Badge tone={c.tone} title={c.title} data-circuit={state} className="font-mono text-[11px]">
      <CircuitBoard aria-hidden className="size-3" />
      {c.label}
    </Badge>
  );
}

export const STATUS_ORDER: HealthStatus[] = ["down", "degraded", "pending", "healthy", "paused"];
export const STATUS_LABEL = (s: HealthStatus) => STATUS[s].label;
