// PagerDuty Events API v2: an integration's routing key (secret) and the endpoint, which only changes for
// EU accounts, proxies and tests.
import { z } from "zod";
import { httpUrl, type ChannelInfo } from "../shared/info";
import { redactUrlQuery } from "../shared/redact";

export const PAGERDUTY_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";

export const pagerdutyConfigSchema = z.object({
  routingKey: z
    .string({ error: "Enter the integration's routing key" })
    .trim()
    .regex(/^[A-Za-z0-9]{32}$/, "A routing key is 32 letters and digits (Service → Integrations → Events API v2 → Integration Key)"),
  endpointUrl: httpUrl("Enter a full http:// or https:// URL").default(PAGERDUTY_ENDPOINT),
});
export type PagerDutyConfig = z.infer<typeof pagerdutyConfigSchema>;

export const pagerdutyInfo: ChannelInfo<PagerDutyConfig> = {
  label: "PagerDuty",
  description: "Triggers, acknowledges and resolves one PagerDuty alert per incident (Events API v2)",
  configSchema: pagerdutyConfigSchema,
  secretFields: ["routingKey"],
  defaults: { endpointUrl: PAGERDUTY_ENDPOINT },
  fields: [
    {
      key: "routingKey",
      label: "Routing key",
      type: "password",
      placeholder: "32 characters",
      hint: "Service → Integrations → Events API v2 → Integration Key",
    },
    { key: "endpointUrl", label: "Events endpoint", type: "text", hint: "Change only for an EU account (events.eu.pagerduty.com) or a proxy" },
  ],
  target: (c) => redactUrlQuery(c.endpointUrl),
  destinationFields: ["endpointUrl"],
};
