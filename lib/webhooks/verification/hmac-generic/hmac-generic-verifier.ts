// The generic HMAC scheme, for senders without a dedicated verifier: a configured header carries
// `${prefix}<signature>` (optionally several, split by a separator), the HMAC of the body or of
// `${timestamp}.${body}` keyed by the secret's UTF-8 bytes, hex or base64. When a timestamp is signed it is
// checked both ways; an unsigned one is refused by the config schema, since checking it would prove nothing.
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import type { HmacVerificationConfig } from "./config";
import { decode } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, signedContent, utf8Keys } from "../hmac";
import type { Verifier } from "../types";

export const hmacVerifier: Verifier<HmacVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("hmac", secrets, keys);
    if (noKeys) return noKeys;

    const wanted = [{ name: config.header, label: config.header }];
    const timestampHeader = config.signedContent === "{timestamp}.{body}" ? config.timestampHeader : undefined;
    if (timestampHeader) wanted.push({ name: timestampHeader, label: timestampHeader });
    const headers = requireHeaders("hmac", input.headers, wanted);
    if (!Array.isArray(headers)) return headers;
    const [signatureHeader, timestamp] = headers as [string, string | undefined];

    let seconds: number | null = null;
    if (timestamp !== undefined) {
      seconds = parseUnixSeconds(timestamp);
      if (seconds === null) return fail("hmac", "malformed_header", `${timestampHeader} is not a Unix time in whole seconds`);
    }

    const parts = config.separator === undefined ? [signatureHeader] : signatureHeader.split(config.separator).map((p) => p.trim());
    const expectedBytes = DIGEST_BYTES[config.algorithm];
    const candidates = parts
      .filter((part) => part.startsWith(config.prefix))
      .map((part) => decode(config.encoding, part.slice(config.prefix.length)))
      .filter((b): b is Buffer => b !== null && b.length === expectedBytes);
    if (candidates.length === 0) {
      const shape = `${config.prefix}<${config.encoding} of ${expectedBytes} bytes>`;
      return fail("hmac", "malformed_header", `${config.header} does not hold a signature shaped ${shape}`);
    }

    const content = timestamp === undefined ? input.rawBody : signedContent(`${timestamp}.`, input.rawBody);
    const index = matchingSecretIndex(keys, config.algorithm, content, candidates);
    if (index === -1) {
      return fail(
        "hmac",
        "bad_signature",
        `None of ${candidates.length} signatures matches any of ${secrets.length} secrets (wrong secret, algorithm or signed content, or the body was altered or re-serialised)`,
      );
    }
    if (seconds !== null) {
      const stale = checkTolerance("hmac", seconds, input.now, config.toleranceSeconds);
      if (stale) return stale;
    }

    const eventId = config.eventIdHeader ? input.headers[config.eventIdHeader]?.trim() : undefined;
    return {
      ok: true,
      verified: true,
      scheme: "hmac",
      matchedSecretIndex: index,
      ...(seconds !== null && { timestamp: seconds * 1000 }),
      ...(eventId && { eventId }),
    };
  },
};
