import { ChevronLeft } from "lucide-react";
import Link from "next/link";

/** The small "back to the parent page" link above a page title. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-0.5 text-xs text-muted-foreground hover:text-foreground">
      <ChevronLeft className="size-3.5" /> {children}
    </Link>
  );
}
