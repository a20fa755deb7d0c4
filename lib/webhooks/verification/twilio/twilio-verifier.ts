// Twilio: `X-Twilio-Signature` is the base64 HMAC-SHA1 (the Auth Token's UTF-8 bytes as key) of the full URL
// Twilio requested followed by each form parameter's name and value, sorted by name (a repeated name's values
// de-duplicated and sorted, as the `twilio` package does). A JSON body is signed instead through the URL: Twilio
// adds `bodySHA256=<hex SHA-256 of the body>` to the query and signs the URL alone. Nothing is timestamped;
// `I-Twilio-Idempotency-Token` stays the same across Twilio's retries, so it is the event id.
import { createHash } from "node:crypto";
import { fail, requireHeaders, requireKeys } from "../checks";
import { decodeBase64, decodeHex } from "../encoding";
import { constantTimeEqual, DIGEST_BYTES, matchingSecretIndex, utf8Keys } from "../hmac";
import type { Verifier } from "../types";
import type { TwilioVerificationConfig } from "./config";

const SIGNATURE = { name: "x-twilio-signature", label: "X-Twilio-Signature" };
const IDEMPOTENCY = "i-twilio-idempotency-token";

/** The form parameters as Twilio appends them to the URL: name then value, by name in code-unit order. */
export function twilioParamString(form: URLSearchParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of form) byName.set(name, [...(byName.get(name) ?? []), value]);
  return [...byName.keys()]
    .sort()
    .map((name) => {
      const values = byName.get(name)!;
      return (values.length === 1 ? values : [...new Set(values)].sort()).map((value) => name + value).join("");
    })
    .join("");
}

export const twilioVerifier: Verifier<TwilioVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("twilio", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("twilio", input.headers, [SIGNATURE]);
    if (!Array.isArray(headers)) return headers;
    const signature = decodeBase64(headers[0]!);
    if (signature === null || signature.length !== DIGEST_BYTES[config.algorithm]) {
      return fail("twilio", "malformed_header", `X-Twilio-Signature is not the base64 of ${DIGEST_BYTES[config.algorithm]} bytes (${config.algorithm})`);
    }

    const query = input.query ?? "";
    const url = query ? `${config.url}?${query}` : config.url;
    const bodyHash = new URLSearchParams(query).get("bodySHA256");
    const content = bodyHash === null ? url + twilioParamString(new URLSearchParams(input.rawBody.toString("utf8"))) : url;
    const index = matchingSecretIndex(keys, config.algorithm, Buffer.from(content, "utf8"), [signature]);
    if (index === -1) {
      return fail(
        "twilio",
        "bad_signature",
        `The signature matches none of ${secrets.length} tokens (wrong Auth Token or URL, or the parameters were altered)`,
      );
    }
    if (bodyHash !== null) {
      const expected = createHash("sha256").update(input.rawBody).digest();
      const received = decodeHex(bodyHash);
      if (received === null || !constantTimeEqual(expected, received)) {
        return fail("twilio", "bad_signature", "The body does not match the signed bodySHA256 (the body was altered or re-serialised)");
      }
    }
    const eventId = input.headers[IDEMPOTENCY]?.trim();
    return { ok: true, verified: true, scheme: "twilio", matchedSecretIndex: index, ...(eventId && { eventId }) };
  },
};
