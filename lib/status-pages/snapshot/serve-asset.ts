// A snapshot's badge or widget through Next, for what the fast path leaves: protected pages (after their access
// check) and pages whose snapshot the worker has not built yet. Refusals carry nothing of the page.
import type { Db } from "../../db/client";
import { ApiError } from "../../api/errors";
import { accessOf } from "../access";
import { findStatusPageBySlug } from "../public-view";
import { cachedPageOf } from "./cache";
import { badgeKindOf } from "./badge-svg";

export type SnapshotAsset = { kind: "widget" } | { kind: "badge"; componentId: string; file: string };

export async function serveSnapshotAsset(
  db: Db,
  slug: string,
  asset: SnapshotAsset,
  request: { cookie: string | null; signedIn: boolean; acceptEncoding: string | null },
  secret: string,
): Promise<Response> {
  const row = await findStatusPageBySlug(db, slug);
  if (!row) throw new ApiError("not_found", "No status page with that address");
  const decision = accessOf(row, request.cookie, request.signedIn, secret);
  if (decision.kind !== "granted")
    throw new ApiError(
      "unauthenticated",
      decision.kind === "needs_password" ? "This status page needs its password" : "Sign in to Tether to read this status page",
    );
  const snapshot = await db.statusPageSnapshot.findUnique({ where: { pageId: row.id } });
  if (!snapshot) return new Response("This status page is being prepared", { status: 503, headers: { "retry-after": "2", "cache-control": "no-store" } });
  const page = cachedPageOf(snapshot);
  const kind = asset.kind === "badge" ? badgeKindOf(asset.file) : null;
  const found = asset.kind === "widget" ? page.widget : kind ? page.badges.get(`${asset.componentId}/${kind}`) : undefined;
  if (!found) throw new ApiError("not_found", "No such badge on this status page");
  const headers = new Headers();
  const raw = found.notModified();
  for (let i = 0; i < raw.length; i += 2) headers.set(raw[i]!, raw[i + 1]!);
  // A protected page's bytes are for this reader only.
  if (row.access !== "public") headers.set("cache-control", "private, no-store");
  return new Response(new Uint8Array(found.body), { status: 200, headers });
}
