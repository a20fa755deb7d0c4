// Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=...]`, each v1 an HMAC-SHA256 of
// `${t}.${body}` keyed by the endpoint secret's UTF-8 bytes (the `whsec_` is part of the key, not base64).
// Stripe sends several v1 values while it rolls a secret; other schemes (v0 is for test mode) are ignored.
// Unlike Stripe's SDK, the timestamp is also refused when too far in the future.
import { createHmac } from "node:crypto";
import { jsonStringField } from "../body-event-id";
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import type { StripeVerificationConfig } from "./config";
import { decodeHex } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, signedContent, utf8Keys } from "../hmac";
import type { Verifier } from "../types";

const HEADER = { name: "stripe-signature", label: "Stripe-Signature" };

type Parsed = { timestamp: string; signatures: string[] } | { error: string };

function parseHeader(value: string): Parsed {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of value.split(",")) {
    const eq = item.indexOf("=");
    if (eq <= 0) return { error: "Stripe-Signature has an entry that is not key=value" };
    const key = item.slice(0, eq).trim();
    const itemValue = item.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== undefined) return { error: "Stripe-Signature has more than one t=" };
      timestamp = itemValue;
    } else if (key === "v1") {
      signatures.push(itemValue);
    }
  }
  if (timestamp === undefined) return { error: "Stripe-Signature has no t= timestamp" };
  return { timestamp, signatures };
}

export const stripeVerifier: Verifier<StripeVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("stripe", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("stripe", input.headers, [HEADER]);
    if (!Array.isArray(headers)) return headers;
    const parsed = parseHeader(headers[0]!);
    if ("error" in parsed) return fail("stripe", "malformed_header", parsed.error);
    const seconds = parseUnixSeconds(parsed.timestamp);
    if (seconds === null) return fail("stripe", "malformed_header", "Stripe-Signature t= is not a Unix time in whole seconds");
    if (parsed.signatures.length === 0) return fail("stripe", "malformed_header", "Stripe-Signature has no v1= signature");

    // A malformed v1 next to a good one is skipped, as Stripe's SDK would; only all-malformed is a header problem.
    const candidates = parsed.signatures.map(decodeHex).filter((b): b is Buffer => b !== null && b.length === DIGEST_BYTES.sha256);
    if (candidates.length === 0) {
      return fail("stripe", "malformed_header", "No Stripe-Signature v1= value is 64 hex characters");
    }

    const index = matchingSecretIndex(keys, "sha256", signedContent(`${parsed.timestamp}.`, input.rawBody), candidates);
    if (index === -1) {
      return fail(
        "stripe",
        "bad_signature",
        `None of ${candidates.length} v1 signatures matches any of ${secrets.length} secrets (wrong secret, or the body was altered or re-serialised)`,
      );
    }
    const stale = checkTolerance("stripe", seconds, input.now, config.toleranceSeconds);
    if (stale) return stale;

    const eventId = jsonStringField(input.rawBody, "id");
    return { ok: true, verified: true, scheme: "stripe", matchedSecretIndex: index, timestamp: seconds * 1000, ...(eventId && { eventId }) };
  },
};

/** The Stripe-Signature header Stripe would send for `body` at `timestampSeconds` (the demo sender signs with it). */
export function signStripePayload(secret: string, body: string | Buffer, timestampSeconds: number): string {
  const v1 = createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(signedContent(`${timestampSeconds}.`, Buffer.from(body)))
    .digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}
