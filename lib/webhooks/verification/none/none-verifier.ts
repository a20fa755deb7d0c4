// The explicit "no verification" scheme: every request is accepted and the result says it was not verified, so
// the UI can show it and nothing downstream mistakes it for an authenticated delivery. Secrets are ignored.
import type { NoneVerificationConfig } from "./config";
import type { Verifier } from "../types";

export const noneVerifier: Verifier<NoneVerificationConfig> = {
  verify(input, config) {
    const eventId = config.eventIdHeader ? input.headers[config.eventIdHeader]?.trim() : undefined;
    return { ok: true, verified: false, scheme: "none", ...(eventId && { eventId }) };
  },
};
