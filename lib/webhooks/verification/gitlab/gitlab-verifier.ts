// GitLab: `X-Gitlab-Token` carries the secret token itself, compared in constant time (both sides hashed first,
// so neither the length nor a prefix leaks). Nothing is signed, so the token proves only who sent it, not that
// the body is intact; HTTPS carries that. `X-Gitlab-Event-UUID` identifies the event, so it is the event id.
import { createHash } from "node:crypto";
import { fail, requireHeaders, requireKeys } from "../checks";
import { constantTimeEqual, utf8Keys } from "../hmac";
import type { Verifier } from "../types";
import type { GitlabVerificationConfig } from "./config";

const TOKEN = { name: "x-gitlab-token", label: "X-Gitlab-Token" };
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest();

export const gitlabVerifier: Verifier<GitlabVerificationConfig> = {
  verify(input, _config, secrets) {
    const keys = utf8Keys(secrets);
    const noKeys = requireKeys("gitlab", secrets, keys);
    if (noKeys) return noKeys;

    const headers = requireHeaders("gitlab", input.headers, [TOKEN]);
    if (!Array.isArray(headers)) return headers;
    const received = sha256(Buffer.from(headers[0]!, "utf8"));
    // Every secret is compared, with no early exit, so the time taken does not say which one matched.
    let index = -1;
    keys.forEach((secretKeys, i) => {
      for (const key of secretKeys) if (constantTimeEqual(sha256(key), received) && index === -1) index = i;
    });
    if (index === -1) return fail("gitlab", "bad_signature", `X-Gitlab-Token matches none of ${secrets.length} secret tokens`);

    const eventId = input.headers["x-gitlab-event-uuid"]?.trim();
    return { ok: true, verified: true, scheme: "gitlab", matchedSecretIndex: index, ...(eventId && { eventId }) };
  },
};
