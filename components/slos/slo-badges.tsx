import type { SloStatus } from "@/lib/slo/budget";
import { STATUS_TEXT } from "@/lib/slo/budget-chart";
import { Badge } from "@/components/ui/badge";

export function SloStatusBadge({ status }: { status: SloStatus }) {
  const s = STATUS_TEXT[status];
  return (
    <Badge tone={s.tone} data-testid="slo-status">
      {s.label}
    </Badge>
  );
}
