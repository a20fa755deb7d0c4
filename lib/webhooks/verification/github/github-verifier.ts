// GitHub: `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the body alone keyed by the secret's UTF-8
// bytes. Nothing is timestamped, so a captured delivery replays forever: the receiver must de-duplicate on
// `X-GitHub-Delivery`, which GitHub keeps across redeliveries. The legacy SHA-1 header is not accepted.
import { bodyHmacVerifier } from "../body-hmac";
import type { GithubVerificationConfig } from "./config";

export const githubVerifier = bodyHmacVerifier<GithubVerificationConfig>({
  scheme: "github",
  signature: { name: "x-hub-signature-256", label: "X-Hub-Signature-256" },
  prefix: "sha256=",
  encoding: "hex",
  eventIdHeader: "x-github-delivery",
});
