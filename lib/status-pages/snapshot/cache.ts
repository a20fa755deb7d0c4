// The web process's copy of every status page snapshot, held as ready-to-send bytes: each body once as is, gzip
// and brotli, with its ETag and the response headers prebuilt, so the fast path does no database query, no
// compression and no header assembly per request. Filled at start, refreshed on NOTIFY from the worker, and fully
// re-read every 30 s in case a notification was missed (a dropped connection, a page deleted). The re-read asks for
// the build times over the listening connection, which is open anyway: through the pool it kept one of the web
// process's connections (a PostgreSQL backend, 13-15 MB resident) open all day while nobody used the dashboard.
// Under `npm start` the worker's connection listens for it and the worker's pool re-reads, reached through a
// MessagePort (./feed.ts); without a feed the cache opens its own.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import pg from "pg";
import type { Db } from "../../db/client";
import type { StatusPageSnapshot } from "../../db/generated/client";
import type { Logger } from "../../observability/logger";
import type { PublicStatusPage } from "../public-view";
import { BADGE_KINDS, componentBadge, type BadgeKind } from "./badge-svg";
import { STATUS_SNAPSHOT_CHANNEL, type SnapshotBadges } from "./build";
import { STAMPS_SQL, type SnapshotFeed, type SnapshotStamp } from "./feed";
import { STATUS_SCRIPT_CSP, statusPageHtml } from "./page-html";

export type Encoding = "br" | "gzip" | "identity";

/** One body, in each encoding, with the raw header list node's writeHead takes as is. */
export class Asset {
  readonly etag: string;
  private readonly encoded = new Map<Encoding, { body: Buffer; headers: string[] }>();

  constructor(
    readonly body: Buffer,
    private readonly headers: string[],
    eager: boolean,
  ) {
    this.etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
    if (eager) for (const e of ["br", "gzip"] as const) this.variant(e);
  }

  /** The body and headers for an encoding; compressed once, on first use for lazily built assets. */
  variant(encoding: Encoding): { body: Buffer; headers: string[] } {
    let v = this.encoded.get(encoding);
    if (!v) {
      const body =
        encoding === "br"
          ? brotliCompressSync(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
          : encoding === "gzip"
            ? gzipSync(this.body, { level: 9 })
            : this.body;
      const headers = [...this.headers, "etag", this.etag, "vary", "accept-encoding", "content-length", String(body.length)];
      if (encoding !== "identity") headers.push("content-encoding", encoding);
      v = { body, headers };
      this.encoded.set(encoding, v);
    }
    return v;
  }

  /** Headers of a 304 for this asset. */
  notModified(): string[] {
    return [...this.headers, "etag", this.etag, "vary", "accept-encoding"];
  }
}

export interface CachedPage {
  pageId: string;
  slug: string;
  access: StatusPageSnapshot["access"];
  customHost: string | null;
  builtAt: number;
  html: Asset;
  /** The page as served at `/` of its custom host (its links start at `/`). */
  hostHtml: Asset | null;
  summary: Asset;
  status: Asset;
  widget: Asset;
  /** `${componentId}/${kind}` -> badge. */
  badges: Map<string, Asset>;
}

const COMMON = ["x-content-type-options", "nosniff", "referrer-policy", "strict-origin-when-cross-origin"];
const FRESH = "public, max-age=5, stale-while-revalidate=30";

export const PAGE_CSP = `default-src 'none'; script-src ${STATUS_SCRIPT_CSP}; style-src 'unsafe-inline'; img-src 'self' data: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Who may frame the widget: TETHER_STATUS_WIDGET_FRAME_ANCESTORS (CSP sources, space-separated), anyone by default. */
export function widgetFrameAncestors(env: Record<string, string | undefined> = process.env): string {
  const raw = env.TETHER_STATUS_WIDGET_FRAME_ANCESTORS?.trim();
  if (!raw) return "*";
  // Only host sources and the keywords a frame-ancestors list may hold; anything else (a ; injecting a directive) is dropped.
  const kept = raw.split(/\s+/).filter((s) => /^('self'|'none'|\*|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?[a-z0-9*.-]+(:\d+|:\*)?)$/i.test(s));
  return kept.length ? kept.join(" ") : "'none'";
}

export function cachedPageOf(
  row: Omit<StatusPageSnapshot, "view"> & { view: StatusPageSnapshot["view"] | null },
  frameAncestors = widgetFrameAncestors(),
): CachedPage {
  const htmlHeaders = [
    "content-type",
    "text/html; charset=utf-8",
    "cache-control",
    FRESH,
    "content-security-policy",
    PAGE_CSP,
    "x-frame-options",
    "DENY",
    ...COMMON,
  ];
  const json = ["content-type", "application/json; charset=utf-8", "cache-control", FRESH, "access-control-allow-origin", "*", ...COMMON];
  const widgetHeaders = [
    "content-type",
    "text/html; charset=utf-8",
    "cache-control",
    FRESH,
    "content-security-policy",
    `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors ${frameAncestors}`,
    ...COMMON,
  ];
  const svg = [
    "content-type",
    "image/svg+xml; charset=utf-8",
    "cache-control",
    "public, max-age=30, stale-while-revalidate=300",
    "content-security-policy",
    "default-src 'none'; style-src 'unsafe-inline'",
    "access-control-allow-origin",
    "*",
    ...COMMON,
  ];
  const badges = new Map<string, Asset>();
  for (const [componentId, figures] of Object.entries(row.badges as unknown as SnapshotBadges))
    for (const kind of BADGE_KINDS) badges.set(`${componentId}/${kind}`, new Asset(Buffer.from(componentBadge(kind, figures.name, figures)), svg, false));
  return {
    pageId: row.pageId,
    slug: row.slug,
    access: row.access,
    customHost: row.customHost,
    builtAt: row.builtAt.getTime(),
    html: new Asset(Buffer.from(row.html), htmlHeaders, true),
    hostHtml:
      row.customHost && row.view ? new Asset(Buffer.from(statusPageHtml(row.view as unknown as PublicStatusPage, { base: "" })), htmlHeaders, true) : null,
    summary: new Asset(Buffer.from(row.summaryJson), json, true),
    status: new Asset(Buffer.from(row.statusJson), json, true),
    widget: new Asset(Buffer.from(row.widgetHtml), widgetHeaders, true),
    badges,
  };
}

export class StatusSnapshotCache {
  private readonly bySlug = new Map<string, CachedPage>();
  private readonly byHost = new Map<string, CachedPage>();
  private readonly byId = new Map<string, CachedPage>();
  private listener: pg.Client | null = null;
  /** The listener once its LISTEN went through; queries may use it then. */
  private listening: pg.Client | null = null;
  private rereading = false;
  /** A re-read was asked for while one ran: it runs once more after it (what it read may predate the ask). */
  private rereadAgain = false;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly log?: Logger,
    /** Notifications and re-reads over someone else's listening connection (`npm start`'s worker) instead of one of its own. */
    private readonly feed?: SnapshotFeed,
  ) {}

  page(slug: string): CachedPage | undefined {
    return this.bySlug.get(slug);
  }

  pageForHost(host: string): CachedPage | undefined {
    return this.byHost.get(host);
  }

  /** Whether any page has a custom host (the fast path skips the Host lookup when none does). */
  get hasHosts(): boolean {
    return this.byHost.size > 0;
  }

  private put(page: CachedPage): void {
    this.drop(page.pageId);
    this.byId.set(page.pageId, page);
    this.bySlug.set(page.slug, page);
    if (page.customHost) this.byHost.set(page.customHost, page);
  }

  private drop(pageId: string): void {
    const old = this.byId.get(pageId);
    if (!old) return;
    this.byId.delete(pageId);
    if (this.bySlug.get(old.slug) === old) this.bySlug.delete(old.slug);
    if (old.customHost && this.byHost.get(old.customHost) === old) this.byHost.delete(old.customHost);
  }

  /** Re-reads one page's snapshot (gone: dropped). */
  async reload(pageId: string): Promise<void> {
    // The view (the largest column) only when a custom host's HTML must be rendered from it.
    const row = await this.db.statusPageSnapshot.findUnique({ where: { pageId }, omit: { view: true } });
    const view = row?.customHost ? (await this.db.statusPageSnapshot.findUnique({ where: { pageId }, select: { view: true } }))?.view : null;
    if (row) this.put(cachedPageOf({ ...row, view: view ?? null }));
    else this.drop(pageId);
  }

  /** Re-reads every snapshot whose build time moved, and drops the ones that are gone. */
  async reloadAll(): Promise<void> {
    if (this.rereading) {
      // Still waiting on a slow database: one more pass after it, never a queue of them.
      this.rereadAgain = true;
      return;
    }
    this.rereading = true;
    try {
      do {
        this.rereadAgain = false;
        const stamps = await this.stamps();
        const live = new Set(stamps.map((s) => s.pageId));
        for (const id of [...this.byId.keys()]) if (!live.has(id)) this.drop(id);
        for (const s of stamps) if (this.byId.get(s.pageId)?.builtAt !== s.builtAtMs) await this.reload(s.pageId);
      } while (this.rereadAgain && !this.closed);
    } finally {
      this.rereading = false;
      this.rereadAgain = false;
    }
  }

  /** Every snapshot's build time (ms since the epoch): over the listening connection when it is up, else the pool's. */
  private async stamps(): Promise<SnapshotStamp[]> {
    if (this.feed) {
      try {
        return await this.feed.stamps();
      } catch (err) {
        // The worker could not read them (a frozen database, one re-read still waiting): the pool's, bounded by its timeouts.
        this.log?.debug("status snapshot re-read through the worker failed; using the pool", { error: err });
      }
    }
    const client = this.listening;
    if (client) {
      try {
        const { rows } = await client.query<SnapshotStamp>(STAMPS_SQL);
        return rows;
      } catch (err) {
        // A connection that timed out is in doubt: ending it makes listen() connect afresh (and re-read then).
        void client.end().catch(() => undefined);
        throw err;
      }
    }
    const rows = await this.db.statusPageSnapshot.findMany({ select: { pageId: true, builtAt: true } });
    return rows.map((r) => ({ pageId: r.pageId, builtAtMs: r.builtAt.getTime() }));
  }

  /** Loads everything, then follows the worker's notifications (and a 30 s re-read as a safety net). */
  async start(databaseUrl: string, pollMs = 30_000): Promise<void> {
    // The feed's connection listens already (or will): followed before the first read, so nothing announced during
    // it goes unheard. Its own connection LISTENs after the first read, as a re-read follows each reconnect.
    this.feed?.follow({
      changed: (pageId) => void this.reload(pageId).catch((err: unknown) => this.log?.warn("status snapshot reload failed", { error: err })),
      // (Re)listening: a notification may have gone unheard meanwhile.
      listening: () => void this.reloadAll().catch((err: unknown) => this.log?.warn("status snapshot re-read failed", { error: err })),
    });
    await this.reloadAll();
    if (!this.feed) await this.listen(databaseUrl);
    this.poll = setInterval(() => void this.reloadAll().catch((err: unknown) => this.log?.warn("status snapshot re-read failed", { error: err })), pollMs);
    this.poll.unref();
  }

  private async listen(databaseUrl: string): Promise<void> {
    if (this.closed) return;
    // The re-read's query is bounded: a frozen database must not queue one more re-read on this client every poll.
    const client = new pg.Client({ connectionString: databaseUrl, application_name: "tether-status-cache", keepAlive: true, query_timeout: 5_000 });
    const retry = () => {
      if (this.listener !== client || this.closed) return;
      this.listener = null;
      this.listening = null;
      client.end().catch(() => undefined);
      setTimeout(
        () =>
          void this.listen(databaseUrl)
            .then(() => this.reloadAll())
            .catch(() => retry()),
        1_000,
      ).unref();
    };
    this.listener = client;
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", (n) => {
      if (n.channel === STATUS_SNAPSHOT_CHANNEL && n.payload)
        this.reload(n.payload).catch((err: unknown) => this.log?.warn("status snapshot reload failed", { error: err }));
    });
    await client.connect();
    await client.query(`LISTEN ${STATUS_SNAPSHOT_CHANNEL}`);
    if (this.listener === client) this.listening = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    this.feed?.close();
    const l = this.listener;
    this.listener = null;
    this.listening = null;
    await l?.end().catch(() => undefined);
  }
}

export const badgeKey = (componentId: string, kind: BadgeKind) => `${componentId}/${kind}`;
