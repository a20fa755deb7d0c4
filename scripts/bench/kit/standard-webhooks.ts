// Standard Webhooks deliveries signed as a sender signs them (HMAC-SHA256 over "id.timestamp.body" with the
// base64 key after "whsec_"), independently of the code under test, for the benchmark and the crash test.
import { createHmac, randomBytes } from "node:crypto";

/** A fresh signing secret in the scheme's own format. */
export const newSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

/** The headers of one delivery of `body`; `at` is its timestamp in seconds (now by default). */
export function signedHeaders(secret: string, id: string, body: string, at = Math.floor(Date.now() / 1000)) {
  const signature = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
    .update(`${id}.${at}.${body}`)
    .digest("base64");
  return { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${signature}` };
}
