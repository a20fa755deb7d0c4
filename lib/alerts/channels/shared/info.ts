// What the catalogue knows about a channel kind, for the API and the form. Pure (zod only), so it ships to the browser.
import { z } from "zod";
import { redactSecretUrl } from "./redact";

export interface ChannelFieldSpec {
  key: string;
  label: string;
  type: "text" | "password" | "number" | "select" | "lines";
  hint?: string;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
}

export interface ChannelInfo<C> {
  label: string;
  description: string;
  configSchema: z.ZodType<C, unknown>;
  /** Stored encrypted, write-only through the API. */
  secretFields: readonly (keyof C & string)[];
  /** Starting values of a new channel's form. */
  defaults: Record<string, unknown>;
  fields: readonly ChannelFieldSpec[];
  /** Where it sends, secrets removed. */
  target(config: C): string;
  /**
   * Fields that decide where the secrets are sent. Changing one needs the secrets typed again, so that someone
   * who may edit (but never read) a channel cannot point a stored password at a server of their own.
   */
  destinationFields?: readonly (keyof C & string)[];
}

/** An http(s) URL, trimmed. */
export function httpUrl(message: string) {
  return z
    .string({ error: message })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: message }));
}

/** Config of a chat service whose webhook URL is itself the credential (Slack, Discord, Teams). */
export function secretUrlSchema(message: string) {
  return z.object({ webhookUrl: httpUrl(message) });
}
export type SecretUrlConfig = z.infer<ReturnType<typeof secretUrlSchema>>;

/** The catalogue entry of such a service: one secret field, shown as scheme, host and first path segment. */
export function secretUrlInfo(
  schema: z.ZodType<SecretUrlConfig, unknown>,
  text: { label: string; description: string; fieldLabel: string; placeholder: string; hint: string },
): ChannelInfo<SecretUrlConfig> {
  return {
    label: text.label,
    description: text.description,
    configSchema: schema,
    secretFields: ["webhookUrl"],
    defaults: {},
    fields: [{ key: "webhookUrl", label: text.fieldLabel, type: "password", placeholder: text.placeholder, hint: text.hint }],
    target: (c) => redactSecretUrl(c.webhookUrl),
  };
}
