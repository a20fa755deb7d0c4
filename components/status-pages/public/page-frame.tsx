// The public pages beside a status page (an incident, the archive): its logo and title linking back, then the content.
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/app-shell/theme-toggle";
import type { PublicPageHeader } from "@/lib/status-pages/serve";

export function StatusPageFrame({ header, children }: { header: PublicPageHeader; children: ReactNode }) {
  const { page } = header;
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6">
      <header className="flex items-center gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- an editor's logo on any host; next/image would need each host configured */}
        {page.logoUrl ? <img src={page.logoUrl} alt="" className="h-9 w-auto max-w-40 object-contain" /> : null}
        <div className="min-w-0 flex-1">
          <a href={`/status/${page.slug}`} className="text-xl font-semibold hover:underline">
            {page.title}
          </a>
        </div>
        <ThemeToggle />
      </header>
      {children}
      <footer className="text-xs text-muted-foreground">
        <a className="hover:underline" href={`/status/${page.slug}`}>
          Current status
        </a>{" "}
        ·{" "}
        <a className="hover:underline" href={`/status/${page.slug}/history`}>
          Incident history
        </a>{" "}
        · Powered by Tether
      </footer>
    </div>
  );
}
