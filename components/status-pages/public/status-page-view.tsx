// The public status page: headline, maintenance notices, and groups of components with their 90-day bars.
// It renders only the public view (lib/status-pages/public-view.ts), which names nothing off the page.
import { AlertTriangle, CheckCircle2, Wrench, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { COMPONENT_STATUS_LABEL, type ComponentStatus, type PageIndicator } from "@/lib/status-pages/component-status";
import { formatUptime, HISTORY_DAYS } from "@/lib/status-pages/day-bars";
import type { PublicStatusPage } from "@/lib/status-pages/public-view";
import { formatWhen } from "@/lib/domain/format";
import { ThemeToggle } from "@/components/app-shell/theme-toggle";
import { DayBars } from "./day-bars";
import { SubscribeForm } from "./subscribe-form";
import { IncidentCard } from "./incident-card";
import { PastIncidents } from "./past-incidents";

const HEADLINE: Record<PageIndicator, { icon: ReactNode; className: string }> = {
  none: { icon: <CheckCircle2 />, className: "border-ok/40 bg-ok/10 text-ok-fg" },
  minor: { icon: <AlertTriangle />, className: "border-warn/40 bg-warn/10 text-warn-fg" },
  major: { icon: <AlertTriangle />, className: "border-bad/40 bg-bad/10 text-bad-fg" },
  critical: { icon: <XCircle />, className: "border-bad/50 bg-bad/15 text-bad-fg" },
  maintenance: { icon: <Wrench />, className: "border-accent/40 bg-accent/10 text-accent" },
};

const STATUS_CLASS: Record<ComponentStatus, string> = {
  operational: "text-ok-fg",
  under_maintenance: "text-accent",
  degraded_performance: "text-warn-fg",
  partial_outage: "text-bad-fg",
  major_outage: "text-bad-fg",
};

export function StatusPageView({ view, subscribeOutcome }: { view: PublicStatusPage; subscribeOutcome?: string }) {
  const { page, headline } = view;
  const h = HEADLINE[headline.indicator];
  const names = new Map(view.groups.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6">
      <header className="flex items-center gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- an editor's logo on any host; next/image would need each host configured */}
        {page.logoUrl ? <img src={page.logoUrl} alt="" className="h-9 w-auto max-w-40 object-contain" /> : null}
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">{page.title}</h1>
          {page.description ? <p className="text-sm text-muted-foreground">{page.description}</p> : null}
        </div>
        <ThemeToggle />
      </header>

      <p role="status" className={cn("flex items-center gap-2 rounded-lg border px-4 py-3 text-base font-medium [&_svg]:size-5", h.className)}>
        {h.icon}
        {headline.description}
      </p>

      {view.incidents?.length ? (
        <section aria-labelledby="incidents-heading" className="grid gap-3">
          <h2 id="incidents-heading" className="text-sm font-semibold">
            Active incidents
          </h2>
          {view.incidents.map((i) => (
            <IncidentCard key={i.id} incident={i} componentNames={names} href={`/status/${page.slug}/incidents/${i.id}`} />
          ))}
        </section>
      ) : null}

      {view.maintenances.length > 0 ? (
        <section aria-labelledby="maintenance-heading" className="grid gap-2">
          <h2 id="maintenance-heading" className="text-sm font-semibold">
            Maintenance
          </h2>
          <ul className="grid gap-2">
            {view.maintenances.map((m) => (
              <li key={m.id} className="rounded-md border bg-card px-3 py-2 text-sm">
                <span className="font-medium">{m.status === "in_progress" ? "In progress" : "Scheduled"}</span>: {formatWhen(m.startsAt)} –{" "}
                {formatWhen(m.endsAt)}
                <span className="text-muted-foreground"> · {m.componentIds.map((id) => names.get(id)).join(", ")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {view.groups.map((g) => (
        <section key={g.id} aria-label={g.name || "Components"} className="grid gap-3 rounded-lg border bg-card p-4">
          {g.name ? <h2 className="text-sm font-semibold">{g.name}</h2> : null}
          <ul className="grid gap-5">
            {g.components.map((c) => (
              <li key={c.id} className="grid gap-1.5" data-component={c.name}>
                <div className="flex items-baseline gap-3">
                  <h3 className="text-sm font-medium">{c.name}</h3>
                  <span className="text-xs text-muted-foreground">{formatUptime(c.uptime)} uptime</span>
                  <span className={cn("ml-auto text-sm", STATUS_CLASS[c.status])}>{COMPONENT_STATUS_LABEL[c.status]}</span>
                </div>
                <DayBars bars={c.bars} label={`${c.name}: the last ${HISTORY_DAYS} days, oldest first. Use the arrow keys to move between days.`} />
                <div className="flex justify-between text-xs text-muted-foreground" aria-hidden="true">
                  <span>{HISTORY_DAYS} days ago</span>
                  <span>Today</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {view.groups.length === 0 ? <p className="text-sm text-muted-foreground">This page shows no components yet.</p> : null}

      <SubscribeForm
        slug={page.slug}
        email={view.subscriptions?.email ?? false}
        components={view.groups.flatMap((g) => g.components.map((c) => ({ id: c.id, name: c.name })))}
        outcome={subscribeOutcome}
      />
      <PastIncidents slug={page.slug} incidents={view.pastIncidents ?? []} componentNames={names} now={view.generatedAt} />

      <footer className="text-xs text-muted-foreground">
        Updated {formatWhen(view.generatedAt)} ·{" "}
        <a className="hover:underline" href={`/status/${page.slug}/api/v2/summary.json`}>
          summary.json
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
