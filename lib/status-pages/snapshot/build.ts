// The worker's side of status page snapshots: every couple of seconds a cheap fingerprint of what each page shows
// (member statuses, maintenance windows, the page row, a 5-minute clock bucket for the history bars) is compared
// with the stored one; a page whose fingerprint moved is rebuilt in full (view, Statuspage JSON, HTML, widget,
// badge figures), stored, and announced to web instances with NOTIFY. Web instances never build: they only read.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { sqlRows } from "../../db/sql";
import type { Prisma, StatusPage } from "../../db/generated/client";
import { listIntegrations } from "../../integrations/crud";
import type { IntegrationSummary } from "../../integrations/types";
import { buildPublicStatusPage, type PublicStatusPage } from "../public-view";
import { memberIds, storedGroups } from "../page-input";
import { statuspageStatus, statuspageSummary } from "../statuspage-format";
import { badgeInputs } from "../../db/status-badge-rollups";
import { badgeFigures } from "./badge-figures";
import type { BadgeFigures } from "./badge-svg";
import { statusPageHtml, statusWidgetHtml } from "./page-html";

export const STATUS_SNAPSHOT_CHANNEL = "tether_status_snapshot";
/** How often the worker compares fingerprints: a status change reaches the page within this plus a rebuild. */
export const STATUS_SNAPSHOT_EVERY_MS = 2_000;
/** History bars and uptimes move with every run; a page is rebuilt at least this often even when nothing else changed. */
export const STATUS_SNAPSHOT_MAX_AGE_MS = 5 * 60_000;

export interface SnapshotBadges {
  /** componentId -> name and figures. */
  [componentId: string]: { name: string } & BadgeFigures;
}

/** The address summary.json names as the page's: its custom host when it has one. */
export function publicPageUrl(page: Pick<StatusPage, "slug" | "customHost">, publicBase: string): string {
  return page.customHost ? `https://${page.customHost}/` : `${publicBase.replace(/\/$/, "")}/status/${page.slug}`;
}

interface SharedInputs {
  integrations: IntegrationSummary[];
  windows: { id: string; integrationId: string | null; tag: string | null; startsAt: Date; endsAt: Date }[];
  /** Per page, a stamp of its status incidents (count and latest change of an incident or an update); absent when it has none. */
  incidents?: ReadonlyMap<string, string>;
}

async function sharedInputs(db: Db, now: number): Promise<SharedInputs> {
  const [integrations, windows, incidentRows] = await Promise.all([
    listIntegrations(db, now),
    db.alertSilence.findMany({
      where: { kind: "maintenance", endsAt: { gt: new Date(now) } },
      select: { id: true, integrationId: true, tag: true, startsAt: true, endsAt: true },
      orderBy: { id: "asc" },
    }),
    db.$queryRaw<{ pageId: string; stamp: string }[]>`
      SELECT i."pageId"::text AS "pageId",
        count(DISTINCT i.id)::text || '/' || count(u.id)::text || '/' || coalesce(max(greatest(i."updatedAt", u."updatedAt")), max(i."updatedAt"))::text AS stamp
      FROM "StatusIncident" i LEFT JOIN "StatusIncidentUpdate" u ON u."incidentId" = i.id
      GROUP BY i."pageId"`,
  ]);
  return { integrations, windows, incidents: new Map(incidentRows.map((r) => [r.pageId, r.stamp])) };
}

/** Members of each of the page's components, resolved against the integrations' tags. */
function membersOf(row: StatusPage, integrations: readonly IntegrationSummary[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const g of storedGroups(row.groups))
    for (const c of g.components) {
      const direct = new Set(memberIds(c.source));
      out.set(c.id, new Set(integrations.filter((i) => (c.source.kind === "tag" ? i.tags.includes(c.source.tag) : direct.has(i.id))).map((i) => i.id)));
    }
  return out;
}

/**
 * What the page shows, hashed in two parts, "history:status". The history part (the page row, its members, the
 * clock bucket) moving means a full rebuild; the status part alone (member health, maintenance windows) means a
 * quick one that keeps the stored history bars. Pure.
 */
export function pageFingerprint(
  row: Pick<StatusPage, "id" | "updatedAt">,
  members: ReadonlyMap<string, ReadonlySet<string>>,
  inputs: SharedInputs,
  now: number,
): string {
  const all = new Set([...members.values()].flatMap((m) => [...m]));
  const slow = createHash("md5").update(`${row.id}|${row.updatedAt.toISOString()}|${Math.floor(now / STATUS_SNAPSHOT_MAX_AGE_MS)}|`);
  for (const [id, m] of members) slow.update(`${id}:${[...m].sort().join(",")};`);
  const hash = createHash("md5");
  for (const i of inputs.integrations) if (all.has(i.id)) hash.update(`${i.id}=${i.status};`);
  const tags = new Set(inputs.integrations.filter((i) => all.has(i.id)).flatMap((i) => i.tags));
  for (const w of inputs.windows)
    if ((w.integrationId && all.has(w.integrationId)) || (w.tag && tags.has(w.tag)))
      hash.update(`w${w.id}:${w.startsAt.getTime() <= now}:${w.endsAt.getTime()};`);
  // Status incidents move the headline, components and the bars' detail: a quick rebuild picks them up.
  hash.update(`i${inputs.incidents?.get(row.id) ?? ""};`);
  return `${slow.digest("hex")}:${hash.digest("hex")}`;
}

/** Builds and stores one page's snapshot, then tells web instances. */
export async function buildSnapshot(
  db: Db,
  row: StatusPage,
  opts: {
    now: number;
    publicBase: string;
    fingerprint: string;
    members: Map<string, Set<string>>;
    /** The stored view and badges, kept for their history (a status-only rebuild). */
    reuse?: { view: PublicStatusPage; badges: SnapshotBadges };
  },
) {
  const reuse = opts.reuse ? new Map(opts.reuse.view.groups.flatMap((g) => g.components.map((c) => [c.id, c] as const))) : undefined;
  const view = await buildPublicStatusPage(db, row, opts.now, reuse);
  const components = view.groups.flatMap((g) => g.components);
  const badges: SnapshotBadges = {};
  const kept = opts.reuse?.badges;
  if (kept && components.every((c) => kept[c.id])) {
    for (const c of components) badges[c.id] = { ...kept[c.id]!, name: c.name, status: c.status };
  } else {
    const { sums, hours } = await badgeInputs(db, [...new Set([...opts.members.values()].flatMap((m) => [...m]))], opts.now);
    for (const c of components) badges[c.id] = { name: c.name, ...badgeFigures(c.status, opts.members.get(c.id) ?? new Set(), sums, hours, opts.now) };
  }
  const pageUrl = publicPageUrl(row, opts.publicBase);
  const data = {
    slug: row.slug,
    access: row.access,
    customHost: row.customHost,
    fingerprint: opts.fingerprint,
    view: view as unknown as Prisma.InputJsonValue,
    summaryJson: JSON.stringify(statuspageSummary(view, pageUrl)),
    statusJson: JSON.stringify(statuspageStatus(view, pageUrl)),
    html: statusPageHtml(view, { base: `/status/${row.slug}` }),
    widgetHtml: statusWidgetHtml(view, { pageUrl: row.customHost ? pageUrl : `/status/${row.slug}` }),
    badges: badges as unknown as Prisma.InputJsonValue,
    builtAt: new Date(opts.now),
  };
  await db.statusPageSnapshot.upsert({ where: { pageId: row.id }, create: { pageId: row.id, ...data }, update: data });
  await db.$executeRaw`SELECT pg_notify(${STATUS_SNAPSHOT_CHANNEL}, ${row.id})`;
}

export interface RefreshReport {
  checked: number;
  /** Every page rebuilt, and of those the ones rebuilt keeping their stored history. */
  rebuilt: string[];
  quick: string[];
}

/** One pass: rebuild the pages whose fingerprint moved (all of them with `force`). */
export async function refreshStatusSnapshots(db: Db, opts: { now?: number; publicBase: string; force?: boolean }): Promise<RefreshReport> {
  const now = opts.now ?? Date.now();
  // No pages, nothing to read: the shared inputs cover every integration, and this pass runs every 2 s. The check
  // is one prepared statement (no query engine), as most installations have no status page.
  const [any] = await sqlRows<{ any: boolean }>(db, { name: "tether_status_pages_any", text: `SELECT EXISTS (SELECT 1 FROM "StatusPage") AS any`, values: [] });
  if (!any?.any) return { checked: 0, rebuilt: [], quick: [] };
  const rows = await db.statusPage.findMany({ orderBy: { slug: "asc" } });
  const [stored, inputs] = await Promise.all([db.statusPageSnapshot.findMany({ select: { pageId: true, fingerprint: true } }), sharedInputs(db, now)]);
  const known = new Map(stored.map((s) => [s.pageId, s.fingerprint]));
  const rebuilt: string[] = [];
  const quickRebuilt: string[] = [];
  for (const row of rows) {
    const members = membersOf(row, inputs.integrations);
    const fingerprint = pageFingerprint(row, members, inputs, now);
    const before = known.get(row.id);
    if (!opts.force && before === fingerprint) continue;
    // Same history part: only statuses moved, so the stored bars are still right.
    const quick = !opts.force && before?.split(":")[0] === fingerprint.split(":")[0];
    const stored = quick ? await db.statusPageSnapshot.findUnique({ where: { pageId: row.id }, select: { view: true, badges: true } }) : null;
    const reuse = stored ? { view: stored.view as unknown as PublicStatusPage, badges: stored.badges as unknown as SnapshotBadges } : undefined;
    await buildSnapshot(db, row, { now, publicBase: opts.publicBase, fingerprint, members, reuse });
    (quick ? quickRebuilt : rebuilt).push(row.slug);
  }
  return { checked: rows.length, rebuilt: [...rebuilt, ...quickRebuilt], quick: quickRebuilt };
}
