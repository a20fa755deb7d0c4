// Every verification scheme's verifier, keyed by kind: a kind in the catalogue (./config.ts) without a verifier
// (or with one for the wrong config) is a compile error. `verify` is the one entry point the webhook receiver calls.
import type { VerificationConfig, VerificationKind } from "./config";
import { bitbucketVerifier } from "./bitbucket/bitbucket-verifier";
import { discordVerifier } from "./discord/discord-verifier";
import { githubVerifier } from "./github/github-verifier";
import { gitlabVerifier } from "./gitlab/gitlab-verifier";
import { hmacVerifier } from "./hmac-generic/hmac-generic-verifier";
import { noneVerifier } from "./none/none-verifier";
import { paypalVerifier } from "./paypal/paypal-verifier";
import { sendgridVerifier } from "./sendgrid/sendgrid-verifier";
import { sentryVerifier } from "./sentry/sentry-verifier";
import { shopifyVerifier } from "./shopify/shopify-verifier";
import { slackVerifier } from "./slack/slack-verifier";
import { squareVerifier } from "./square/square-verifier";
import { standardWebhooksVerifier } from "./standard-webhooks/standard-webhooks-verifier";
import { stripeVerifier } from "./stripe/stripe-verifier";
import { twilioVerifier } from "./twilio/twilio-verifier";
import type { ProviderAnswer, RemoteContext, RemoteVerifier, VerificationInput, VerificationResult, Verifier } from "./types";

export type VerifierRegistry = { [K in VerificationKind]: Verifier<VerificationConfig<K>> | RemoteVerifier<VerificationConfig<K>> };

export const verifiers = {
  stripe: stripeVerifier,
  github: githubVerifier,
  slack: slackVerifier,
  standard_webhooks: standardWebhooksVerifier,
  hmac: hmacVerifier,
  square: squareVerifier,
  twilio: twilioVerifier,
  sendgrid: sendgridVerifier,
  discord: discordVerifier,
  gitlab: gitlabVerifier,
  bitbucket: bitbucketVerifier,
  sentry: sentryVerifier,
  shopify: shopifyVerifier,
  paypal: paypalVerifier,
  none: noneVerifier,
} satisfies VerifierRegistry;

/** The receiver's context when it has none to give (tests, and schemes that never ask): asking for the network fails. */
const OFFLINE: RemoteContext = {
  dispatcher() {
    throw new Error("This verification needs the network, and no outbound dispatcher was given");
  },
};

/**
 * `config` must already be parsed with the kind's schema (defaults filled in); see verificationSettingSchema.
 * Settles with a result and never rejects; most schemes answer at once, a remote one (PayPal) after its postback.
 */
export async function verify<K extends VerificationKind>(
  kind: K,
  input: VerificationInput,
  config: VerificationConfig<K>,
  secrets: readonly string[],
  ctx: RemoteContext = OFFLINE,
): Promise<VerificationResult> {
  // Widened to the mapped type so indexing by a generic K yields the verifier for K's own config.
  const registry: VerifierRegistry = verifiers;
  return registry[kind].verify(input, config, secrets, ctx);
}

/** The answer the kind's provider requires for this verified delivery instead of ours, or null (see Verifier.answer). */
export function providerAnswer(kind: VerificationKind, rawBody: Buffer): ProviderAnswer | null {
  const registry: VerifierRegistry = verifiers;
  return registry[kind].answer?.(rawBody) ?? null;
}
