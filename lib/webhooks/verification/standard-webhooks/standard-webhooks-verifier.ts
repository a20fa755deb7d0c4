// Standard Webhooks (https://www.standardwebhooks.com, the scheme Svix sends): `webhook-signature` is a
// space-delimited list of `v1,<base64>` entries, each an HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}`
// keyed by the secret's bytes (base64 after an optional `whsec_`). Svix sends the same headers prefixed `svix-`
// unless white-labelled, so both spellings are read, never mixed. Asymmetric `v1a` entries are not supported and
// are skipped like any other unknown version. webhook-id stays the same across retries: it is the event id.
import { createHmac } from "node:crypto";
import { checkTolerance, fail, parseUnixSeconds, requireHeaders, requireKeys } from "../checks";
import type { StandardWebhooksVerificationConfig } from "./config";
import { decodeBase64 } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, signedContent } from "../hmac";
import type { Verifier } from "../types";

const SECRET_PREFIX = "whsec_";

/** The HMAC keys a secret string may stand for; see STANDARD_WEBHOOKS_SECRET_FORMATS in ./config. */
export function standardWebhooksKeys(secret: string, format: StandardWebhooksVerificationConfig["secretFormat"]): Buffer[] {
  if (secret.length === 0) return [];
  const prefixed = secret.startsWith(SECRET_PREFIX);
  const decoded = decodeBase64(prefixed ? secret.slice(SECRET_PREFIX.length) : secret);
  const base64 = decoded && decoded.length > 0 ? [decoded] : [];
  const raw = [Buffer.from(secret, "utf8")];
  if (format === "base64") return base64;
  if (format === "raw") return raw;
  return prefixed ? base64 : [...base64, ...raw];
}

export interface StandardWebhooksHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs a message as a Standard Webhooks sender does (Tether's own outbound webhooks): the three headers to send
 * with exactly these body bytes. `secret` is `whsec_<base64>`; `timestamp` is in Unix seconds.
 */
export function signStandardWebhook(message: { id: string; timestamp: number; body: string | Buffer; secret: string }): StandardWebhooksHeaders {
  const [key] = standardWebhooksKeys(message.secret, "base64");
  if (!key) throw new Error("A Standard Webhooks secret is whsec_ followed by base64");
  const body = typeof message.body === "string" ? Buffer.from(message.body, "utf8") : message.body;
  const signature = createHmac("sha256", key)
    .update(signedContent(`${message.id}.${message.timestamp}.`, body))
    .digest("base64");
  return { "webhook-id": message.id, "webhook-timestamp": String(message.timestamp), "webhook-signature": `v1,${signature}` };
}

const PARTS = ["id", "timestamp", "signature"] as const;

/** The unbranded headers if any is present, else Svix's if any is, so a missing one is named in the sender's spelling. */
function headerNames(headers: Record<string, string | undefined>) {
  const present = (brand: string) => PARTS.some((part) => headers[`${brand}-${part}`] !== undefined);
  const brand = !present("webhook") && present("svix") ? "svix" : "webhook";
  return PARTS.map((part) => ({ name: `${brand}-${part}`, label: `${brand}-${part}` }));
}

export const standardWebhooksVerifier: Verifier<StandardWebhooksVerificationConfig> = {
  verify(input, config, secrets) {
    const keys = secrets.map((secret) => standardWebhooksKeys(secret, config.secretFormat));
    const noKeys = requireKeys("standard_webhooks", secrets, keys);
    if (noKeys) return noKeys;

    const names = headerNames(input.headers);
    const headers = requireHeaders("standard_webhooks", input.headers, names);
    if (!Array.isArray(headers)) return headers;
    const [id, timestamp, signatureList] = headers as [string, string, string];
    const [, timestampLabel, signatureLabel] = names.map((n) => n.label) as [string, string, string];

    const seconds = parseUnixSeconds(timestamp);
    if (seconds === null) return fail("standard_webhooks", "malformed_header", `${timestampLabel} is not a Unix time in whole seconds`);

    const entries = signatureList.split(" ").filter((entry) => entry !== "");
    const v1 = entries.filter((entry) => entry.startsWith("v1,")).map((entry) => entry.slice("v1,".length));
    if (v1.length === 0) {
      return fail("standard_webhooks", "malformed_header", `${signatureLabel} has no v1,<base64> entry (found ${entries.length} other entries)`);
    }
    // A malformed entry next to a good one is skipped, as the reference libraries do.
    const candidates = v1.map(decodeBase64).filter((b): b is Buffer => b !== null && b.length === DIGEST_BYTES.sha256);
    if (candidates.length === 0) {
      return fail("standard_webhooks", "malformed_header", `No ${signatureLabel} v1 entry is a 32-byte base64 signature`);
    }

    const index = matchingSecretIndex(keys, "sha256", signedContent(`${id}.${timestamp}.`, input.rawBody), candidates);
    if (index === -1) {
      return fail(
        "standard_webhooks",
        "bad_signature",
        `None of ${candidates.length} v1 signatures matches any of ${secrets.length} secrets (wrong secret, or the body was altered or re-serialised)`,
      );
    }
    const stale = checkTolerance("standard_webhooks", seconds, input.now, config.toleranceSeconds);
    if (stale) return stale;

    return { ok: true, verified: true, scheme: "standard_webhooks", matchedSecretIndex: index, timestamp: seconds * 1000, eventId: id };
  },
};
