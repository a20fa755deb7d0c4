// Health from inbound webhooks, per integration: how long since the provider last sent anything compared with
// how often it usually does ("sent nothing for 40 min, usually every 2 min"), and how many deliveries failed.
import type { Db } from "../db/client";

export interface WebhookHealth {
  sources: number;
  events24h: number;
  failed24h: number;
  /** Failed or dead-lettered share of the last 24 h's events; null without events. */
  failedRate: number | null;
  lastEventAt: string | null;
  /** Median gap between events over the last 24 h, seconds; null with fewer than 3 events. */
  usualGapSeconds: number | null;
  silence: Silence;
}

export type Silence = { silent: false; message: string } | { silent: true; message: string };

function human(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 129_600) return `${Math.round(seconds / 3_600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Silent when nothing arrived for five usual gaps (and at least 10 minutes). Pure; `now` is a parameter. */
export function webhookSilence(lastEventAt: number | null, usualGapSeconds: number | null, now: number): Silence {
  if (lastEventAt === null) return { silent: false, message: "No webhooks received yet" };
  const quiet = (now - lastEventAt) / 1000;
  if (usualGapSeconds === null) return { silent: false, message: `Last event ${human(quiet)} ago; not enough traffic yet to know its usual rate` };
  const threshold = Math.max(5 * usualGapSeconds, 600);
  if (quiet > threshold) return { silent: true, message: `Nothing received for ${human(quiet)}, usually every ${human(usualGapSeconds)}` };
  return { silent: false, message: `Last event ${human(quiet)} ago, usually every ${human(usualGapSeconds)}` };
}

export async function webhookHealth(db: Db, integrationId: string, now = Date.now()): Promise<WebhookHealth | null> {
  const sources = await db.webhookSource.count({ where: { integrationId } });
  if (sources === 0) return null;
  const since = new Date(now - 86_400_000);
  const [row] = await db.$queryRaw<{ events: number; failed: number; gap: number | null; last: Date | null }[]>`
    WITH ev AS (
      SELECT e."receivedAt", e.status FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
      WHERE s."integrationId" = ${integrationId}::uuid AND e."receivedAt" >= ${since}::timestamp AND e.status <> 'rejected_signature'
    ), gaps AS (
      SELECT extract(epoch FROM "receivedAt" - lag("receivedAt") OVER (ORDER BY "receivedAt"))::float8 AS g FROM ev
    )
    SELECT (SELECT count(*)::int FROM ev) AS events,
           (SELECT count(*)::int FROM ev WHERE status IN ('failed', 'dead_lettered')) AS failed,
           (SELECT CASE WHEN count(g) >= 2 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY g) END FROM gaps WHERE g IS NOT NULL) AS gap,
           (SELECT max(e."receivedAt") FROM "WebhookEvent" e JOIN "WebhookSource" s ON s.id = e."sourceId"
             WHERE s."integrationId" = ${integrationId}::uuid AND e.status <> 'rejected_signature') AS last`;
  const r = row!;
  return {
    sources,
    events24h: r.events,
    failed24h: r.failed,
    failedRate: r.events === 0 ? null : r.failed / r.events,
    lastEventAt: r.last?.toISOString() ?? null,
    usualGapSeconds: r.gap,
    silence: webhookSilence(r.last?.getTime() ?? null, r.gap, now),
  };
}
