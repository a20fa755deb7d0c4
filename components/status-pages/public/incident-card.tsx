// One status incident as people read it: title in its impact's colour, the affected components, and its
// timeline of updates (newest first). Shared by the status page, the incident page and the archive.
import { cn } from "@/lib/cn";
import { formatWhen } from "@/lib/domain/format";
import { STATUS_INCIDENT_IMPACT_LABEL, STATUS_INCIDENT_STATUS_LABEL, type StatusIncidentImpact } from "@/lib/status-pages/incident-rules";
import type { PublicIncident } from "@/lib/status-pages/public-incidents";
import { MarkdownBody } from "./markdown-body";

export const IMPACT_CLASS: Record<StatusIncidentImpact, { border: string; text: string }> = {
  none: { border: "border-l-muted-foreground/40", text: "text-foreground" },
  minor: { border: "border-l-warn", text: "text-warn-fg" },
  major: { border: "border-l-bad", text: "text-bad-fg" },
  critical: { border: "border-l-bad", text: "text-bad-fg" },
};

export function IncidentCard({
  incident,
  componentNames,
  href,
  headingLevel = 3,
  limit,
}: {
  incident: PublicIncident;
  componentNames: ReadonlyMap<string, string>;
  /** The incident's own page, linked from its title. */
  href?: string;
  headingLevel?: 1 | 2 | 3;
  /** Show only the newest updates (the rest are on the incident's page). */
  limit?: number;
}) {
  const Heading = `h${headingLevel}` as const;
  const impact = IMPACT_CLASS[incident.impact];
  const updates = limit ? incident.updates.slice(0, limit) : incident.updates;
  const affected = incident.componentIds.flatMap((id) => componentNames.get(id) ?? []);
  return (
    <article
      aria-labelledby={`incident-${incident.id}`}
      data-incident={incident.id}
      data-impact={incident.impact}
      className={cn("grid gap-3 rounded-lg border border-l-4 bg-card p-4", impact.border)}
    >
      <header className="grid gap-1">
        <Heading id={`incident-${incident.id}`} className={cn("font-semibold", headingLevel === 1 ? "text-xl" : "text-base", impact.text)}>
          {href ? (
            <a href={href} className="hover:underline">
              {incident.title}
            </a>
          ) : (
            incident.title
          )}
        </Heading>
        <p className="text-xs text-muted-foreground">
          {STATUS_INCIDENT_IMPACT_LABEL[incident.impact]} impact · started {formatWhen(incident.startedAt)}
          {incident.resolvedAt ? ` · resolved ${formatWhen(incident.resolvedAt)}` : ""}
          {affected.length ? ` · affects ${affected.join(", ")}` : ""}
        </p>
      </header>
      <ol className="grid gap-3" aria-label="Updates, newest first">
        {updates.map((u) => (
          <li key={u.id} className="grid gap-1 border-l-2 border-border pl-3" data-update-status={u.status}>
            <p className="text-xs">
              <span className="font-semibold">{STATUS_INCIDENT_STATUS_LABEL[u.status]}</span>{" "}
              <time dateTime={u.createdAt} className="text-muted-foreground">
                {formatWhen(u.createdAt)}
              </time>
            </p>
            <MarkdownBody body={u.body} />
          </li>
        ))}
      </ol>
      {limit && incident.updates.length > limit && href ? (
        <a href={href} className="text-xs text-muted-foreground hover:underline">
          All {incident.updates.length} updates
        </a>
      ) : null}
    </article>
  );
}
