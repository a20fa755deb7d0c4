// Receiving a webhook: verify it, then commit the raw body and headers to PostgreSQL, and only then answer 2xx.
// A delivery the provider already sent (same event id) is acknowledged and not stored or processed again; a
// delivery that fails verification is stored as rejected (for the explorer) and answered 401. If the database
// is unreachable the caller answers 503, so the sender retries: nothing acknowledged is ever lost.
import { poolOf, type Db } from "../db/client";
import type { Keyring } from "../secrets/crypto";
import { keyring } from "../secrets/store";
import { eventWriter } from "./event-writer";
import { cachedSource, type SourceRow } from "./source-cache";
import { sourceSecrets } from "./sources";
import { ApiError } from "../api/errors";
import { createSafeDispatcher, outboundPolicyFromEnv } from "../security/outbound";
import { providerAnswer, verify, type ProviderAnswer, type RemoteContext } from "./verification";
import { VERIFICATION_CONFIG_SCHEMAS, type VerificationConfig, type VerificationKind } from "./verification/config";

export type IngestOutcome =
  | { status: 202; body: { id: string; duplicate: false } }
  | { status: 200; body: { duplicate: true } }
  | { status: 401; body: { error: { code: "unauthenticated"; message: string } } }
  /** The scheme's own answer to a verified delivery, stored or duplicate (Discord's PONG). */
  | ProviderAnswer;

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
    const t = json.type ?? json.event_type ?? json.event ?? (json.event as { type?: unknown } | undefined)?.type;
    return typeof t === "string" ? t.slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** Schemes that ask their provider (PayPal) go out through the outbound guard, like relays and probes. */
const OUTBOUND: RemoteContext = { dispatcher: () => createSafeDispatcher(outboundPolicyFromEnv()) };

const parsedConfigs = new WeakMap<SourceRow, VerificationConfig<VerificationKind>>();

/** The source's scheme settings, parsed once per cached row rather than once per request. */
function configOf(source: SourceRow): VerificationConfig<VerificationKind> {
  let config = parsedConfigs.get(source);
  if (!config) {
    config = VERIFICATION_CONFIG_SCHEMAS[source.scheme as VerificationKind].parse(source.schemeConfig) as VerificationConfig<VerificationKind>;
    parsedConfigs.set(source, config);
  }
  return config;
}

/** The source at this address, enabled or not (a disabled one answers 410), from the cache (source-cache.ts). */
export function findSource(db: Db, slug: string, now = Date.now()): Promise<SourceRow | null> {
  return cachedSource(db, slug, now);
}

export async function ingestWebhook(
  db: Db,
  source: SourceRow,
  req: { rawBody: Buffer; headers: Record<string, string>; query?: string },
  now = Date.now(),
  keys: Keyring = keyring(),
): Promise<IngestOutcome> {
  const kind = source.scheme as VerificationKind;
  const result = await verify(
    kind,
    { rawBody: req.rawBody, headers: req.headers, now, query: req.query },
    configOf(source),
    sourceSecrets(source, now, keys),
    OUTBOUND,
  );
  // No verdict is not a rejection: nothing is stored, and the 503 makes the sender retry.
  if (!result.ok && result.reason === "unavailable") throw new ApiError("unavailable", `Could not verify the delivery: ${result.detail}`);
  const verified = result.ok && result.verified;
  const detail = result.ok
    ? result.verified
      ? `Verified with ${result.scheme}${result.matchedSecretIndex > 0 ? " (previous secret, rotation overlap)" : ""}`
      : "Not verified: this source uses no verification"
    : `${result.reason}: ${result.detail}`;
  // Plain SQL through the group-committing writer: the unique (source, external id) index makes a duplicate a
  // no-op, race-free, and the promise settles only after the commit.
  const id = await eventWriter(poolOf(db)).insert({
    sourceId: source.id,
    receivedAt: new Date(now),
    externalId: result.ok ? (result.eventId ?? null) : null,
    eventType: eventTypeOf(req.headers, req.rawBody),
    headers: req.headers,
    body: req.rawBody,
    contentType: req.headers["content-type"] ?? null,
    verified,
    verificationDetail: detail,
    status: result.ok ? "received" : "rejected_signature",
    nextAttemptAt: result.ok ? new Date(now) : null,
  });
  if (!result.ok) return { status: 401, body: { error: { code: "unauthenticated", message: `Signature verification failed (${result.reason})` } } };
  const answer = verified ? providerAnswer(kind, req.rawBody) : null;
  if (answer) return answer;
  if (id === null) return { status: 200, body: { duplicate: true } };
  return { status: 202, body: { id: id.toString(), duplicate: false } };
}
