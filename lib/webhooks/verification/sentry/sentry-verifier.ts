// Sentry integration webhooks: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of the body, keyed by the
// integration's client secret. `Sentry-Hook-Timestamp` is not signed, so it proves nothing and is not checked.
// `Request-ID` identifies the delivery, so it is the event id.
import { bodyHmacVerifier } from "../body-hmac";
import type { SentryVerificationConfig } from "./config";

export const sentryVerifier = bodyHmacVerifier<SentryVerificationConfig>({
  scheme: "sentry",
  signature: { name: "sentry-hook-signature", label: "Sentry-Hook-Signature" },
  prefix: "",
  encoding: "hex",
  eventIdHeader: "request-id",
});
