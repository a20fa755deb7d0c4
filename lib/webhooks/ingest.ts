// Receiving a webhook: verify it, then commit the raw body and headers to PostgreSQL, and only then answer 2xx.
// A delivery the provider already sent (same event id) is acknowledged and not stored or processed again; a
// delivery that fails verification is stored as rejected (for the explorer) and answered 401. If the database
// is unreachable the caller answers 503, so the sender retries: nothing acknowledged is ever lost.
import type { Db } from "../db/client";
import type { Keyring } from "../secrets/crypto";
import { keyring } from "../secrets/store";
import { sourceSecrets } from "./sources";
import { verify } from "./verification";
import { VERIFICATION_CONFIG_SCHEMAS, type VerificationConfig, type VerificationKind } from "./verification/config";

export type IngestOutcome =
  | { status: 202; body: { id: string; duplicate: false } }
  | { status: 200; body: { duplicate: true } }
  | { status: 401; body: { error: { code: "unauthenticated"; message: string } } }
  | { status: 404; body: { error: { code: "not_found"; message: string } } };

/** Headers kept with the event: everything but hop-by-hop and credentials of our own. */
const DROP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "cookie", "authorization", "proxy-authorization", "host"]);

export function keptHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROP.has(name.toLowerCase())) out[name.toLowerCase()] = value;
  });
  return out;
}

/** The provider's event type, where it says: a header, or a top-level JSON field. */
function eventTypeOf(headers: Record<string, string>, body: Buffer): string | null {
  const fromHeader = headers["x-github-event"] ?? headers["x-event-type"] ?? headers["webhook-event-type"];
  if (fromHeader) return fromHeader.slice(0, 200);
  try {
    const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    const t = json.type ?? json.event ?? (json.event as { type?: unknown } | undefined)?.type;
    return typeof t === "string" ? t.slice(0, 200) : null;
  } catch {
    return null;
  }
}

export async function findSource(db: Db, slug: string) {
  return db.webhookSource.findFirst({ where: { slug, enabled: true } });
}

export async function ingestWebhook(
  db: Db,
  source: NonNullable<Awaited<ReturnType<typeof findSource>>>,
  req: { rawBody: Buffer; headers: Record<string, string> },
  now = Date.now(),
  keys: Keyring = keyring(),
): Promise<IngestOutcome> {
  const kind = source.scheme as VerificationKind;
  const config = VERIFICATION_CONFIG_SCHEMAS[kind].parse(source.schemeConfig) as VerificationConfig<typeof kind>;
  const result = verify(kind, { rawBody: req.rawBody, headers: req.headers, now }, config, sourceSecrets(source, now, keys));
  const verified = result.ok && result.verified;
  const externalId = result.ok ? (result.eventId ?? null) : null;
  const detail = result.ok ? (result.verified ? `Verified with ${result.scheme}${result.matchedSecretIndex > 0 ? " (previous secret, rotation overlap)" : ""}` : "Not verified: this source uses no verification") : `${result.reason}: ${result.detail}`;
  // One statement: the unique (source, external id) index makes a duplicate a no-op, race-free. The body goes
  // as hex: the driver adapter would send a Buffer parameter as text.
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO "WebhookEvent" ("sourceId", "receivedAt", "externalId", "eventType", headers, body, "contentType", verified, "verificationDetail", status, "nextAttemptAt")
    VALUES (${source.id}::uuid, ${new Date(now)}::timestamp, ${externalId}, ${eventTypeOf(req.headers, req.rawBody)}, ${JSON.stringify(req.headers)}::jsonb, decode(${req.rawBody.toString("hex")}, 'hex'),
            ${req.headers["content-type"] ?? null}, ${verified}, ${detail},
            ${result.ok ? "received" : "rejected_signature"}::"WebhookEventStatus", ${result.ok ? new Date(now) : null}::timestamp)
    ON CONFLICT ("sourceId", "externalId") DO NOTHING
    RETURNING id`;
  if (!result.ok) return { status: 401, body: { error: { code: "unauthenticated", message: `Signature verification failed (${result.reason})` } } };
  const id = rows[0]?.id;
  if (id === undefined) return { status: 200, body: { duplicate: true } };
  return { status: 202, body: { id: id.toString(), duplicate: false } };
}
