import type { NotificationDeliveryStatus } from "@/lib/db/generated/enums";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<NotificationDeliveryStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: "queued", tone: "accent" },
  delivered: { label: "delivered", tone: "ok" },
  failed: { label: "failed", tone: "warn" },
  dead_lettered: { label: "dead-lettered", tone: "bad" },
};

/** A delivery's status; "failed" says "retrying" only while a retry is scheduled. */
export function DeliveryStatusBadge({ status, retrying }: { status: NotificationDeliveryStatus; retrying?: boolean }) {
  const s = STATUS[status] ?? { label: status, tone: "neutral" as const };
  return (
    <Badge tone={s.tone} data-delivery-status={status}>
      {status === "failed" && retrying ? "failed, retrying" : s.label}
    </Badge>
  );
}

export const DELIVERY_STATUS_OPTIONS = (Object.keys(STATUS) as NotificationDeliveryStatus[]).map((s) => ({ value: s, label: STATUS[s].label }));
