// The last week of resolved incidents under the components, a day at a time (a quiet day says so), as Statuspage
// pages do; older ones are in the archive.
import { IncidentCard } from "./incident-card";
import type { PublicIncident } from "@/lib/status-pages/public-incidents";

const DAYS = 7;
const DAY_MS = 86_400_000;

export function PastIncidents({
  slug,
  incidents,
  componentNames,
  now,
}: {
  slug: string;
  incidents: PublicIncident[];
  componentNames: ReadonlyMap<string, string>;
  now: string;
}) {
  const today = Math.floor(Date.parse(now) / DAY_MS) * DAY_MS;
  const days = Array.from({ length: DAYS }, (_, k) => new Date(today - k * DAY_MS).toISOString().slice(0, 10));
  return (
    <section aria-labelledby="past-incidents-heading" className="grid gap-3">
      <h2 id="past-incidents-heading" className="text-sm font-semibold">
        Past incidents
      </h2>
      {days.map((day) => {
        const those = incidents.filter((i) => i.startedAt.slice(0, 10) === day);
        const label = new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
          weekday: "short",
          day: "numeric",
          month: "short",
          year: "numeric",
          timeZone: "UTC",
        });
        return (
          <div key={day} className="grid gap-2">
            <h3 className="border-b pb-1 text-xs font-medium text-muted-foreground">{label}</h3>
            {those.length === 0 ? <p className="text-xs text-muted-foreground">No incidents reported.</p> : null}
            {those.map((i) => (
              <IncidentCard key={i.id} incident={i} componentNames={componentNames} href={`/status/${slug}/incidents/${i.id}`} headingLevel={3} limit={1} />
            ))}
          </div>
        );
      })}
      <a href={`/status/${slug}/history`} className="text-sm text-muted-foreground hover:underline">
        Incident history
      </a>
    </section>
  );
}
