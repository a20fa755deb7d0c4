// The demo's webhook story on a fresh start: the sender posts Stripe-signed events to the seeded source, Tether
// verifies and stores them, and the relay to the demo order service processes most, retries some and
// dead-letters `invoice.payment_failed`. Signatures are checked with Stripe's own SDK as well as ours.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerWebhook, webhookSlug } from "../http/webhook-fast-path";
import { createTestDb, type TestDb } from "../testing/postgres";
import { claimWebhookEvents, processWebhookEvent } from "../webhooks/processor";
import { sourceSecrets } from "../webhooks/sources";
import { signStripePayload } from "../webhooks/verification/stripe/stripe-verifier";
import { seedDemo } from "./seed";
import { startDemoTarget, type DemoTarget } from "./target-server";
import { DEMO_SOURCE_SLUG, demoStripeEvent, startDemoWebhookSender } from "./webhook-sender";

let t: TestDb;
let target: DemoTarget;
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  // No random failures: only the deterministic refusals are asserted.
  target = await startDemoTarget({ port: 0, random: () => 0.5 });
  await seedDemo(t.db, target.url);
  receiver = createServer((req, res) => {
    const slug = webhookSlug(req);
    if (slug) void answerWebhook(t.db, slug, req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/in/${DEMO_SOURCE_SLUG}`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await target.close();
  await t.close();
});

async function processDue(now: number): Promise<void> {
  const ids = await claimWebhookEvents(t.db, { workerId: "demo-test", now: new Date(now), limit: 100 });
  for (const id of ids) await processWebhookEvent(t.db, id, { workerId: "demo-test", now: () => now });
}

describe("the demo webhook source", () => {
  it("is seeded as a Stripe source relayed to the demo order service with two attempts, linked to Payments API", async () => {
    const source = await t.db.webhookSource.findUniqueOrThrow({ where: { slug: DEMO_SOURCE_SLUG }, include: { integration: true } });
    expect(source).toMatchObject({ scheme: "stripe", maxAttempts: 2, forwardUrl: `${target.url}/hooks/orders`, enabled: true });
    expect(source.integration?.name).toBe("Payments API");
    expect(sourceSecrets(source, Date.now())[0]).toMatch(/^whsec_/);
  });

  it("signs events the way Stripe does: Stripe's SDK accepts them, and rejects a tampered body", async () => {
    const secret = "whsec_demo_test_secret";
    const t0 = Math.floor(Date.now() / 1000);
    const { body, type } = demoStripeEvent(4, t0);
    expect(type).toBe("invoice.payment_failed");
    const header = signStripePayload(secret, body, t0);
    const stripe = new Stripe("sk_test_unused");
    const event = stripe.webhooks.constructEvent(body, header, secret);
    expect(event).toMatchObject({ object: "event", type: "invoice.payment_failed", livemode: false });
    expect(() => stripe.webhooks.constructEvent(body.replace("usd", "eur"), header, secret)).toThrow();
  });

  it("has received, processed, retried and dead-lettered deliveries to show", async () => {
    const source = await t.db.webhookSource.findUniqueOrThrow({ where: { slug: DEMO_SOURCE_SLUG } });
    const sender = startDemoWebhookSender({ url: receiverUrl, secret: sourceSecrets(source, Date.now())[0]!, everyMs: 50 });
    try {
      await vi.waitFor(async () => expect(await t.db.webhookEvent.count({ where: { sourceId: source.id } })).toBeGreaterThanOrEqual(10), {
        timeout: 10_000,
        interval: 100,
      });
    } finally {
      // Waits for the deliveries still on their way: one stored after the read below would miss the count (it did, once).
      await sender.stop();
    }
    const events = await t.db.webhookEvent.findMany({ where: { sourceId: source.id } });
    expect(events.every((e) => e.verified)).toBe(true);
    expect(new Set(events.map((e) => e.eventType))).toContain("invoice.payment_failed");
    expect(events.every((e) => e.status === "received")).toBe(true);

    // The order service is down for the first pass: everything fails and waits 5 s for its retry.
    const start = Date.now();
    target.setMode("/hooks/orders", "fail");
    await processDue(start);
    expect(await t.db.webhookEvent.count({ where: { sourceId: source.id, status: "failed" } })).toBe(events.length);

    // Back up for the retry: all but invoice.payment_failed go through; that one is dead-lettered after its two attempts.
    target.setMode("/hooks/orders", "normal");
    await processDue(start + 6_000);
    const settled = await t.db.webhookEvent.findMany({ where: { sourceId: source.id }, select: { status: true, eventType: true, attempts: true } });
    for (const e of settled) {
      expect(e.attempts).toBe(2);
      expect(e.status).toBe(e.eventType === "invoice.payment_failed" ? "dead_lettered" : "processed");
    }
  });
});
