// SendGrid's signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` is the base64 DER of an ECDSA P-256
// signature over SHA-256 of `${X-Twilio-Email-Event-Webhook-Timestamp}${body}`, checked with the verification key
// SendGrid shows (a public key, base64 DER). The timestamp is signed, so it is held to the tolerance both ways.
// The body is a batch of events without a delivery id; the batch's id is a hash of its sorted `sg_event_id`s, so
// a batch sent again (the same events) is a duplicate however SendGrid orders it.
import { createHash, type KeyObject } from "node:crypto";
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import { decodeBase64 } from "../encoding";
import { signedContent } from "../hmac";
import { matchingKeyIndex, publicKeys, spkiKey } from "../public-key";
import type { Verifier } from "../types";
import type { SendgridVerificationConfig } from "./config";

const SIGNATURE = { name: "x-twilio-email-event-webhook-signature", label: "X-Twilio-Email-Event-Webhook-Signature" };
const TIMESTAMP = { name: "x-twilio-email-event-webhook-timestamp", label: "X-Twilio-Email-Event-Webhook-Timestamp" };

function p256Key(text: string): KeyObject {
  const key = spkiKey(text);
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw new Error("not a P-256 key");
  return key;
}

/** `sg_batch:` and 32 hex characters of the SHA-256 of the batch's sorted event ids, or undefined when it has none. */
export function sendgridBatchId(rawBody: Buffer): string | undefined {
  let events: unknown;
  try {
    events = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(events)) return undefined;
  const ids = events.map((e) => (e as { sg_event_id?: unknown } | null)?.sg_event_id).filter((id): id is string => typeof id === "string" && id !== "");
  if (ids.length === 0) return undefined;
  return `sg_batch:${createHash("sha256").update(ids.sort().join("\n")).digest("hex").slice(0, 32)}`;
}

export const sendgridVerifier: Verifier<SendgridVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = publicKeys("sendgrid", secrets, p256Key);
    const noKeys = requireKeys("sendgrid", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("sendgrid", input.headers, [SIGNATURE, TIMESTAMP]);
    if (!Array.isArray(headers)) return headers;
    const [signatureHeader, timestamp] = headers as [string, string];
    const seconds = parseUnixSeconds(timestamp);
    if (seconds === null) return fail("sendgrid", "malformed_header", `${TIMESTAMP.label} is not a Unix time in whole seconds`);
    const signature = decodeBase64(signatureHeader);
    // A DER ECDSA P-256 signature is a SEQUENCE of two integers: at most 72 bytes.
    if (signature === null || signature.length < 8 || signature.length > 72 || signature[0] !== 0x30) {
      return fail("sendgrid", "malformed_header", `${SIGNATURE.label} is not a base64 DER ECDSA signature`);
    }

    const index = matchingKeyIndex(keys, "sha256", signedContent(timestamp, input.rawBody), signature);
    if (index === -1) {
      return fail("sendgrid", "bad_signature", `The signature verifies under none of ${secrets.length} keys (wrong key, or the body or timestamp was altered)`);
    }
    const stale = checkTolerance("sendgrid", seconds, input.now, config.toleranceSeconds);
    if (stale) return stale;

    const eventId = sendgridBatchId(input.rawBody);
    return { ok: true, verified: true, scheme: "sendgrid", matchedSecretIndex: index, timestamp: seconds * 1000, ...(eventId && { eventId }) };
  },
};
