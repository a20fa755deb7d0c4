// The PayPal scheme against a local server speaking PayPal's token and verify endpoints (./paypal-server.ts),
// through the outbound guard; then a delivery through the real receiver on a real database.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeDispatcher } from "../../../security/outbound";
import { createTestDb, type TestDb } from "../../../testing/postgres";
import { createSource } from "../../sources";
import type { RemoteContext, VerificationResult } from "../types";
import { paypalVerificationConfigSchema } from "./config";
import { startPaypalServer, type PaypalServer } from "./paypal-server";
import { paypalVerifier } from "./paypal-verifier";

const CLIENT_ID = "AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS";
const SECRET = "EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL";
const WEBHOOK_ID = "8PT597110X687430LKGECATA";
const BODY = JSON.stringify({
  id: "WH-2WR32451HC0233532-67976317FL4543714",
  event_type: "PAYMENT.CAPTURE.COMPLETED",
  resource: { amount: { value: "10.00" } },
});
const ctx: RemoteContext = { dispatcher: () => createSafeDispatcher({ allowPrivateNetworks: true }) };

let paypal: PaypalServer;
let t: TestDb;

const config = (over: Record<string, unknown> = {}) =>
  paypalVerificationConfigSchema.parse({ clientId: CLIENT_ID, webhookId: WEBHOOK_ID, apiBaseUrl: paypal.url, ...over });
const check = (
  headers: Record<string, string | undefined>,
  opts: { body?: string; secrets?: string[]; now?: number; config?: Record<string, unknown> } = {},
): Promise<VerificationResult> =>
  paypalVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: opts.now ?? Date.now() }, config(opts.config), opts.secrets ?? [SECRET], ctx);

beforeAll(async () => {
  paypal = await startPaypalServer({ clientId: CLIENT_ID, secret: SECRET, webhookId: WEBHOOK_ID });
});
afterAll(async () => {
  await paypal?.close();
  await t?.close();
});

describe("paypal verifier", () => {
  it("accepts a delivery PayPal says SUCCESS to, with the event id and transmission time", async () => {
    const headers = paypal.sign(BODY, { time: "2026-12-01T12:00:00Z" });
    expect(await check(headers, { now: Date.parse("2026-12-01T12:00:30Z") })).toEqual({
      ok: true,
      verified: true,
      scheme: "paypal",
      matchedSecretIndex: 0,
      timestamp: Date.parse("2026-12-01T12:00:00Z"),
      eventId: "WH-2WR32451HC0233532-67976317FL4543714",
    });
  });

  it("caches the token until shortly before expires_in, then fetches a new one", async () => {
    // Years ahead of any token cached by the other tests, so the first delivery here must fetch one.
    const t0 = Date.parse("2030-01-01T00:00:00Z");
    const at = (ms: number) => check(paypal.sign(BODY, { time: new Date(t0 + ms).toISOString() }), { now: t0 + ms });
    const before = paypal.tokenRequests;
    expect(await at(0)).toMatchObject({ ok: true });
    expect(await at(1_000)).toMatchObject({ ok: true });
    expect(paypal.tokenRequests - before).toBe(1);
    // expires_in is 32,400 s and a token is renewed a minute early: at 32,340 s the next delivery asks again.
    expect(await at(32_339_000)).toMatchObject({ ok: true });
    expect(paypal.tokenRequests - before).toBe(1);
    expect(await at(32_340_000)).toMatchObject({ ok: true });
    expect(await at(32_341_000)).toMatchObject({ ok: true });
    expect(paypal.tokenRequests - before).toBe(2);
  });

  it("rejects a tampered body, and another webhook's signature", async () => {
    const headers = paypal.sign(BODY);
    expect(await check(headers, { body: BODY.replace("10.00", "99.00") })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await check(paypal.sign(BODY, { webhookId: "OTHERWEBHOOK0000000000" }))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await check(headers, { config: { webhookId: "OTHERWEBHOOK0000000000" } })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("a client secret PayPal refuses is invalid_secret; during a rotation the one it accepts is reported", async () => {
    expect(await check(paypal.sign(BODY), { secrets: ["wrong-secret"] })).toMatchObject({ ok: false, reason: "invalid_secret" });
    expect(await check(paypal.sign(BODY), { secrets: ["new-not-yet-live", SECRET] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("holds the signed transmission time to the tolerance both ways", async () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const at = (offsetSeconds: number) => check(paypal.sign(BODY, { time: new Date(now + offsetSeconds * 1000).toISOString() }), { now });
    expect(await at(-300)).toMatchObject({ ok: true });
    expect(await at(-301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
    expect(await at(301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
  });

  it("malformed: missing headers, a transmission time that is not ISO 8601, a body that is not a JSON event", async () => {
    const headers = paypal.sign(BODY);
    expect(await check({ ...headers, "paypal-transmission-sig": undefined })).toMatchObject({
      ok: false,
      reason: "missing_header",
      detail: "Missing PAYPAL-TRANSMISSION-SIG",
    });
    expect(await check({ ...headers, "paypal-transmission-time": "1764633600" })).toMatchObject({ ok: false, reason: "malformed_header" });
    expect(await check(headers, { body: "[1,2]" })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await check(headers, { secrets: [] })).toMatchObject({ ok: false, reason: "no_secret" });
  });

  it("PayPal down or erroring is unavailable, never a verdict", async () => {
    paypal.failWith = 503;
    try {
      const result = await check(paypal.sign(BODY), { secrets: ["a-secret-with-no-cached-token"] });
      expect(result).toMatchObject({ ok: false, reason: "unavailable", detail: "PayPal's token endpoint answered HTTP 503" });
    } finally {
      paypal.failWith = null;
    }
    const refused = await check(paypal.sign(BODY), { config: { apiBaseUrl: "http://127.0.0.1:1" } });
    expect(refused).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("goes through the outbound guard: a private address is refused without the deployment's consent", async () => {
    const guarded: RemoteContext = { dispatcher: () => createSafeDispatcher({ allowPrivateNetworks: false }) };
    const before = paypal.tokenRequests;
    const result = await paypalVerifier.verify(
      { rawBody: Buffer.from(BODY), headers: paypal.sign(BODY), now: Date.now() },
      config({ clientId: "guard-test" }),
      ["guard-secret"],
      guarded,
    );
    expect(result).toMatchObject({ ok: false, reason: "unavailable" });
    expect(result.ok ? "" : result.detail).toMatch(/loopback/i);
    expect(paypal.tokenRequests).toBe(before);
  });
});

describe("paypal through the receiver", () => {
  let POST: (req: Request, ctx: { params: Promise<{ source: string }> }) => Promise<Response>;
  const send = (headers: Record<string, string>, body = BODY) =>
    POST(new Request("http://tether.test/api/webhooks/in/paypal", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), {
      params: Promise.resolve({ source: "paypal" }),
    });

  beforeAll(async () => {
    t = await createTestDb();
    Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "x".repeat(40), TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
    const schemeConfig = { clientId: CLIENT_ID, webhookId: WEBHOOK_ID, apiBaseUrl: paypal.url };
    await createSource(t.db, { name: "PayPal", slug: "paypal", scheme: "paypal", secret: SECRET, schemeConfig }, { principal: null });
    ({ POST } = await import("../../../../app/api/webhooks/in/[source]/route"));
  });

  it("stores a verified delivery with its event id, acknowledges the retry as a duplicate, rejects a tampered one", async () => {
    const res = await send(paypal.sign(BODY));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { id: BigInt(id) } })).toMatchObject({
      externalId: "WH-2WR32451HC0233532-67976317FL4543714",
      verified: true,
      status: "received",
      eventType: "PAYMENT.CAPTURE.COMPLETED",
    });
    const retry = await send(paypal.sign(BODY, { id: "c1d2e3f4-retry" }));
    expect([retry.status, await retry.json()]).toEqual([200, { duplicate: true }]);
    expect((await send(paypal.sign(BODY), BODY.replace("10.00", "1.00"))).status).toBe(401);
  });

  it("answers 503 and stores nothing while PayPal cannot give a verdict, so PayPal retries", async () => {
    const before = await t.db.webhookEvent.count();
    paypal.failWith = 500;
    try {
      const body = BODY.replace("WH-2WR", "WH-OUTAGE");
      const res = await send(paypal.sign(body), body);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    } finally {
      paypal.failWith = null;
    }
    expect(await t.db.webhookEvent.count()).toBe(before);
  });
});
