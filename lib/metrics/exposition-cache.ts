// The served path of GET /metrics: while something scrapes, a worker renders the exposition every ~15 s into one
// PostgreSQL row (gzipped), and every instance answers a scrape with one read by primary key, so a scrape costs the
// same at any fleet size. A scrape stamps the row (at most every SCRAPE_STAMP_EVERY_MS); with no scrape for
// SCRAPED_WITHIN_MS the workers stop rendering, since a render reads every integration's figures for no one. When no
// worker has rendered lately (none runs, all are stuck, or scraping just began) the scrape renders afresh and stores
// the result, so the figures are never older than METRICS_STALE_AFTER_MS. Renders are idempotent: two workers racing
// both write.
import { promisify } from "node:util";
import { gunzip as gunzipCb, gunzipSync, gzip as gzipCb, constants } from "node:zlib";
import type { Db } from "../db/client";
import type { MetricFamily } from "./families";
import { collectMetricFamilies, type MetricCollector } from "./scrape";
import { EXPOSITION_CONTENT_TYPE, renderExposition } from "./exposition";

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

export const METRICS_RENDER_EVERY_MS = 15_000;
/** A stored render older than this is not served: the scrape renders afresh (4 missed worker renders). */
export const METRICS_STALE_AFTER_MS = 60_000;
/** Workers render while the latest scrape is this recent (Prometheus scrapes every 15 s to a minute or two). */
export const SCRAPED_WITHIN_MS = 5 * 60_000;
/** A scrape writes its time only when the stored one is older than this: one small write a half minute at most. */
export const SCRAPE_STAMP_EVERY_MS = 30_000;
const ROW_ID = "prometheus";

export interface ServedExposition {
  /** The exposition text, gzipped. */
  gzip: Buffer;
  renderedAt: Date;
  source: "stored" | "fresh";
}

/** Pure: is a render at `renderedAt` still fit to serve (or to skip re-rendering) at `now`? */
export const isFresh = (renderedAt: Date | null | undefined, now: Date, maxAgeMs: number): boolean =>
  !!renderedAt && now.getTime() - renderedAt.getTime() < maxAgeMs && renderedAt.getTime() <= now.getTime() + 5_000;

export interface RenderOutcome {
  families: MetricFamily[];
  gzip: Buffer;
  bytes: number;
  renderMs: number;
  renderedAt: Date;
}

/** Collects, renders and stores the exposition. */
export async function renderAndStore(
  db: Db,
  opts: { now?: Date; renderedBy?: string | null; collectors?: readonly MetricCollector[]; scraped?: boolean } = {},
): Promise<RenderOutcome> {
  const now = opts.now ?? new Date();
  const t0 = performance.now();
  const families = await collectMetricFamilies(db, now, opts.collectors);
  const text = renderExposition(families);
  // Level 1: a tenth of the text's size already (the lines repeat), at a fraction of the default level's time.
  const body = await gzip(text, { level: constants.Z_BEST_SPEED });
  const renderMs = Math.round(performance.now() - t0);
  const bytes = Buffer.byteLength(text);
  const data = {
    body: new Uint8Array(body),
    renderedAt: now,
    renderedBy: opts.renderedBy ?? null,
    renderMs,
    bytes,
    ...(opts.scraped ? { scrapedAt: now } : {}),
  };
  await db.metricsExposition.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data });
  return { families, gzip: body, bytes, renderMs, renderedAt: now };
}

/**
 * The worker's job: render unless nothing has scraped within SCRAPED_WITHIN_MS or another worker of the fleet
 * rendered within `everyMs`. Null when skipped.
 */
export async function renderIfDue(db: Db, opts: { now: Date; workerId: string; everyMs?: number }): Promise<RenderOutcome | null> {
  const row = await db.metricsExposition.findUnique({ where: { id: ROW_ID }, select: { renderedAt: true, scrapedAt: true } });
  // A stamp ahead of this worker's clock (another instance's clock runs fast) still counts as recent.
  if (!row?.scrapedAt || opts.now.getTime() - row.scrapedAt.getTime() >= SCRAPED_WITHIN_MS) return null;
  // A little slack, so workers on the same cadence do not skip each other's turn by milliseconds.
  if (isFresh(row?.renderedAt, opts.now, (opts.everyMs ?? METRICS_RENDER_EVERY_MS) - 1_000)) return null;
  return renderAndStore(db, { now: opts.now, renderedBy: opts.workerId });
}

/** What a scrape serves: the stored render while fresh, else a fresh one (stored for the next scrape). */
export async function servedExposition(db: Db, now: Date = new Date()): Promise<ServedExposition> {
  const row = await db.metricsExposition.findUnique({ where: { id: ROW_ID }, select: { body: true, renderedAt: true, scrapedAt: true } });
  if (row && isFresh(row.renderedAt, now, METRICS_STALE_AFTER_MS)) {
    // Tells the workers someone scrapes; a failed stamp only means they may pause rendering, never a failed scrape.
    if (!isFresh(row.scrapedAt, now, SCRAPE_STAMP_EVERY_MS))
      await db.metricsExposition.update({ where: { id: ROW_ID }, data: { scrapedAt: now }, select: { id: true } }).catch(() => undefined);
    return { gzip: Buffer.from(row.body), renderedAt: row.renderedAt, source: "stored" };
  }
  const fresh = await renderAndStore(db, { now, renderedBy: null, scraped: true });
  return { gzip: fresh.gzip, renderedAt: fresh.renderedAt, source: "fresh" };
}

export const exposedText = async (e: ServedExposition): Promise<string> => (await gunzip(e.gzip)).toString("utf8");

/** Does the client take a gzipped body (Prometheus always asks for one)? q=0 refuses. */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The scrape's response: the stored gzip as is when the client takes it, the text otherwise. */
export function expositionResponse(e: ServedExposition, acceptEncoding: string | null): Response {
  const gzipped = acceptsGzip(acceptEncoding);
  const headers: Record<string, string> = {
    "content-type": EXPOSITION_CONTENT_TYPE,
    "cache-control": "no-store",
    vary: "accept-encoding",
    "x-tether-rendered-at": e.renderedAt.toISOString(),
    ...(gzipped ? { "content-encoding": "gzip" } : {}),
  };
  return new Response(new Uint8Array(gzipped ? e.gzip : gunzipSync(e.gzip)), { headers });
}
