// Slack: `X-Slack-Signature: v0=<hex>`, an HMAC-SHA256 of `v0:${X-Slack-Request-Timestamp}:${body}` keyed by the
// signing secret's UTF-8 bytes. The timestamp is checked both ways. Slack has no delivery-id header; Events API
// bodies carry `event_id`, which is returned when present (form-encoded bodies have none).
import { jsonStringField } from "../body-event-id";
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import type { SlackVerificationConfig } from "./config";
import { decodeHex } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, signedContent, utf8Keys } from "../hmac";
import type { Verifier } from "../types";

const SIGNATURE = { name: "x-slack-signature", label: "X-Slack-Signature" };
const TIMESTAMP = { name: "x-slack-request-timestamp", label: "X-Slack-Request-Timestamp" };
const PREFIX = "v0=";

export const slackVerifier: Verifier<SlackVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("slack", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("slack", input.headers, [SIGNATURE, TIMESTAMP]);
    if (!Array.isArray(headers)) return headers;
    const [signatureHeader, timestamp] = headers as [string, string];
    const seconds = parseUnixSeconds(timestamp);
    if (seconds === null) return fail("slack", "malformed_header", "X-Slack-Request-Timestamp is not a Unix time in whole seconds");
    if (!signatureHeader.startsWith(PREFIX)) return fail("slack", "malformed_header", "X-Slack-Signature does not start with v0=");
    const signature = decodeHex(signatureHeader.slice(PREFIX.length));
    if (signature === null || signature.length !== DIGEST_BYTES.sha256) {
      return fail("slack", "malformed_header", "X-Slack-Signature is not v0= followed by 64 hex characters");
    }

    const index = matchingSecretIndex(keys, "sha256", signedContent(`v0:${timestamp}:`, input.rawBody), [signature]);
    if (index === -1) {
      return fail("slack", "bad_signature", `The signature matches none of ${secrets.length} secrets (wrong secret, or the body was altered or re-serialised)`);
    }
    const stale = checkTolerance("slack", seconds, input.now, config.toleranceSeconds);
    if (stale) return stale;

    const eventId = jsonStringField(input.rawBody, "event_id");
    return { ok: true, verified: true, scheme: "slack", matchedSecretIndex: index, timestamp: seconds * 1000, ...(eventId && { eventId }) };
  },
};
