// Status incidents as the public side reads them: no author, no link to the alert incident, only the page's own
// components. Loaded for the page (open ones and those of its history window), one incident, and a month's archive.
import type { Db } from "../db/client";
import type { StatusIncident, StatusIncidentUpdate } from "../db/generated/client";
import type { DayBar } from "./day-bars";
import { monthBounds, type StatusIncidentImpact, type StatusIncidentStatus } from "./incident-rules";

const DAY_MS = 86_400_000;

export interface PublicIncidentUpdate {
  id: string;
  status: StatusIncidentStatus;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface PublicIncident {
  id: string;
  title: string;
  impact: StatusIncidentImpact;
  status: StatusIncidentStatus;
  componentIds: string[];
  startedAt: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  updates: PublicIncidentUpdate[];
}

type Row = StatusIncident & { updates: StatusIncidentUpdate[] };
const withUpdates = { updates: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }] } };

/** `known` is the page's component ids now: a component removed since the incident is not named. */
export function toPublicIncident(r: Row, known: ReadonlySet<string>): PublicIncident {
  return {
    id: r.id,
    title: r.title,
    impact: r.impact,
    status: r.status,
    componentIds: r.componentIds.filter((id) => known.has(id)),
    startedAt: r.startedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    updates: r.updates.map((u) => ({ id: u.id, status: u.status, body: u.body, createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString() })),
  };
}

/** The open incidents and the ones resolved since `since`, newest first. */
export async function loadPageIncidents(db: Db, pageId: string, since: Date, known: ReadonlySet<string>): Promise<PublicIncident[]> {
  const rows = await db.statusIncident.findMany({
    where: { pageId, OR: [{ resolvedAt: null }, { resolvedAt: { gte: since } }] },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: 200,
    include: withUpdates,
  });
  return rows.map((r) => toPublicIncident(r, known));
}

export async function loadPublicIncident(db: Db, pageId: string, id: string, known: ReadonlySet<string>): Promise<PublicIncident | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  // The page is part of the where: an incident of another page is not found here.
  const row = await db.statusIncident.findFirst({ where: { id, pageId }, include: withUpdates });
  return row ? toPublicIncident(row, known) : null;
}

/** A month's incidents (those that started in it), newest first; null for a month that is not "YYYY-MM". */
export async function loadMonthIncidents(db: Db, pageId: string, month: string, known: ReadonlySet<string>): Promise<PublicIncident[] | null> {
  const bounds = monthBounds(month);
  if (!bounds) return null;
  const rows = await db.statusIncident.findMany({
    where: { pageId, startedAt: { gte: bounds.from, lt: bounds.to } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: 500,
    include: withUpdates,
  });
  return rows.map((r) => toPublicIncident(r, known));
}

/** The bars with each day's status incidents of the component named in its detail (an incident covers start to resolution). */
export function markIncidentDays(bars: DayBar[], componentId: string, incidents: readonly PublicIncident[], now: number): DayBar[] {
  const mine = incidents.filter((i) => i.componentIds.includes(componentId));
  if (mine.length === 0) return bars;
  return bars.map((bar) => {
    const from = Date.parse(`${bar.date}T00:00:00Z`);
    const to = from + DAY_MS;
    const titles = mine.filter((i) => Date.parse(i.startedAt) < to && (i.resolvedAt ? Date.parse(i.resolvedAt) : now) >= from).map((i) => i.title);
    return titles.length ? { ...bar, statusIncidents: titles } : bar;
  });
}
