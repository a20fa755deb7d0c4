// PagerDuty Events API v2: firing and reminders trigger, acknowledgements acknowledge, resolutions resolve, all
// under the notification's dedup key, so one Tether incident is one PagerDuty alert. A test triggers an alert
// under its own key. The routing key is in the body, so the recorded request shows it redacted.
import type { AlertNotification, ChannelImpl, NotificationEvent } from "../../notification";
import { REDACTED, postJson } from "../shared/http-send";
import { clip } from "../shared/message";
import { pagerdutyInfo, type PagerDutyConfig } from "./config";

const ACTION: Record<NotificationEvent, "trigger" | "acknowledge" | "resolve"> = {
  firing: "trigger",
  reminder: "trigger",
  test: "trigger",
  acknowledged: "acknowledge",
  resolved: "resolve",
};

export function pagerdutyEvent(routingKey: string, n: AlertNotification) {
  const action = ACTION[n.event];
  const base = { routing_key: routingKey, event_action: action, dedup_key: n.dedupKey };
  // Acknowledge and resolve need only the key; a payload there is ignored by PagerDuty.
  if (action !== "trigger") return base;
  return {
    ...base,
    payload: {
      summary: clip(n.summary, 1_024),
      source: n.integration?.name ?? "Tether",
      severity: n.rule.severity,
      timestamp: n.startedAt,
      component: n.integration?.name,
      class: n.rule.name,
      custom_details: {
        event: n.event,
        rule: n.rule.name,
        integration: n.integration?.name ?? null,
        value: n.value,
        threshold: n.threshold,
        incident_id: n.incidentId,
      },
    },
    links: [{ href: n.url, text: n.incidentId ? "Incident in Tether" : "Tether" }],
    client: "Tether",
    client_url: n.url,
  };
}

export const pagerdutyChannel: ChannelImpl<PagerDutyConfig> = {
  ...pagerdutyInfo,
  async send(config, n, ctx) {
    const event = pagerdutyEvent(config.routingKey, n);
    return postJson(config.endpointUrl, JSON.stringify(event), {
      ctx,
      target: pagerdutyInfo.target(config),
      secrets: [config.routingKey],
      // PagerDuty answers 202 Accepted; 400 is a malformed event, 429 a rate limit.
      ok: (status) => status === 202 || status === 200,
      requestExcerpt: JSON.stringify({ ...event, routing_key: REDACTED }),
    });
  },
};
