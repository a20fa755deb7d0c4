// The demo's webhook traffic: Stripe-shaped events signed with the demo source's secret, the way Stripe signs
// them, posted to Tether's receiver every few seconds. One type in five is `invoice.payment_failed`, which the
// demo relay endpoint always refuses, so the explorer shows dead letters as well as retries within a minute.
import { randomBytes } from "node:crypto";
import { request } from "undici";
import { signStripePayload } from "../webhooks/verification/stripe/stripe-verifier";

export const DEMO_SOURCE_SLUG = "demo-stripe";

const TYPES = ["payment_intent.succeeded", "charge.refunded", "invoice.paid", "customer.created", "invoice.payment_failed"] as const;

/** One event in Stripe's envelope (`object: "event"`, `data.object`), with ids in Stripe's prefixes. */
export function demoStripeEvent(n: number, nowSeconds: number, id = randomBytes(12).toString("hex")): { type: string; body: string } {
  const type = TYPES[n % TYPES.length]!;
  const amount = 500 + ((n * 1_337) % 20_000);
  const object = type.startsWith("invoice")
    ? {
        id: `in_${id}`,
        object: "invoice",
        amount_due: amount,
        currency: "usd",
        customer: `cus_demo${n % 7}`,
        status: type === "invoice.paid" ? "paid" : "open",
      }
    : type === "customer.created"
      ? { id: `cus_${id}`, object: "customer", email: `customer${n}@example.com` }
      : { id: `${type.startsWith("charge") ? "ch" : "pi"}_${id}`, object: type.split(".")[0], amount, currency: "usd", status: "succeeded" };
  const body = JSON.stringify({ id: `evt_${id}`, object: "event", api_version: "2024-06-20", created: nowSeconds, livemode: false, type, data: { object } });
  return { type, body };
}

export interface DemoSender {
  /** Sends no more; resolves once the deliveries already on their way have been answered (or failed). */
  stop(): Promise<void>;
}

/** Posts a signed event to `url` every `everyMs`; a refused connection (the dashboard still starting) is skipped. */
export function startDemoWebhookSender(opts: { url: string; secret: string; everyMs?: number; now?: () => number }): DemoSender {
  const now = opts.now ?? Date.now;
  let n = 0;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const send = async () => {
    const t = Math.floor(now() / 1000);
    const { body } = demoStripeEvent(n++, t);
    // undici's request rather than fetch: fetch adds browser headers (sec-fetch-mode, accept-language) Stripe never sends.
    await request(opts.url, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "stripe-signature": signStripePayload(opts.secret, body, t),
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body,
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    })
      .then((res) => res.body.dump())
      .catch(() => undefined);
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const sending = send();
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }, opts.everyMs ?? 3_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
