"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import type { Role } from "@/lib/auth/roles";
import { useCan, useViewer } from "./viewer-context";

const LINKS: { href: string; label: string; role: Role; match: (p: string) => boolean }[] = [
  { href: "/", label: "Integrations", role: "viewer", match: (p) => p === "/" || p.startsWith("/integrations") },
  { href: "/alerts", label: "Alerts", role: "viewer", match: (p) => p === "/alerts" || p.startsWith("/alerts/") },
  { href: "/slos", label: "SLOs", role: "viewer", match: (p) => p.startsWith("/slos") },
  { href: "/incidents", label: "Incidents", role: "viewer", match: (p) => p.startsWith("/incidents") },
  { href: "/status-pages", label: "Status pages", role: "viewer", match: (p) => p.startsWith("/status-pages") },
  { href: "/webhooks", label: "Webhooks", role: "viewer", match: (p) => p.startsWith("/webhooks") },
  { href: "/workers", label: "Workers", role: "viewer", match: (p) => p.startsWith("/workers") },
  { href: "/settings/tokens", label: "API tokens", role: "viewer", match: (p) => p.startsWith("/settings/tokens") },
  { href: "/settings/users", label: "Users", role: "admin", match: (p) => p.startsWith("/settings/users") },
  { href: "/audit", label: "Audit log", role: "admin", match: (p) => p.startsWith("/audit") },
];

function NavLink({ link, active }: { link: (typeof LINKS)[number]; active: boolean }) {
  const allowed = useCan(link.role);
  if (!allowed) return null;
  return (
    <Link
      href={link.href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "rounded-md px-2 py-1 text-sm whitespace-nowrap text-muted-foreground hover:text-foreground",
        active && "bg-muted font-medium text-foreground",
      )}
    >
      {link.label}
    </Link>
  );
}

export function NavLinks() {
  const pathname = usePathname();
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {LINKS.map((l) => (
        <NavLink key={l.href} link={l} active={l.match(pathname)} />
      ))}
    </nav>
  );
}
