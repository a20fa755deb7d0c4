import type { WebhookEventStatus } from "@/lib/db/generated/enums";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<WebhookEventStatus, { label: string; tone: BadgeTone }> = {
  received: { label: "received", tone: "accent" },
  rejected_signature: { label: "rejected signature", tone: "bad" },
  processed: { label: "processed", tone: "ok" },
  failed: { label: "failed, retrying", tone: "warn" },
  dead_lettered: { label: "dead-lettered", tone: "bad" },
};

export function EventStatusBadge({ status }: { status: WebhookEventStatus }) {
  return (
    <Badge tone={STATUS[status].tone} data-event-status={status}>
      {STATUS[status].label}
    </Badge>
  );
}

export const EVENT_STATUS_OPTIONS = (Object.keys(STATUS) as WebhookEventStatus[]).map((s) => ({ value: s, label: STATUS[s].label }));
