"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const LINKS = [{ href: "/", label: "Integrations", match: (p: string) => p === "/" || p.startsWith("/integrations") }];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {LINKS.map((l) => {
        const active = l.match(pathname);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn("rounded-md px-2.5 py-1 text-sm text-muted-foreground hover:text-foreground", active && "bg-muted font-medium text-foreground")}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
