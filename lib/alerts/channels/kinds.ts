// The catalogue of channel kinds: each one's config schema, secret fields, form fields and target line. Pure
// (zod only), so the API validates with it on the server and the form renders from it in the browser. The
// senders, which need Node, are registered separately in ./registry.ts.
import type { z } from "zod";
import { discordInfo } from "./discord/config";
import { emailInfo } from "./email/config";
import { pagerdutyInfo } from "./pagerduty/config";
import { slackInfo } from "./slack/config";
import { teamsInfo } from "./teams/config";
import { webhookInfo } from "./webhook/config";

export const CHANNEL_INFO = {
  slack: slackInfo,
  discord: discordInfo,
  teams: teamsInfo,
  email: emailInfo,
  pagerduty: pagerdutyInfo,
  webhook: webhookInfo,
} as const;

export type ChannelKind = keyof typeof CHANNEL_INFO;
export const CHANNEL_KINDS = Object.keys(CHANNEL_INFO) as [ChannelKind, ...ChannelKind[]];
export type ChannelConfig<K extends ChannelKind> = z.infer<(typeof CHANNEL_INFO)[K]["configSchema"]>;
