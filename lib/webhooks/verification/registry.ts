// Every verification scheme's verifier, keyed by kind: a kind in the catalogue (./config.ts) without a verifier
// (or with one for the wrong config) is a compile error. `verify` is the one entry point the webhook receiver calls.
import type { VerificationConfig, VerificationKind } from "./config";
import { githubVerifier } from "./github/github-verifier";
import { hmacVerifier } from "./hmac-generic/hmac-generic-verifier";
import { noneVerifier } from "./none/none-verifier";
import { slackVerifier } from "./slack/slack-verifier";
import { standardWebhooksVerifier } from "./standard-webhooks/standard-webhooks-verifier";
import { stripeVerifier } from "./stripe/stripe-verifier";
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
