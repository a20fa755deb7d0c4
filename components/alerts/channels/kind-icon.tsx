import { Mail, MessageSquare, MessagesSquare, Siren, Users, Webhook, type LucideIcon } from "lucide-react";
import type { ChannelKind } from "@/lib/alerts/channels/kinds";
import { cn } from "@/lib/cn";

const ICONS: Record<ChannelKind, LucideIcon> = {
  slack: MessageSquare,
  discord: MessagesSquare,
  teams: Users,
  email: Mail,
  pagerduty: Siren,
  webhook: Webhook,
};

export function ChannelKindIcon({ kind, className }: { kind: string; className?: string }) {
  const Icon = ICONS[kind as ChannelKind] ?? Webhook;
  return <Icon className={cn("size-4 text-muted-foreground", className)} aria-hidden />;
}
