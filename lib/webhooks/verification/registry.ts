// Every verification scheme, keyed by kind: a kind in ./config without a verifier (or with one for the wrong
// config) is a compile error. `verify` is the one entry point the webhook receiver calls.
import type { VerificationConfig, VerificationKind } from "./config";
import { githubVerifier } from "./github";
import { hmacVerifier } from "./hmac-generic";
import { noneVerifier } from "./none";
import { slackVerifier } from "./slack";
import { standardWebhooksVerifier } from "./standard-webhooks";
import { stripeVerifier } from "./stripe";
import type { VerificationInput, VerificationResult, Verifier } from "./types";

export type VerifierRegistry = { [K in VerificationKind]: Verifier<VerificationConfig<K>> };

export const verifiers = {
  stripe: stripeVerifier,
  github: githubVerifier,
  slack: slackVerifier,
  standard_webhooks: standardWebhooksVerifier,
  hmac: hmacVerifier,
  none: noneVerifier,
} satisfies VerifierRegistry;

/** `config` must already be parsed with the kind's schema (defaults filled in); see verificationSettingSchema. */
export function verify<K extends VerificationKind>(
  kind: K,
  input: VerificationInput,
  config: VerificationConfig<K>,
  secrets: readonly string[],
): VerificationResult {
  // Widened to the mapped type so indexing by a generic K yields the verifier for K's own config.
  const registry: VerifierRegistry = verifiers;
  return registry[kind].verify(input, config, secrets);
}
