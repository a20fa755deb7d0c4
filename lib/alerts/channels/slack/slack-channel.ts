// Slack incoming webhook: a Block Kit message. The header and `text` (the notification fallback) sit at the top;
// the facts, the link and the context go in an attachment whose colour bar says firing, resolved or test.
import type { AlertNotification, ChannelImpl } from "../../notification";
import { postJson } from "../shared/http-send";
import { clip, colour, facts, headline, title } from "../shared/message";
import { slackInfo, type SlackConfig } from "./config";

/** Slack's mrkdwn needs only these three escaped. */
const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `<!date^…>` shows a time in each reader's own time zone, with the ISO text as the fallback. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return Number.isNaN(seconds) ? esc(iso) : `<!date^${seconds}^{date_short_pretty} {time}|${esc(iso)}>`;
}

export function slackMessage(n: AlertNotification) {
  const fields = facts(n).map((f) => ({
    type: "mrkdwn",
    text: clip(`*${f.label}*\n${f.label === "Started" || f.label === "Resolved" ? slackDate(f.value) : esc(f.value)}`, 2_000),
  }));
  return {
    text: clip(headline(n), 3_000),
    blocks: [{ type: "header", text: { type: "plain_text", text: clip(title(n), 150), emoji: true } }],
    attachments: [
      {
        color: colour(n),
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: clip(esc(n.summary), 3_000) }, fields: fields.slice(0, 10) },
          {
            type: "actions",
            elements: [
              { type: "button", text: { type: "plain_text", text: n.incidentId ? "Open incident" : "Open Tether" }, url: n.url, action_id: "open_incident" },
            ],
          },
          { type: "context", elements: [{ type: "mrkdwn", text: clip(`Tether · ${esc(n.dedupKey)}`, 3_000) }] },
        ],
      },
    ],
  };
}

export const slackChannel: ChannelImpl<SlackConfig> = {
  ...slackInfo,
  async send(config, n, ctx) {
    // Slack answers 200 "ok"; failures are 4xx with a reason in the body (invalid_payload, no_service...).
    return postJson(config.webhookUrl, JSON.stringify(slackMessage(n)), { ctx, target: slackInfo.target(config), secrets: [config.webhookUrl] });
  },
};
