// GitHub: `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the body alone keyed by the secret's UTF-8
// bytes. Nothing is timestamped, so a captured delivery replays forever: the receiver must de-duplicate on
// `X-GitHub-Delivery`, which GitHub keeps across redeliveries. The legacy SHA-1 header is not accepted.
import { fail, requireHeaders, requireKeys } from "../checks";
import type { GithubVerificationConfig } from "./config";
import { decodeHex } from "../encoding";
import { DIGEST_BYTES, matchingSecretIndex, utf8Keys } from "../hmac";
import type { Verifier } from "../types";

const SIGNATURE = { name: "x-hub-signature-256", label: "X-Hub-Signature-256" };
const PREFIX = "sha256=";

export const githubVerifier: Verifier<GithubVerificationConfig> = {
  verify(input, _config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("github", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("github", input.headers, [SIGNATURE]);
    if (!Array.isArray(headers)) return headers;
    const value = headers[0]!;
    if (!value.startsWith(PREFIX)) return fail("github", "malformed_header", "X-Hub-Signature-256 does not start with sha256=");
    const signature = decodeHex(value.slice(PREFIX.length));
    if (signature === null || signature.length !== DIGEST_BYTES.sha256) {
      return fail("github", "malformed_header", "X-Hub-Signature-256 is not sha256= followed by 64 hex characters");
    }

    const index = matchingSecretIndex(keys, "sha256", input.rawBody, [signature]);
    if (index === -1) {
      return fail(
        "github",
        "bad_signature",
        `The signature matches none of ${secrets.length} secrets (wrong secret, or the body was altered or re-serialised)`,
      );
    }
    const delivery = input.headers["x-github-delivery"]?.trim();
    return { ok: true, verified: true, scheme: "github", matchedSecretIndex: index, ...(delivery && { eventId: delivery }) };
  },
};
