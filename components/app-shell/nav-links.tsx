"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { atLeast, type Role } from "@/lib/auth/roles";
import { useViewer } from "./viewer-context";

interface NavEntry {
  href: string;
  label: string;
  role: Role;
  match: (p: string) => boolean;
}

/** The work people come for, one click away. */
const LINKS: NavEntry[] = [
  { href: "/", label: "Integrations", role: "viewer", match: (p) => p === "/" || p.startsWith("/integrations") },
  { href: "/alerts", label: "Alerts", role: "viewer", match: (p) => p === "/alerts" || p.startsWith("/alerts/") },
  { href: "/slos", label: "SLOs", role: "viewer", match: (p) => p.startsWith("/slos") },
  { href: "/incidents", label: "Incidents", role: "viewer", match: (p) => p.startsWith("/incidents") },
  { href: "/status-pages", label: "Status pages", role: "viewer", match: (p) => p.startsWith("/status-pages") },
  { href: "/webhooks", label: "Webhooks", role: "viewer", match: (p) => p.startsWith("/webhooks") },
  { href: "/workers", label: "Workers", role: "viewer", match: (p) => p.startsWith("/workers") },
];

/** Administration, grouped under one menu so the bar still fits a laptop screen as features arrive. */
export const SETTINGS_LINKS: NavEntry[] = [
  { href: "/settings/tokens", label: "API tokens", role: "viewer", match: (p) => p.startsWith("/settings/tokens") },
  { href: "/settings/api", label: "API reference", role: "viewer", match: (p) => p.startsWith("/settings/api") },
  { href: "/settings/users", label: "Users", role: "admin", match: (p) => p.startsWith("/settings/users") },
  { href: "/audit", label: "Audit log", role: "admin", match: (p) => p.startsWith("/audit") },
];

const linkClass = "rounded-md px-2 py-1 text-sm whitespace-nowrap text-muted-foreground hover:text-foreground";

function SettingsMenu({ links, pathname }: { links: NavEntry[]; pathname: string }) {
  const current = links.find((l) => l.match(pathname));
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-current={current ? "page" : undefined}
        className={cn(
          linkClass,
          "inline-flex items-center gap-1 outline-none focus-visible:ring-2 focus-visible:ring-ring",
          current && "bg-muted font-medium text-foreground",
        )}
      >
        Settings
        <ChevronDown aria-hidden className="size-3.5" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 min-w-44 rounded-md border bg-card p-1 text-sm shadow-lg">
          {links.map((l) => (
            <DropdownMenu.Item
              key={l.href}
              asChild
              className={cn("flex cursor-default items-center rounded px-2 py-1.5 outline-none data-highlighted:bg-muted", l === current && "font-medium")}
            >
              <Link href={l.href} aria-current={l === current ? "page" : undefined}>
                {l.label}
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

export function NavLinks() {
  const pathname = usePathname();
  const viewer = useViewer();
  if (!viewer) return null;
  const allowed = (l: NavEntry) => atLeast(viewer.role, l.role);
  const settings = SETTINGS_LINKS.filter(allowed);
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {LINKS.filter(allowed).map((l) => {
        const active = l.match(pathname);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn(linkClass, active && "bg-muted font-medium text-foreground")}
          >
            {l.label}
          </Link>
        );
      })}
      {settings.length > 0 && <SettingsMenu links={settings} pathname={pathname} />}
    </nav>
  );
}
