import { describe, expect, it } from "vitest";
import { leaks, refusedPort, sampleNotification, sendContext, startReceiver } from "../shared/testing";
import { slackConfigSchema } from "./config";
import { slackChannel } from "./slack-channel";

const TOKEN_PATH = "/services/T0001/B0002/abcdefghijklmnopqrstuvwx";

describe("slack channel", () => {
  it("posts the exact Block Kit message to the incoming webhook", async () => {
    const rx = await startReceiver({ status: 200, body: "ok" });
    const config = slackConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const outcome = await slackChannel.send(config, sampleNotification(), sendContext());

    expect(outcome).toMatchObject({ ok: true, responseStatus: 200, responseExcerpt: "ok", error: null, retryAfterMs: null, permanent: false });
    expect(outcome.target).toBe(`${rx.url}/services/…`);
    expect(rx.requests).toHaveLength(1);
    const [req] = rx.requests;
    expect(req!.method).toBe("POST");
    expect(req!.path).toBe(TOKEN_PATH);
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req!.body)).toEqual({
      text: "[FIRING] Stripe API: error rate 42% over 5 min (threshold 10%)",
      blocks: [{ type: "header", text: { type: "plain_text", text: "FIRING: High error rate", emoji: true } }],
      attachments: [
        {
          color: "#e01e5a",
          blocks: [
            {
              type: "section",
              text: { type: "mrkdwn", text: "Stripe API: error rate 42% over 5 min (threshold 10%)" },
              fields: [
                { type: "mrkdwn", text: "*Integration*\nStripe API" },
                { type: "mrkdwn", text: "*Rule*\nHigh error rate" },
                { type: "mrkdwn", text: "*Severity*\ncritical" },
                { type: "mrkdwn", text: "*Value*\n42 (threshold 10)" },
                { type: "mrkdwn", text: "*Started*\n<!date^1795488900^{date_short_pretty} {time}|2026-11-24T02:55:00.000Z>" },
              ],
            },
            {
              type: "actions",
              elements: [
                {
                  type: "button",
                  text: { type: "plain_text", text: "Open incident" },
                  url: "https://tether.example.com/incidents/inc-1",
                  action_id: "open_incident",
                },
              ],
            },
            { type: "context", elements: [{ type: "mrkdwn", text: "Tether · tether:rule-1:int-1" }] },
          ],
        },
      ],
    });
    expect(leaks(outcome, [TOKEN_PATH, "abcdefghijklmnopqrstuvwx"])).toEqual([]);
  });

  it("escapes mrkdwn and colours a resolution green", async () => {
    const rx = await startReceiver();
    const config = slackConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    await slackChannel.send(config, sampleNotification({ event: "resolved", summary: "a <b> & c", resolvedAt: "2026-11-24T03:00:00.000Z" }), sendContext());
    const body = JSON.parse(rx.requests[0]!.body);
    expect(body.text).toBe("[RESOLVED] a <b> & c");
    expect(body.attachments[0].color).toBe("#2eb67d");
    expect(body.attachments[0].blocks[0].text.text).toBe("a &lt;b&gt; &amp; c");
  });

  it("a 404 no_service is permanent; a 429 is retried after Retry-After; a 500 is retried", async () => {
    // This receiver also echoes the path it was called on, which is the secret part of the URL.
    const rx = await startReceiver({ status: 404, body: `no_service for ${TOKEN_PATH}` });
    const config = slackConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const gone = await slackChannel.send(config, sampleNotification(), sendContext());
    expect(gone).toMatchObject({
      ok: false,
      responseStatus: 404,
      error: "HTTP 404: no_service for [redacted]",
      responseExcerpt: "no_service for [redacted]",
      permanent: true,
    });

    rx.reply({ status: 429, headers: { "retry-after": "30" }, body: "rate_limited" });
    const limited = await slackChannel.send(config, sampleNotification(), sendContext());
    expect(limited).toMatchObject({ ok: false, responseStatus: 429, retryAfterMs: 30_000, permanent: false });

    rx.reply({ status: 500, body: "" });
    const broken = await slackChannel.send(config, sampleNotification(), sendContext());
    expect(broken).toMatchObject({ ok: false, responseStatus: 500, error: "HTTP 500", permanent: false });
    for (const o of [gone, limited, broken]) expect(leaks(o, [TOKEN_PATH])).toEqual([]);
  });

  it("a refused connection is a retryable failure that does not name the URL", async () => {
    const port = await refusedPort();
    const config = slackConfigSchema.parse({ webhookUrl: `http://127.0.0.1:${port}${TOKEN_PATH}` });
    const outcome = await slackChannel.send(config, sampleNotification(), sendContext());
    expect(outcome).toMatchObject({ ok: false, responseStatus: null, error: "Connection failed (ECONNREFUSED)", permanent: false });
    expect(leaks(outcome, [TOKEN_PATH])).toEqual([]);
  });
});
