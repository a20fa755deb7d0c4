// Square: `x-square-hmacsha256-signature` is the base64 HMAC-SHA256 of the notification URL followed by the body,
// keyed by the subscription's signature key (its UTF-8 bytes). The URL is the one Square was given, from the
// source's settings: behind a proxy the receiver cannot know it. Nothing is timestamped; the body's `event_id`
// stays the same across Square's retries, so it is the event id.
import { jsonStringField } from "../body-event-id";
import { fail, requireHeaders, requireKeys } from "../checks";
import { decodeBase64 } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, signedContent, utf8Keys } from "../hmac";
import type { Verifier } from "../types";
import type { SquareVerificationConfig } from "./config";

const SIGNATURE = { name: "x-square-hmacsha256-signature", label: "x-square-hmacsha256-signature" };

export const squareVerifier: Verifier<SquareVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("square", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("square", input.headers, [SIGNATURE]);
    if (!Array.isArray(headers)) return headers;
    const signature = decodeBase64(headers[0]!);
    if (signature === null || signature.length !== DIGEST_BYTES.sha256) {
      return fail("square", "malformed_header", `${SIGNATURE.label} is not the base64 of 32 bytes`);
    }

    const index = matchingSecretIndex(keys, "sha256", signedContent(config.notificationUrl, input.rawBody), [signature]);
    if (index === -1) {
      return fail(
        "square",
        "bad_signature",
        `The signature matches none of ${secrets.length} keys (wrong signature key or notification URL, or the body was altered or re-serialised)`,
      );
    }
    const eventId = jsonStringField(input.rawBody, "event_id");
    return { ok: true, verified: true, scheme: "square", matchedSecretIndex: index, ...(eventId && { eventId }) };
  },
};
