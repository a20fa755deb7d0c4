// Discord interactions: `X-Signature-Ed25519` is the hex Ed25519 signature of `${X-Signature-Timestamp}${body}`,
// checked with the application's public key (hex). The timestamp is signed, so it is held to the tolerance both
// ways. The interaction's `id` is the event id. Discord sends a PING (type 1) when the endpoint is saved and
// requires a PONG (`{"type":1}`) back: that is this scheme's `answer`.
import { createPublicKey, type KeyObject } from "node:crypto";
import { jsonStringField } from "../body-event-id";
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import { decodeHex } from "../encoding";
import { signedContent } from "../hmac";
import { matchingKeyIndex, publicKeys } from "../public-key";
import type { Verifier } from "../types";
import type { DiscordVerificationConfig } from "./config";

const SIGNATURE = { name: "x-signature-ed25519", label: "X-Signature-Ed25519" };
const TIMESTAMP = { name: "x-signature-timestamp", label: "X-Signature-Timestamp" };
/** The DER SubjectPublicKeyInfo header of an Ed25519 key; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

function ed25519Key(text: string): KeyObject {
  const raw = decodeHex(text);
  if (raw === null || raw.length !== 32) throw new Error("not 32 bytes of hex");
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" });
}

const PING = 1;

export const discordVerifier: Verifier<DiscordVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = publicKeys("discord", secrets, ed25519Key);
    const noKeys = requireKeys("discord", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("discord", input.headers, [SIGNATURE, TIMESTAMP]);
    if (!Array.isArray(headers)) return headers;
    const [signatureHeader, timestamp] = headers as [string, string];
    const seconds = parseUnixSeconds(timestamp);
    if (seconds === null) return fail("discord", "malformed_header", `${TIMESTAMP.label} is not a Unix time in whole seconds`);
    const signature = decodeHex(signatureHeader);
    if (signature === null || signature.length !== 64) return fail("discord", "malformed_header", `${SIGNATURE.label} is not 128 hex characters`);

    const index = matchingKeyIndex(keys, null, signedContent(timestamp, input.rawBody), signature);
    if (index === -1) {
      return fail(
        "discord",
        "bad_signature",
        `The signature verifies under none of ${secrets.length} keys (wrong public key, or the body or timestamp was altered)`,
      );
    }
    const stale = checkTolerance("discord", seconds, input.now, config.toleranceSeconds);
    if (stale) return stale;

    const eventId = jsonStringField(input.rawBody, "id");
    return { ok: true, verified: true, scheme: "discord", matchedSecretIndex: index, timestamp: seconds * 1000, ...(eventId && { eventId }) };
  },

  answer(rawBody) {
    try {
      const interaction = JSON.parse(rawBody.toString("utf8")) as { type?: unknown } | null;
      return interaction?.type === PING ? { status: 200, body: { type: PING } } : null;
    } catch {
      return null;
    }
  },
};
