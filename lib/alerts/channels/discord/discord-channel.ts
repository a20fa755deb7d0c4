// Discord webhook: one embed (title, summary, colour, facts as inline fields, link, timestamp). Mentions are
// disabled, so a rule or integration name can never ping anyone.
import type { AlertNotification, ChannelImpl } from "../../notification";
import { postJson } from "../shared/http-send";
import { clip, colour, facts, title } from "../shared/message";
import { discordInfo, type DiscordConfig } from "./config";

export function discordMessage(n: AlertNotification) {
  return {
    username: "Tether",
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: clip(title(n), 256),
        description: clip(n.summary, 4_096),
        url: n.url,
        color: Number.parseInt(colour(n).slice(1), 16),
        timestamp: n.resolvedAt ?? n.startedAt,
        fields: facts(n).map((f) => ({ name: f.label, value: clip(f.value, 1_024), inline: true })),
        footer: { text: clip(`Tether · ${n.dedupKey}`, 2_048) },
      },
    ],
  };
}

export const discordChannel: ChannelImpl<DiscordConfig> = {
  ...discordInfo,
  async send(config, n, ctx) {
    // 204 No Content without ?wait=true, 200 with it; 429 carries Retry-After.
    return postJson(config.webhookUrl, JSON.stringify(discordMessage(n)), { ctx, target: discordInfo.target(config), secrets: [config.webhookUrl] });
  },
};
