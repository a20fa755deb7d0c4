import { ArrowDownLeft, ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/cn";

export type ExplorerDirection = "inbound" | "outbound";

const TABS: { value: ExplorerDirection; label: string; href: string; icon: typeof ArrowDownLeft }[] = [
  { value: "inbound", label: "Inbound", href: "/webhooks", icon: ArrowDownLeft },
  { value: "outbound", label: "Outbound", href: "/webhooks?view=outbound", icon: ArrowUpRight },
];

/** Inbound | Outbound switch of the webhook explorer; links, so each view has its own URL and Back works. */
export function DirectionTabs({ current }: { current: ExplorerDirection }) {
  return (
    <nav aria-label="Direction" className="inline-flex h-8 w-fit items-center rounded-md border bg-muted p-0.5">
      {TABS.map((t) => (
        <Link
          key={t.value}
          href={t.href}
          aria-current={t.value === current ? "page" : undefined}
          className={cn(
            "inline-flex h-7 items-center gap-1.5 rounded px-3 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring [&_svg]:size-3.5",
            t.value === current && "bg-card text-foreground shadow-xs",
          )}
        >
          <t.icon aria-hidden /> {t.label}
        </Link>
      ))}
    </nav>
  );
}
