// The catalogue of webhook verification schemes, keyed by kind: each one's config schema, label and the form's
// hint on where the provider shows its secret or key (each from its folder's config.ts). Zod only, no node:
// imports, so the same schemas validate the API on the server and a settings form in the browser. Secrets are
// never part of a config: they are stored encrypted and passed to the verifier separately (current first, then
// the previous one). The verifiers, which need node:crypto, are registered in ./registry.ts.
import { z } from "zod";
import { bitbucketScheme } from "./bitbucket/config";
import { discordScheme } from "./discord/config";
import { githubScheme } from "./github/config";
import { gitlabScheme } from "./gitlab/config";
import { hmacScheme } from "./hmac-generic/config";
import { noneScheme } from "./none/config";
import { paypalScheme } from "./paypal/config";
import { sendgridScheme } from "./sendgrid/config";
import { sentryScheme } from "./sentry/config";
import { shopifyScheme } from "./shopify/config";
import { slackScheme } from "./slack/config";
import { squareScheme } from "./square/config";
import { standardWebhooksScheme } from "./standard-webhooks/config";
import { stripeScheme } from "./stripe/config";
import { twilioScheme } from "./twilio/config";

export const VERIFICATION_SCHEMES = {
  stripe: stripeScheme,
  github: githubScheme,
  slack: slackScheme,
  standard_webhooks: standardWebhooksScheme,
  hmac: hmacScheme,
  square: squareScheme,
  twilio: twilioScheme,
  sendgrid: sendgridScheme,
  discord: discordScheme,
  gitlab: gitlabScheme,
  bitbucket: bitbucketScheme,
  sentry: sentryScheme,
  shopify: shopifyScheme,
  paypal: paypalScheme,
  none: noneScheme,
} as const;

export type VerificationKind = keyof typeof VERIFICATION_SCHEMES;
export const VERIFICATION_KINDS = Object.keys(VERIFICATION_SCHEMES) as [VerificationKind, ...VerificationKind[]];

type ConfigSchemas = { [K in VerificationKind]: (typeof VERIFICATION_SCHEMES)[K]["configSchema"] };
export const VERIFICATION_CONFIG_SCHEMAS = Object.fromEntries(
  VERIFICATION_KINDS.map((kind) => [kind, VERIFICATION_SCHEMES[kind].configSchema]),
) as ConfigSchemas;

/** A parsed config (defaults filled in) for one kind. */
export type VerificationConfig<K extends VerificationKind> = z.infer<ConfigSchemas[K]>;
/** What a form or the API may send for one kind (defaults still optional). */
export type VerificationConfigInput<K extends VerificationKind> = z.input<ConfigSchemas[K]>;

const variants = VERIFICATION_KINDS.map((kind) => z.object({ kind: z.literal(kind), config: VERIFICATION_CONFIG_SCHEMAS[kind] }));

/** A webhook endpoint's verification setting: the kind and its config, parsed together. */
export const verificationSettingSchema = z.discriminatedUnion("kind", variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]], {
  error: `Unknown verification scheme; expected one of: ${VERIFICATION_KINDS.join(", ")}`,
});
export type VerificationSetting = { [K in VerificationKind]: { kind: K; config: VerificationConfig<K> } }[VerificationKind];
