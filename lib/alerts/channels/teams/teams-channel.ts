// Microsoft Teams: a message carrying one Adaptive Card 1.4 (title coloured by event, summary, a FactSet, a
// button to the incident), the format both Workflows webhooks and the older incoming webhooks accept.
import type { AlertNotification, ChannelImpl } from "../../notification";
import { postJson } from "../shared/http-send";
import { facts, title } from "../shared/message";
import { teamsInfo, type TeamsConfig } from "./config";

/** Adaptive Cards name colours, not hex values. */
function cardColour(n: AlertNotification): "Attention" | "Warning" | "Good" | "Accent" | "Default" {
  if (n.event === "resolved") return "Good";
  if (n.event === "test") return "Default";
  if (n.event === "acknowledged") return "Accent";
  return n.rule.severity === "critical" ? "Attention" : n.rule.severity === "warning" ? "Warning" : "Accent";
}

export function teamsMessage(n: AlertNotification) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            { type: "TextBlock", text: title(n), weight: "Bolder", size: "Medium", color: cardColour(n), wrap: true },
            { type: "TextBlock", text: n.summary, wrap: true },
            { type: "FactSet", facts: facts(n).map((f) => ({ title: f.label, value: f.value })) },
          ],
          actions: [{ type: "Action.OpenUrl", title: n.incidentId ? "Open incident" : "Open Tether", url: n.url }],
        },
      },
    ],
  };
}

export const teamsChannel: ChannelImpl<TeamsConfig> = {
  ...teamsInfo,
  async send(config, n, ctx) {
    // Workflows answer 202 Accepted, the older connectors 200 "1".
    return postJson(config.webhookUrl, JSON.stringify(teamsMessage(n)), { ctx, target: teamsInfo.target(config), secrets: [config.webhookUrl] });
  },
};
