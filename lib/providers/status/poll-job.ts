// The worker's provider-status pass: every distinct status URL named by an enabled HTTP integration is read at
// most once a minute, fleet-wide. One worker claims the due pages at a time (a transaction-scoped advisory lock,
// held only while claiming, never across a fetch), then fetches them through the outbound guard and stores each
// normalised reading. A page that cannot be read is stored as `unknown`; nothing here throws past the job.
import { request } from "undici";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { classifyNetworkError } from "../../probes/classify-error";
import { createSafeDispatcher, outboundPolicyFromEnv, type OutboundPolicy } from "../../security/outbound";
import { parseStatusBody } from "./parse";
import { formatOf, STATUS_INDICATORS, unknownReading, type StatusIndicator, type StatusReading } from "./reading";

export const PROVIDER_STATUS_EVERY_MS = 60_000;
export const STATUS_FETCH_TIMEOUT_MS = 10_000;
/** Statuspage summaries run to tens of KiB; anything this large is not one. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Distinct from the prune (…801) and alert evaluation (…802) locks. */
const STATUS_POLL_LOCK = 7_469_746_803;

export interface StatusPollOptions {
  now: Date;
  outbound?: OutboundPolicy;
  timeoutMs?: number;
}

export interface StatusPollReport {
  /** Another worker held the lock: this pass did nothing. */
  skipped: boolean;
  urls: number;
  polled: number;
}

/** The status URL an HTTP integration's stored config names, if any. */
export function statusUrlOf(config: unknown): string | null {
  const url = typeof config === "object" && config !== null ? (config as { statusUrl?: unknown }).statusUrl : undefined;
  return typeof url === "string" && url !== "" ? url : null;
}

/** Every distinct status URL an enabled HTTP integration names. */
export async function statusUrlsInUse(db: Db | Prisma.TransactionClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ url: string }[]>`
    SELECT DISTINCT config->>'statusUrl' AS url FROM "Integration"
    WHERE kind = 'http' AND enabled AND coalesce(config->>'statusUrl', '') <> ''`;
  return rows.map((r) => r.url).sort();
}

/** Claims the pages due for a read (none read in the last minute) by stamping `polledAt`, and forgets the ones no longer in use; one worker at a time. */
async function claimDuePages(db: Db, now: Date): Promise<{ skipped: boolean; urls: number; due: string[] }> {
  // Most installations name no status page: then one read and one (usually empty) delete, with no lock to take.
  if ((await statusUrlsInUse(db)).length === 0) {
    await db.providerStatus.deleteMany();
    return { skipped: false, urls: 0, due: [] };
  }
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${STATUS_POLL_LOCK}::bigint) AS locked`;
    if (!lock?.locked) return { skipped: true, urls: 0, due: [] };
    const urls = await statusUrlsInUse(tx);
    // A page no enabled integration names any more is forgotten; it is read afresh if one names it again.
    await tx.providerStatus.deleteMany({ where: { url: { notIn: urls } } });
    const known = await tx.providerStatus.findMany({ where: { url: { in: urls } }, select: { url: true, polledAt: true } });
    const polledAt = new Map(known.map((k) => [k.url, k.polledAt.getTime()]));
    const due = urls.filter((u) => {
      const last = polledAt.get(u);
      return last === undefined || now.getTime() - last >= PROVIDER_STATUS_EVERY_MS;
    });
    for (const url of due) {
      const placeholder = unknownReading(now, "Not read yet");
      await tx.providerStatus.upsert({
        where: { url },
        create: { url, indicator: placeholder.indicator, description: placeholder.description, incidents: [], fetchedAt: now, polledAt: now },
        update: { polledAt: now },
      });
    }
    return { skipped: false, urls: urls.length, due };
  });
}

/** One GET of a status page through the outbound guard. Never throws: failures read as `unknown`. */
export async function fetchStatusReading(url: string, opts: StatusPollOptions): Promise<StatusReading> {
  try {
    const res = await request(url, {
      method: "GET",
      headers: { accept: "application/json", "user-agent": "Tether-Status/1" },
      dispatcher: createSafeDispatcher(opts.outbound ?? outboundPolicyFromEnv()),
      signal: AbortSignal.timeout(opts.timeoutMs ?? STATUS_FETCH_TIMEOUT_MS),
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump();
      return unknownReading(opts.now, `Status page answered HTTP ${res.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        return unknownReading(opts.now, "Status page answer too large");
      }
      chunks.push(chunk as Buffer);
    }
    return parseStatusBody(formatOf(url), Buffer.concat(chunks).toString("utf8"), opts.now);
  } catch (err) {
    return unknownReading(opts.now, `Status page unreachable: ${classifyNetworkError(err).message}`);
  }
}

export async function runProviderStatusPoll(db: Db, opts: StatusPollOptions): Promise<StatusPollReport> {
  const { skipped, urls, due } = await claimDuePages(db, opts.now);
  const readings = await Promise.all(due.map(async (url) => [url, await fetchStatusReading(url, opts)] as const));
  for (const [url, r] of readings) {
    await db.providerStatus.update({
      where: { url },
      data: {
        indicator: r.indicator,
        description: r.description,
        incidents: r.incidents as unknown as Prisma.InputJsonValue,
        fetchedAt: new Date(r.fetchedAt),
        // An unreadable page keeps the name it last gave.
        ...(r.pageName ? { pageName: r.pageName } : {}),
      },
    });
  }
  return { skipped, urls, polled: due.length };
}

/** Every stored page's indicator and own name, by URL, for the overview. */
export async function providerIndicators(db: Db): Promise<Map<string, { indicator: StatusIndicator; pageName: string | null }>> {
  const rows = await db.providerStatus.findMany({ select: { url: true, indicator: true, pageName: true } });
  return new Map(rows.map((r) => [r.url, { indicator: indicatorOf(r.indicator), pageName: r.pageName }]));
}

const indicatorOf = (value: string): StatusIndicator => ((STATUS_INDICATORS as readonly string[]).includes(value) ? (value as StatusIndicator) : "unknown");

type StoredStatus = { indicator: string; description: string; pageName: string | null; incidents: Prisma.JsonValue; fetchedAt: Date };

const readingOf = (row: StoredStatus): StatusReading => ({
  indicator: indicatorOf(row.indicator),
  description: row.description,
  incidents: row.incidents as unknown as StatusReading["incidents"],
  fetchedAt: row.fetchedAt.toISOString(),
  pageName: row.pageName,
});

/** The stored reading for one URL, or null when it has not been read yet. */
export async function readProviderStatus(db: Db, url: string): Promise<StatusReading | null> {
  const row = await db.providerStatus.findUnique({ where: { url } });
  return row ? readingOf(row) : null;
}

/** The stored readings of these URLs (those read at least once), by URL. */
export async function readProviderStatuses(db: Db | Prisma.TransactionClient, urls: readonly string[]): Promise<Map<string, StatusReading>> {
  if (urls.length === 0) return new Map();
  const rows = await db.providerStatus.findMany({ where: { url: { in: [...urls] } } });
  return new Map(rows.map((r) => [r.url, readingOf(r)]));
}

/** Each enabled HTTP integration that names a status page, with that page's URL. */
export async function integrationStatusUrls(db: Db | Prisma.TransactionClient): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; url: string }[]>`
    SELECT id::text AS id, config->>'statusUrl' AS url FROM "Integration"
    WHERE kind = 'http' AND enabled AND coalesce(config->>'statusUrl', '') <> ''`;
  return new Map(rows.map((r) => [r.id, r.url]));
}
