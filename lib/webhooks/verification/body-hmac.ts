// The shape most providers share: one header holding `${prefix}<hex or base64>`, an HMAC-SHA256 of the body alone
// keyed by the secret's UTF-8 bytes, and a delivery-id header to de-duplicate on. Nothing is timestamped, so a
// captured delivery replays until the receiver's de-duplication stops it. GitHub, Bitbucket, Sentry and Shopify
// are this shape with their own header names.
import { fail, requireHeaders, requireKeys } from "./checks";
import type { VerificationKind } from "./config";
import { decode } from "./encoding";
import type { SignatureEncoding } from "./fields";
import { DIGEST_BYTES, matchingSecretIndex, utf8Keys } from "./hmac";
import type { Verifier } from "./types";

export interface BodyHmacScheme {
  scheme: Exclude<VerificationKind, "none">;
  /** The signature header: `name` lower-cased, `label` as the provider spells it. */
  signature: { name: string; label: string };
  prefix: string;
  encoding: SignatureEncoding;
  /** The provider's delivery or event id header, lower-cased. */
  eventIdHeader: string;
}

const SHAPE: Record<SignatureEncoding, string> = { hex: "64 hex characters", base64: "the base64 of 32 bytes" };

export function bodyHmacVerifier<Config>({ scheme, signature, prefix, encoding, eventIdHeader }: BodyHmacScheme): Verifier<Config> {
  const label = signature.label;
  return {
    verify(input, _config, secrets) {
      const keys = utf8Keys(secrets);
      const noKeys = requireKeys(scheme, secrets, keys);
      if (noKeys) return noKeys;

      const headers = requireHeaders(scheme, input.headers, [signature]);
      if (!Array.isArray(headers)) return headers;
      const value = headers[0]!;
      if (!value.startsWith(prefix)) return fail(scheme, "malformed_header", `${label} does not start with ${prefix}`);
      const received = decode(encoding, value.slice(prefix.length));
      if (received === null || received.length !== DIGEST_BYTES.sha256) {
        return fail(scheme, "malformed_header", prefix ? `${label} is not ${prefix} followed by ${SHAPE[encoding]}` : `${label} is not ${SHAPE[encoding]}`);
      }

      const index = matchingSecretIndex(keys, "sha256", input.rawBody, [received]);
      if (index === -1) {
        return fail(
          scheme,
          "bad_signature",
          `The signature matches none of ${secrets.length} secrets (wrong secret, or the body was altered or re-serialised)`,
        );
      }
      const eventId = input.headers[eventIdHeader]?.trim();
      return { ok: true, verified: true, scheme, matchedSecretIndex: index, ...(eventId && { eventId }) };
    },
  };
}
