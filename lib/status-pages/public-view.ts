// What a status page shows, read from the database: its components' statuses, 90 days of bars and the
// maintenance windows that touch them. The result names only the page's own components: member integrations,
// their URLs, errors and the windows' reasons stay on the server.
import type { Db } from "../db/client";
import type { StatusPage } from "../db/generated/client";
import { dailyTotals } from "../db/rollups";
import { listIntegrations } from "../integrations/crud";
import { componentHistory, HISTORY_DAYS, type DayBar } from "./day-bars";
import { headlineOf, memberStatus, worstOf, type ComponentStatus, type Headline } from "./component-status";
import { memberIds, storedGroups } from "./page-input";
import { componentStatusWithIncidents, headlineWithIncidents } from "./incident-rules";
import { loadPageIncidents, markIncidentDays, type PublicIncident } from "./public-incidents";

const DAY_MS = 86_400_000;

export interface PublicComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  uptime: number | null;
  bars: DayBar[];
}

export interface PublicMaintenance {
  id: string;
  status: "scheduled" | "in_progress";
  startsAt: string;
  endsAt: string;
  componentIds: string[];
}

export interface PublicStatusPage {
  page: { id: string; slug: string; title: string; description: string; logoUrl: string | null; createdAt: string };
  headline: Headline;
  groups: { id: string; name: string; components: PublicComponent[] }[];
  maintenances: PublicMaintenance[];
  /** Which subscriptions the page offers (email needs an SMTP channel chosen by an editor). */
  subscriptions?: { email: boolean };
  /** Status incidents not yet resolved, newest first, with their timelines (optional so views built elsewhere, e.g. test fixtures, need none). */
  incidents?: PublicIncident[];
  /** Status incidents resolved within the history window, newest first. */
  pastIncidents?: PublicIncident[];
  generatedAt: string;
}

export async function findStatusPageBySlug(db: Db, slug: string): Promise<StatusPage | null> {
  if (!/^[a-z0-9-]{1,48}$/.test(slug)) return null;
  return db.statusPage.findUnique({ where: { slug } });
}

/**
 * `reuse` carries components' history from an earlier build (by component id): a rebuild for a status change
 * then skips the 90-day rollup read, the expensive part.
 */
export async function buildPublicStatusPage(
  db: Db,
  row: StatusPage,
  now = Date.now(),
  reuse?: ReadonlyMap<string, Pick<PublicComponent, "bars" | "uptime">>,
): Promise<PublicStatusPage> {
  const groups = storedGroups(row.groups);
  const components = groups.flatMap((g) => g.components);
  const tags = new Set(components.flatMap((c) => (c.source.kind === "tag" ? [c.source.tag] : [])));
  const direct = new Set(components.flatMap((c) => memberIds(c.source)));
  const integrations = (await listIntegrations(db, now)).filter((i) => direct.has(i.id) || i.tags.some((t) => tags.has(t)));
  const membersOf = (source: (typeof components)[number]["source"]) =>
    new Set(integrations.filter((i) => (source.kind === "tag" ? i.tags.includes(source.tag) : memberIds(source).includes(i.id))).map((i) => i.id));
  const ids = integrations.map((i) => i.id);
  const since = new Date(Math.floor(now / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS);
  const known = new Set(components.map((c) => c.id));
  const [days, incidents, windows, statusIncidents] = await Promise.all([
    reuse ? [] : dailyTotals(db, ids, since),
    ids.length && !reuse
      ? db.incident.findMany({ where: { integrationId: { in: ids }, startedAt: { gte: since } }, select: { integrationId: true, startedAt: true } })
      : [],
    db.alertSilence.findMany({
      where: {
        kind: "maintenance",
        endsAt: { gt: new Date(now) },
        OR: [{ integrationId: { in: ids } }, { tag: { in: [...new Set(integrations.flatMap((i) => i.tags))] } }],
      },
      orderBy: { startsAt: "asc" },
      take: 50,
    }),
    loadPageIncidents(db, row.id, since, known),
  ]);
  const open = statusIncidents.filter((i) => i.status !== "resolved");
  const covers = (w: (typeof windows)[number], integrationId: string) =>
    w.integrationId === integrationId || (w.tag !== null && (integrations.find((i) => i.id === integrationId)?.tags.includes(w.tag) ?? false));
  const active = windows.filter((w) => w.startsAt.getTime() <= now);
  const health = new Map(integrations.map((i) => [i.id, i.status]));

  const shown = groups.map((g, gi) => ({
    id: `group-${gi}`,
    name: g.name,
    components: g.components.map((c): PublicComponent & { members: Set<string> } => {
      const members = membersOf(c.source);
      const measured = worstOf(
        [...members].map((id) =>
          memberStatus(
            health.get(id) ?? "pending",
            active.some((w) => covers(w, id)),
          ),
        ),
      );
      const history =
        reuse?.get(c.id) ??
        componentHistory(
          members,
          days,
          incidents.filter((i) => members.has(i.integrationId)).map((i) => i.startedAt),
          now,
        );
      const status = componentStatusWithIncidents(c.id, measured, open);
      const bars = markIncidentDays(history.bars, c.id, statusIncidents, now);
      return { id: c.id, name: c.name, status, uptime: history.uptime, bars, members };
    }),
  }));
  const all = shown.flatMap((g) => g.components);
  const maintenances = windows
    .map((w): PublicMaintenance => ({
      id: w.id,
      status: w.startsAt.getTime() <= now ? "in_progress" : "scheduled",
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      componentIds: all.filter((c) => [...c.members].some((id) => covers(w, id))).map((c) => c.id),
    }))
    .filter((m) => m.componentIds.length > 0);
  return {
    page: { id: row.id, slug: row.slug, title: row.title, description: row.description, logoUrl: row.logoUrl, createdAt: row.createdAt.toISOString() },
    headline: headlineWithIncidents(headlineOf(all.map((c) => c.status)), open),
    groups: shown.map((g) => ({ ...g, components: g.components.map(({ members: _members, ...c }) => c) })),
    maintenances,
    subscriptions: { email: row.emailChannelId !== null },
    incidents: open,
    pastIncidents: statusIncidents.filter((i) => i.status === "resolved"),
    generatedAt: new Date(now).toISOString(),
  };
}
