import { describe, expect, it } from "vitest";
import { leaks, refusedPort, sampleNotification, sendContext, startReceiver } from "../shared/testing";
import { discordConfigSchema } from "./config";
import { discordChannel } from "./discord-channel";

const TOKEN_PATH = "/api/webhooks/123456789/discord-token-abcdefghijklmnop";

describe("discord channel", () => {
  it("posts the exact embed, and takes 204 No Content as delivered", async () => {
    const rx = await startReceiver({ status: 204 });
    const config = discordConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const outcome = await discordChannel.send(config, sampleNotification({ rule: { id: "r", name: "Slow", severity: "warning" } }), sendContext());

    expect(outcome).toMatchObject({ ok: true, responseStatus: 204, responseExcerpt: null, error: null });
    expect(outcome.target).toBe(`${rx.url}/api/…`);
    expect(rx.requests[0]!.path).toBe(TOKEN_PATH);
    expect(JSON.parse(rx.requests[0]!.body)).toEqual({
      username: "Tether",
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: "FIRING: Slow",
          description: "Stripe API: error rate 42% over 5 min (threshold 10%)",
          url: "https://tether.example.com/incidents/inc-1",
          color: 0xecb22e,
          timestamp: "2026-11-24T02:55:00.000Z",
          fields: [
            { name: "Integration", value: "Stripe API", inline: true },
            { name: "Rule", value: "Slow", inline: true },
            { name: "Severity", value: "warning", inline: true },
            { name: "Value", value: "42 (threshold 10)", inline: true },
            { name: "Started", value: "2026-11-24T02:55:00.000Z", inline: true },
          ],
          footer: { text: "Tether · tether:rule-1:int-1" },
        },
      ],
    });
    expect(leaks(outcome, [TOKEN_PATH, "discord-token-abcdefghijklmnop"])).toEqual([]);
  });

  it("429 with Retry-After (an HTTP date) is retried no sooner; a refused connection is retried", async () => {
    const rx = await startReceiver({
      status: 429,
      headers: { "retry-after": new Date(Date.parse("2026-11-24T03:00:00Z") + 90_000).toUTCString() },
      body: '{"message":"You are being rate limited."}',
    });
    const config = discordConfigSchema.parse({ webhookUrl: `${rx.url}${TOKEN_PATH}` });
    const limited = await discordChannel.send(config, sampleNotification(), sendContext());
    expect(limited).toMatchObject({ ok: false, responseStatus: 429, retryAfterMs: 90_000, permanent: false });

    const port = await refusedPort();
    const refused = await discordChannel.send(
      discordConfigSchema.parse({ webhookUrl: `http://127.0.0.1:${port}${TOKEN_PATH}` }),
      sampleNotification(),
      sendContext(),
    );
    expect(refused).toMatchObject({ ok: false, error: "Connection failed (ECONNREFUSED)", permanent: false });
    for (const o of [limited, refused]) expect(leaks(o, [TOKEN_PATH])).toEqual([]);
  });
});
