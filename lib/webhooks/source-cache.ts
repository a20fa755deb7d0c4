// The receiver looks its source up on every delivery; at thousands a second that lookup is most of the database
// work, so sources are cached by slug. An edit, rotation, disable or delete in this process forgets the entry at
// once (sources.ts calls forgetSource); another process (a second dashboard instance) sees the change within
// SOURCE_TTL_MS. A miss is cached too, so a flood at an unknown address costs no query per request.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export type SourceRow = Prisma.WebhookSourceGetPayload<object>;

export const SOURCE_TTL_MS = 5_000;

type Entry = { loaded: Promise<SourceRow | null>; at: number };

// On globalThis: Next.js may load this module once per route bundle, and an edit route must reach the receiver's cache.
const globalForCache = globalThis as unknown as { tetherWebhookSources?: Map<string, Entry> };
const cache = (globalForCache.tetherWebhookSources ??= new Map());
const MAX_ENTRIES = 10_000;

/** The source at this slug, enabled or not (the receiver tells the two apart), or null. */
export function cachedSource(db: Db, slug: string, now = Date.now()): Promise<SourceRow | null> {
  const hit = cache.get(slug);
  if (hit && now - hit.at < SOURCE_TTL_MS) return hit.loaded;
  // One query per slug however many requests arrive while it runs; a failure is not cached.
  const loaded = db.webhookSource.findUnique({ where: { slug } });
  const entry: Entry = { loaded, at: now };
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(slug, entry);
  loaded.catch(() => {
    if (cache.get(slug) === entry) cache.delete(slug);
  });
  return loaded;
}

export function forgetSource(slug: string): void {
  cache.delete(slug);
}
