import { describe, expect, it } from "vitest";
import { standardWebhooksVerificationConfigSchema } from "../../../webhooks/verification/standard-webhooks/config";
import { standardWebhooksVerifier } from "../../../webhooks/verification/standard-webhooks/standard-webhooks-verifier";
import { leaks, NOW, refusedPort, sampleNotification, sendContext, startReceiver } from "../shared/testing";
import { webhookConfigSchema } from "./config";
import { webhookChannel } from "./webhook-channel";

const SECRET = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

describe("generic webhook channel", () => {
  it("generates a whsec_ secret when none is given, and refuses one that is not", () => {
    const generated = webhookConfigSchema.parse({ url: "https://example.com/hook" }).secret;
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(generated.slice(6), "base64")).toHaveLength(32);
    expect(webhookConfigSchema.safeParse({ url: "https://example.com/hook", secret: "hunter2" }).success).toBe(false);
  });

  it("posts the notification as JSON with Standard Webhooks headers our own verifier accepts", async () => {
    const rx = await startReceiver({ status: 200, body: "thanks" });
    const notification = sampleNotification();
    const config = webhookConfigSchema.parse({ url: `${rx.url}/hooks/tether?token=q-SECRET`, secret: SECRET });
    const outcome = await webhookChannel.send(config, notification, sendContext({ messageId: "msg_delivery_7" }));

    expect(outcome).toMatchObject({ ok: true, responseStatus: 200, responseExcerpt: "thanks", target: `${rx.url}/hooks/tether?…` });
    const req = rx.requests[0]!;
    expect(req.path).toBe("/hooks/tether?token=q-SECRET");
    expect(JSON.parse(req.body)).toEqual(notification);
    expect(req.headers["webhook-id"]).toBe("msg_delivery_7");
    expect(req.headers["webhook-timestamp"]).toBe(String(NOW / 1000));
    expect(req.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);

    const verdict = standardWebhooksVerifier.verify(
      { headers: req.headers as Record<string, string>, rawBody: Buffer.from(req.body), now: NOW + 1_000 },
      standardWebhooksVerificationConfigSchema.parse({}),
      [SECRET],
    );
    expect(verdict).toMatchObject({ ok: true, verified: true, eventId: "msg_delivery_7" });
    const wrong = standardWebhooksVerifier.verify(
      { headers: req.headers as Record<string, string>, rawBody: Buffer.from(req.body), now: NOW },
      standardWebhooksVerificationConfigSchema.parse({}),
      [`whsec_${Buffer.alloc(32, 1).toString("base64")}`],
    );
    expect(wrong.ok).toBe(false);
    expect(leaks(outcome, [SECRET, SECRET.slice(6), "q-SECRET"])).toEqual([]);
  });

  it("500 is retried, 410 is permanent, a refused connection is retried", async () => {
    const rx = await startReceiver({ status: 500, body: "boom" });
    const config = webhookConfigSchema.parse({ url: `${rx.url}/hooks`, secret: SECRET });
    expect(await webhookChannel.send(config, sampleNotification(), sendContext())).toMatchObject({
      ok: false,
      responseStatus: 500,
      error: "HTTP 500: boom",
      permanent: false,
    });
    rx.reply({ status: 410 });
    expect(await webhookChannel.send(config, sampleNotification(), sendContext())).toMatchObject({ ok: false, responseStatus: 410, permanent: true });
    const port = await refusedPort();
    const refused = await webhookChannel.send(
      webhookConfigSchema.parse({ url: `http://127.0.0.1:${port}/hooks`, secret: SECRET }),
      sampleNotification(),
      sendContext(),
    );
    expect(refused).toMatchObject({ ok: false, responseStatus: null, error: "Connection failed (ECONNREFUSED)", permanent: false });
  });

  it("the SSRF guard refuses a metadata address, permanently", async () => {
    const config = webhookConfigSchema.parse({ url: "http://169.254.169.254/latest/meta-data", secret: SECRET });
    const outcome = await webhookChannel.send(config, sampleNotification(), sendContext());
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(outcome.error).toMatch(/Refused to connect to 169\.254\.169\.254 \(cloud metadata address\)/);
  });
});
