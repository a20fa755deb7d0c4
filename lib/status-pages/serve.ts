// The public side's one entry: find a page by slug, decide access for the request, and only then build what it shows.
// Refusals carry nothing of the page but its slug, so a locked page's title and components stay unread.
import type { Db } from "../db/client";
import type { StatusPage } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { accessOf } from "./access";
import { buildPublicStatusPage, findStatusPageBySlug, type PublicStatusPage } from "./public-view";
import { monthOf } from "./incident-rules";
import { storedGroups } from "./page-input";
import { loadMonthIncidents, loadPublicIncident, type PublicIncident } from "./public-incidents";

export type ServedStatusPage = { kind: "granted"; view: PublicStatusPage } | { kind: "needs_password" } | { kind: "needs_sign_in" } | { kind: "not_found" };

export async function serveStatusPage(
  db: Db,
  slug: string,
  request: { cookie: string | null; signedIn: boolean },
  secret: string,
  now = Date.now(),
): Promise<ServedStatusPage> {
  const row = await findStatusPageBySlug(db, slug);
  if (!row) return { kind: "not_found" };
  const decision = accessOf(row, request.cookie, request.signedIn, secret);
  if (decision.kind !== "granted") return decision;
  return { kind: "granted", view: await buildPublicStatusPage(db, row, now) };
}

/** For the JSON formats: the view, or the API error a refusal answers. */
export async function requireStatusView(
  db: Db,
  slug: string,
  request: { cookie: string | null; signedIn: boolean },
  secret: string,
  now = Date.now(),
): Promise<PublicStatusPage> {
  const served = await serveStatusPage(db, slug, request, secret, now);
  if (served.kind === "granted") return served.view;
  if (served.kind === "not_found") throw new ApiError("not_found", "No status page with that address");
  throw new ApiError(
    "unauthenticated",
    served.kind === "needs_password" ? "This status page needs its password" : "Sign in to Tether to read this status page",
  );
}

/** For the feeds and the subscribe form: the page's row once the request may read it, or the API error a refusal answers. */
export async function requireStatusAccess(db: Db, slug: string, request: { cookie: string | null; signedIn: boolean }, secret: string): Promise<StatusPage> {
  const row = await findStatusPageBySlug(db, slug);
  if (!row) throw new ApiError("not_found", "No status page with that address");
  const decision = accessOf(row, request.cookie, request.signedIn, secret);
  if (decision.kind === "granted") return row;
  throw new ApiError(
    "unauthenticated",
    decision.kind === "needs_password" ? "This status page needs its password" : "Sign in to Tether to read this status page",
  );
}

export interface PublicPageHeader {
  page: PublicStatusPage["page"];
  /** The page's components by id, for naming an incident's. */
  components: { id: string; name: string }[];
}

export type ServedIncidentPage =
  { kind: "granted"; header: PublicPageHeader; incident: PublicIncident } | { kind: "needs_password" } | { kind: "needs_sign_in" } | { kind: "not_found" };

export type ServedHistory =
  | { kind: "granted"; header: PublicPageHeader; month: string; incidents: PublicIncident[] }
  | { kind: "needs_password" }
  | { kind: "needs_sign_in" }
  | { kind: "not_found" };

/** Access first, then the page's header: the same refusal as the page itself for its incident and archive pages. */
async function grantedRow(db: Db, slug: string, request: { cookie: string | null; signedIn: boolean }, secret: string) {
  const row = await findStatusPageBySlug(db, slug);
  if (!row) return { kind: "not_found" as const };
  const decision = accessOf(row, request.cookie, request.signedIn, secret);
  if (decision.kind !== "granted") return decision;
  const components = storedGroups(row.groups).flatMap((g) => g.components.map((c) => ({ id: c.id, name: c.name })));
  const header: PublicPageHeader = {
    page: { id: row.id, slug: row.slug, title: row.title, description: row.description, logoUrl: row.logoUrl, createdAt: row.createdAt.toISOString() },
    components,
  };
  return { kind: "granted" as const, row, header, known: new Set(components.map((c) => c.id)) };
}

export async function serveStatusIncident(
  db: Db,
  slug: string,
  incidentId: string,
  request: { cookie: string | null; signedIn: boolean },
  secret: string,
): Promise<ServedIncidentPage> {
  const g = await grantedRow(db, slug, request, secret);
  if (g.kind !== "granted") return g;
  const incident = await loadPublicIncident(db, g.row.id, incidentId, g.known);
  return incident ? { kind: "granted", header: g.header, incident } : { kind: "not_found" };
}

/** A month of the archive ("YYYY-MM", UTC), by default the current one. */
export async function serveStatusHistory(
  db: Db,
  slug: string,
  month: string | undefined,
  request: { cookie: string | null; signedIn: boolean },
  secret: string,
  now = Date.now(),
): Promise<ServedHistory> {
  const g = await grantedRow(db, slug, request, secret);
  if (g.kind !== "granted") return g;
  const wanted = month ?? monthOf(new Date(now));
  const incidents = await loadMonthIncidents(db, g.row.id, wanted, g.known);
  return incidents ? { kind: "granted", header: g.header, month: wanted, incidents } : { kind: "not_found" };
}

/** For the JSON formats: a refusal as the API error it answers (the same words as requireStatusView). */
export function refusal(kind: "needs_password" | "needs_sign_in" | "not_found"): ApiError {
  if (kind === "not_found") return new ApiError("not_found", "No status page with that address");
  return new ApiError("unauthenticated", kind === "needs_password" ? "This status page needs its password" : "Sign in to Tether to read this status page");
}
