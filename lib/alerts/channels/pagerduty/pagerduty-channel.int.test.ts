import { describe, expect, it } from "vitest";
import { leaks, sampleNotification, sendContext, startReceiver } from "../shared/testing";
import { pagerdutyConfigSchema, PAGERDUTY_ENDPOINT } from "./config";
import { pagerdutyChannel } from "./pagerduty-channel";

const ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

describe("pagerduty channel", () => {
  it("defaults to PagerDuty's endpoint and refuses a malformed routing key", () => {
    expect(pagerdutyConfigSchema.parse({ routingKey: ROUTING_KEY }).endpointUrl).toBe(PAGERDUTY_ENDPOINT);
    expect(pagerdutyConfigSchema.safeParse({ routingKey: "short" }).error?.issues[0]?.message).toMatch(/32 letters and digits/);
  });

  it("triggers with the exact Events v2 body and takes 202 as delivered", async () => {
    const rx = await startReceiver({ status: 202, body: '{"status":"success","message":"Event processed","dedup_key":"tether:rule-1:int-1"}' });
    const config = pagerdutyConfigSchema.parse({ routingKey: ROUTING_KEY, endpointUrl: `${rx.url}/v2/enqueue` });
    const outcome = await pagerdutyChannel.send(config, sampleNotification(), sendContext());

    expect(outcome).toMatchObject({ ok: true, responseStatus: 202, error: null, target: `${rx.url}/v2/enqueue` });
    expect(rx.requests[0]!.path).toBe("/v2/enqueue");
    expect(JSON.parse(rx.requests[0]!.body)).toEqual({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: "tether:rule-1:int-1",
      payload: {
        summary: "Stripe API: error rate 42% over 5 min (threshold 10%)",
        source: "Stripe API",
        severity: "critical",
        timestamp: "2026-11-24T02:55:00.000Z",
        component: "Stripe API",
        class: "High error rate",
        custom_details: { event: "firing", rule: "High error rate", integration: "Stripe API", value: 42, threshold: 10, incident_id: "inc-1" },
      },
      links: [{ href: "https://tether.example.com/incidents/inc-1", text: "Incident in Tether" }],
      client: "Tether",
      client_url: "https://tether.example.com/incidents/inc-1",
    });
    expect(JSON.parse(outcome.requestExcerpt).routing_key).toBe("[redacted]");
    expect(leaks(outcome, [ROUTING_KEY])).toEqual([]);
  });

  it("resolves and acknowledges under the same dedup key with only the key", async () => {
    const rx = await startReceiver({ status: 202 });
    const config = pagerdutyConfigSchema.parse({ routingKey: ROUTING_KEY, endpointUrl: `${rx.url}/v2/enqueue` });
    await pagerdutyChannel.send(config, sampleNotification({ event: "resolved", resolvedAt: "2026-11-24T03:00:00.000Z" }), sendContext());
    await pagerdutyChannel.send(config, sampleNotification({ event: "acknowledged" }), sendContext());
    expect(rx.requests.map((r) => JSON.parse(r.body))).toEqual([
      { routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: "tether:rule-1:int-1" },
      { routing_key: ROUTING_KEY, event_action: "acknowledge", dedup_key: "tether:rule-1:int-1" },
    ]);
  });

  it("400 (invalid event) is permanent; 429 is retried after Retry-After; 200 is not PagerDuty's success", async () => {
    const rx = await startReceiver({ status: 400, body: `{"status":"invalid event","errors":["routing_key ${ROUTING_KEY} is unknown"]}` });
    const config = pagerdutyConfigSchema.parse({ routingKey: ROUTING_KEY, endpointUrl: `${rx.url}/v2/enqueue` });
    const invalid = await pagerdutyChannel.send(config, sampleNotification(), sendContext());
    expect(invalid).toMatchObject({ ok: false, responseStatus: 400, permanent: true });
    expect(invalid.responseExcerpt).toContain("routing_key [redacted] is unknown");

    rx.reply({ status: 429, headers: { "retry-after": "60" } });
    expect(await pagerdutyChannel.send(config, sampleNotification(), sendContext())).toMatchObject({ ok: false, retryAfterMs: 60_000, permanent: false });
    for (const o of [invalid]) expect(leaks(o, [ROUTING_KEY])).toEqual([]);
  });
});
