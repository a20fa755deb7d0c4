// Bitbucket Cloud: `X-Hub-Signature: sha256=<hex>`, an HMAC-SHA256 of the body alone keyed by the webhook's
// secret (its UTF-8 bytes). `X-Request-UUID` identifies the delivery, so it is the event id.
import { bodyHmacVerifier } from "../body-hmac";
import type { BitbucketVerificationConfig } from "./config";

export const bitbucketVerifier = bodyHmacVerifier<BitbucketVerificationConfig>({
  scheme: "bitbucket",
  signature: { name: "x-hub-signature", label: "X-Hub-Signature" },
  prefix: "sha256=",
  encoding: "hex",
  eventIdHeader: "x-request-uuid",
});
