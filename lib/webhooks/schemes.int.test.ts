// Every provider scheme added with issue 12, through the real receiver on a real database: a signed delivery is
// stored verified with the provider's event id, the same delivery again is acknowledged as a duplicate and not
// stored twice, a tampered one is stored as rejected and answered 401. Signatures come from the providers'
// packages where they sign (twilio), else their published algorithms. Discord's PING gets its PONG, and Twilio's
// signed query string survives both ways in (the Next route and the node:http fast path).
import { createHmac, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { answerWebhook, webhookSlug } from "../http/webhook-fast-path";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSource } from "./sources";
import { sendgridBatchId } from "./verification/sendgrid/sendgrid-verifier";

let t: TestDb;
let server: Server;
let base: string;
let POST: (req: Request, ctx: { params: Promise<{ source: string }> }) => Promise<Response>;

const now = () => Math.floor(Date.now() / 1000);
const hmac = (algorithm: string, key: string, data: string, encoding: "hex" | "base64") => createHmac(algorithm, key).update(data).digest(encoding);
const SENDGRID = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const DISCORD = generateKeyPairSync("ed25519");
const SQUARE_URL = "https://tether.example.com/api/webhooks/in/square";
const TWILIO_URL = "https://tether.example.com/api/webhooks/in/twilio";
const SECRETS = {
  square: "sq0wsk-int-signature-key",
  twilio: "0123456789abcdef0123456789abcdef",
  sendgrid: SENDGRID.publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  discord: Buffer.from(DISCORD.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex"),
  gitlab: "gitlab-secret-token",
  bitbucket: "bitbucket-secret",
  sentry: "sentry-client-secret",
  shopify: "shpss_int_client_secret",
} as const;
type Scheme = keyof typeof SECRETS;

interface Delivery {
  body: string;
  headers: Record<string, string>;
  query?: string;
}

/** One signed delivery per scheme, and the event id the stored row must carry. */
const deliveries: Record<Scheme, (n: string) => { delivery: Delivery; eventId: string }> = {
  square: (n) => {
    const body = JSON.stringify({ merchant_id: "ML", type: "payment.updated", event_id: `sq-evt-${n}`, data: { type: "payment" } });
    return {
      delivery: { body, headers: { "x-square-hmacsha256-signature": hmac("sha256", SECRETS.square, SQUARE_URL + body, "base64") } },
      eventId: `sq-evt-${n}`,
    };
  },
  twilio: (n) => {
    const params = { MessageSid: `SM${n}`, MessageStatus: "delivered", To: "+14155550100" };
    const signature = twilio.getExpectedTwilioSignature(SECRETS.twilio, TWILIO_URL, params);
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature, "i-twilio-idempotency-token": `idem-${n}` };
    return { delivery: { body: new URLSearchParams(params).toString(), headers }, eventId: `idem-${n}` };
  },
  sendgrid: (n) => {
    const body = JSON.stringify([{ email: "a@example.com", event: "delivered", sg_event_id: `sg-${n}`, timestamp: now() }]);
    const ts = String(now());
    const signature = sign("sha256", Buffer.from(ts + body), SENDGRID.privateKey).toString("base64");
    const headers = { "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": ts };
    return { delivery: { body, headers }, eventId: sendgridBatchId(Buffer.from(body))! };
  },
  discord: (n) => {
    const body = JSON.stringify({ id: `ix-${n}`, application_id: "42", type: 2, data: { name: "status" } });
    const ts = String(now());
    const headers = { "x-signature-ed25519": sign(null, Buffer.from(ts + body), DISCORD.privateKey).toString("hex"), "x-signature-timestamp": ts };
    return { delivery: { body, headers }, eventId: `ix-${n}` };
  },
  gitlab: (n) => ({
    delivery: {
      body: '{"object_kind":"push"}',
      headers: { "x-gitlab-token": SECRETS.gitlab, "x-gitlab-event": "Push Hook", "x-gitlab-event-uuid": `gl-${n}` },
    },
    eventId: `gl-${n}`,
  }),
  bitbucket: (n) => {
    const body = `{"push":{"changes":[]},"n":"${n}"}`;
    const headers = {
      "x-hub-signature": `sha256=${hmac("sha256", SECRETS.bitbucket, body, "hex")}`,
      "x-request-uuid": `{bb-${n}}`,
      "x-event-key": "repo:push",
    };
    return { delivery: { body, headers }, eventId: `{bb-${n}}` };
  },
  sentry: (n) => {
    const body = `{"action":"created","data":{"issue":{"id":"${n}"}}}`;
    const headers = { "sentry-hook-signature": hmac("sha256", SECRETS.sentry, body, "hex"), "sentry-hook-resource": "issue", "request-id": `sn-${n}` };
    return { delivery: { body, headers }, eventId: `sn-${n}` };
  },
  shopify: (n) => {
    const body = `{"id":${Date.now()},"n":"${n}"}`;
    const headers = {
      "x-shopify-hmac-sha256": hmac("sha256", SECRETS.shopify, body, "base64"),
      "x-shopify-topic": "orders/create",
      "x-shopify-event-id": `sh-${n}`,
    };
    return { delivery: { body, headers }, eventId: `sh-${n}` };
  },
};

const CONFIGS: Partial<Record<Scheme, Record<string, unknown>>> = { square: { notificationUrl: SQUARE_URL }, twilio: { url: TWILIO_URL } };

async function viaRoute(slug: string, { body, headers, query }: Delivery) {
  const url = `http://tether.test/api/webhooks/in/${slug}${query ? `?${query}` : ""}`;
  const res = await POST(new Request(url, { method: "POST", headers, body }), { params: Promise.resolve({ source: slug }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function viaFastPath(slug: string, { body, headers, query }: Delivery) {
  const res = await request(`${base}/api/webhooks/in/${slug}${query ? `?${query}` : ""}`, { method: "POST", headers, body });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "x".repeat(40), TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  for (const scheme of Object.keys(SECRETS) as Scheme[]) {
    await createSource(t.db, { name: scheme, slug: scheme, scheme, secret: SECRETS[scheme], schemeConfig: CONFIGS[scheme] ?? {} }, { principal: null });
  }
  ({ POST } = await import("../../app/api/webhooks/in/[source]/route"));
  const serverDb = db();
  server = createServer((req, res) => {
    const slug = webhookSlug(req);
    if (slug === null) return void res.writeHead(404).end("{}");
    void answerWebhook(serverDb, slug, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe("provider webhook schemes through the receiver", () => {
  it.each(Object.keys(SECRETS) as Scheme[])("%s: stored verified with its event id, de-duplicated, tampered rejected", async (scheme) => {
    const { delivery, eventId } = deliveries[scheme](randomUUID());
    const first = await viaRoute(scheme, delivery);
    expect(first).toMatchObject({ status: 202, body: { duplicate: false } });
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: BigInt(first.body.id as string) } });
    expect(row).toMatchObject({ externalId: eventId, verified: true, status: "received", verificationDetail: `Verified with ${scheme}` });
    expect(Buffer.from(row.body).toString("utf8")).toBe(delivery.body);

    expect(await viaFastPath(scheme, delivery)).toEqual({ status: 200, body: { duplicate: true } });
    expect(await t.db.webhookEvent.count({ where: { externalId: eventId } })).toBe(1);

    // GitLab signs nothing: a wrong token stands in for tampering there.
    const tampered =
      scheme === "gitlab"
        ? { ...delivery, headers: { ...delivery.headers, "x-gitlab-token": "guessed" } }
        : { ...delivery, body: delivery.body.replace(/"(\w+)"/, '"$1x"').replace("delivered", "failed") };
    expect(await viaRoute(scheme, tampered)).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    const rejected = await t.db.webhookEvent.findFirstOrThrow({ where: { source: { slug: scheme }, status: "rejected_signature" } });
    expect(rejected).toMatchObject({ verified: false, externalId: null });
    expect(rejected.verificationDetail).toMatch(/^bad_signature: /);
  });

  it("discord: a signed PING is answered with PONG both ways in, and stored verified", async () => {
    for (const [via, id] of [
      [viaRoute, "ping-route"],
      [viaFastPath, "ping-fast"],
    ] as const) {
      const body = JSON.stringify({ id, application_id: "42", type: 1 });
      const ts = String(now());
      const headers = {
        "content-type": "application/json",
        "x-signature-ed25519": sign(null, Buffer.from(ts + body), DISCORD.privateKey).toString("hex"),
        "x-signature-timestamp": ts,
      };
      expect(await via("discord", { body, headers })).toEqual({ status: 200, body: { type: 1 } });
      expect(await t.db.webhookEvent.findFirstOrThrow({ where: { externalId: id } })).toMatchObject({ verified: true, status: "received" });
      // Discord checks that a bad signature is refused before it saves the endpoint.
      expect((await via("discord", { body, headers: { ...headers, "x-signature-timestamp": String(Number(ts) + 1) } })).status).toBe(401);
    }
  });

  it("twilio: a JSON body signed through bodySHA256 in the query verifies both ways in", async () => {
    for (const [via, n] of [
      [viaRoute, "json-route"],
      [viaFastPath, "json-fast"],
    ] as const) {
      const body = JSON.stringify({ event: "com.twilio.messaging.message.delivered", n });
      const query = `bodySHA256=${twilio.getExpectedBodyHash(body)}`;
      const headers = {
        "content-type": "application/json",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(SECRETS.twilio, `${TWILIO_URL}?${query}`, {}),
        "i-twilio-idempotency-token": n,
      };
      expect(await via("twilio", { body, headers, query })).toMatchObject({ status: 202 });
      expect(await t.db.webhookEvent.findFirstOrThrow({ where: { externalId: n } })).toMatchObject({ verified: true });
      expect((await via("twilio", { body: body.replace("delivered", "failed"), headers, query })).status).toBe(401);
    }
  });
});
