// Every channel sender, keyed by kind: a kind in the catalogue (./kinds.ts) without a sender is a compile error.
import type { ChannelImpl } from "../notification";
import type { ChannelConfig, ChannelKind } from "./kinds";
import { discordChannel } from "./discord/discord-channel";
import { emailChannel } from "./email/email-channel";
import { pagerdutyChannel } from "./pagerduty/pagerduty-channel";
import { slackChannel } from "./slack/slack-channel";
import { teamsChannel } from "./teams/teams-channel";
import { webhookChannel } from "./webhook/webhook-channel";

export const channels = {
  slack: slackChannel,
  discord: discordChannel,
  teams: teamsChannel,
  email: emailChannel,
  pagerduty: pagerdutyChannel,
  webhook: webhookChannel,
} satisfies { [K in ChannelKind]: ChannelImpl<ChannelConfig<K>> };
