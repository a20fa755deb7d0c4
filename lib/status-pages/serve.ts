// The public side's one entry: find a page by slug, decide access for the request, and only then build what it shows.
// Refusals carry nothing of the page but its slug, so a locked page's title and components stay unread.
import type { Db } from "../db/client";
import type { StatusPage } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { accessOf } from "./access";
import { buildPublicStatusPage, findStatusPageBySlug, type PublicStatusPage } from "./public-view";

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
