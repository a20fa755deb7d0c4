import { describe, expect, it } from "vitest";
import { leaks, sampleNotification, sendContext, startReceiver } from "../shared/testing";
import { teamsConfigSchema } from "./config";
import { teamsChannel } from "./teams-channel";

const TOKEN_PATH = "/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teams-sig-SECRET123";

describe("teams channel", () => {
  it("posts the exact Adaptive Card 1.4 message, and takes 202 as delivered", async () => {
    const rx = await startReceiver({ status: 202 });
    const config = teamsConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const outcome = await teamsChannel.send(config, sampleNotification({ event: "resolved", resolvedAt: "2026-11-24T03:00:00.000Z" }), sendContext());

    expect(outcome).toMatchObject({ ok: true, responseStatus: 202, error: null });
    expect(outcome.target).toBe(`${rx.url}/workflows/…`);
    expect(rx.requests[0]!.path).toBe(TOKEN_PATH);
    expect(JSON.parse(rx.requests[0]!.body)).toEqual({
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
              { type: "TextBlock", text: "RESOLVED: High error rate", weight: "Bolder", size: "Medium", color: "Good", wrap: true },
              { type: "TextBlock", text: "Stripe API: error rate 42% over 5 min (threshold 10%)", wrap: true },
              {
                type: "FactSet",
                facts: [
                  { title: "Integration", value: "Stripe API" },
                  { title: "Rule", value: "High error rate" },
                  { title: "Severity", value: "critical" },
                  { title: "Value", value: "42 (threshold 10)" },
                  { title: "Started", value: "2026-11-24T02:55:00.000Z" },
                  { title: "Resolved", value: "2026-11-24T03:00:00.000Z" },
                ],
              },
            ],
            actions: [{ type: "Action.OpenUrl", title: "Open incident", url: "https://tether.example.com/incidents/inc-1" }],
          },
        },
      ],
    });
    expect(leaks(outcome, ["teams-sig-SECRET123", "0a1b2c3d"])).toEqual([]);
  });

  it("a 500 is a retryable failure, the response excerpt kept and the URL's secret not", async () => {
    const rx = await startReceiver({ status: 500, body: "workflow failed for sig=teams-sig-SECRET123" });
    const config = teamsConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const outcome = await teamsChannel.send(config, sampleNotification(), sendContext());
    expect(outcome).toMatchObject({ ok: false, responseStatus: 500, permanent: false });
    // The receiver echoed part of its own URL: only the whole URL is the configured secret, so the echo is shown.
    expect(leaks(outcome, [`${rx.url}${TOKEN_PATH}`])).toEqual([]);
  });
});
