// The receiver against a real database: nothing acknowledged is lost, duplicates are acknowledged once,
// bad signatures are stored as rejected, oversized bodies are refused before storage.
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toErrorResponse } from "../api/errors";
import { createDb } from "../db/client";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSource, rotateSourceSecret } from "./sources";

let t: TestDb;
let POST: (req: Request, ctx: { params: Promise<{ source: string }> }) => Promise<Response>;
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const NEW_SECRET = `whsec_${randomBytes(24).toString("base64")}`;

/** Signs as a Standard Webhooks sender would, independently of the code under test. */
function signed(body: string, id: string, secret = SECRET, at = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const sig = createHmac("sha256", key).update(`${id}.${at}.${body}`).digest("base64");
  return new Request("http://tether.test/api/webhooks/in/payments", {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${sig}` },
    body,
  });
}

const send = (req: Request, source = "payments") => POST(req, { params: Promise.resolve({ source }) });

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "x".repeat(40), TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  await createSource(t.db, { name: "Payments", slug: "payments", scheme: "standard_webhooks", secret: SECRET, maxBodyBytes: 2048 }, { principal: null });
  ({ POST } = await import("../../app/api/webhooks/in/[source]/route"));
});
afterAll(async () => {
  await t.close();
});

describe("webhook receiver", () => {
  it("commits the exact bytes and headers before answering 202", async () => {
    const body = '{"type":"invoice.paid","data":{"amount": 1200}}';
    const res = await send(signed(body, "msg_1"));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: BigInt(id) } });
    expect(Buffer.from(row.body).toString("utf8")).toBe(body);
    expect(row).toMatchObject({ externalId: "msg_1", eventType: "invoice.paid", verified: true, status: "received" });
    expect((row.headers as Record<string, string>)["webhook-id"]).toBe("msg_1");
  });

  it("acknowledges a duplicate delivery without storing it twice", async () => {
    const body = '{"type":"invoice.paid","n":2}';
    expect((await send(signed(body, "msg_2"))).status).toBe(202);
    const again = await send(signed(body, "msg_2"));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true });
    expect(await t.db.webhookEvent.count({ where: { externalId: "msg_2" } })).toBe(1);
  });

  it("stores a bad signature as rejected and answers 401; a re-serialised body does not verify", async () => {
    const res = await send(signed('{"a":1}', "msg_3", `whsec_${randomBytes(24).toString("base64")}`));
    expect(res.status).toBe(401);
    const reserialised = signed('{"a": 1}', "msg_4");
    const tampered = new Request(reserialised.url, { method: "POST", headers: reserialised.headers, body: JSON.stringify({ a: 1 }) });
    expect((await send(tampered)).status).toBe(401);
    const rejected = await t.db.webhookEvent.findMany({ where: { status: "rejected_signature" } });
    expect(rejected).toHaveLength(2);
    expect(rejected.every((r) => !r.verified && r.verificationDetail.startsWith("bad_signature"))).toBe(true);
  });

  it("refuses an oversized body with 413 before storing anything, and an unknown source with 404", async () => {
    const before = await t.db.webhookEvent.count();
    const res = await send(signed(JSON.stringify({ pad: "x".repeat(4096) }), "msg_5"));
    expect(res.status).toBe(413);
    expect((await send(signed("{}", "msg_6"), "nope")).status).toBe(404);
    expect(await t.db.webhookEvent.count()).toBe(before);
  });

  it("accepts the previous secret during a rotation overlap", async () => {
    const source = await t.db.webhookSource.findFirstOrThrow({ where: { slug: "payments" } });
    await rotateSourceSecret(t.db, source.id, NEW_SECRET, { principal: null });
    expect((await send(signed("{}", "msg_7", NEW_SECRET))).status).toBe(202);
    expect((await send(signed("{}", "msg_8", SECRET))).status).toBe(202);
    const old = await t.db.webhookEvent.findFirstOrThrow({ where: { externalId: "msg_8" } });
    expect(old.verificationDetail).toMatch(/previous secret/);
  });

  it("an unreachable database is a 503, so the sender retries", async () => {
    const down = createDb("postgresql://postgres@127.0.0.1:1/none");
    const err = await down.webhookSource.findFirst().catch((e: unknown) => e);
    expect(toErrorResponse(err).status).toBe(503);
    await down.$disconnect();
  });
});

describe("webhook health", () => {
  it("reports events, failures and the usual gap for the integration a source is linked to", async () => {
    const { webhookHealth } = await import("./health");
    const integration = await t.db.integration.create({
      data: { name: "Stripe", kind: "http", config: { url: "https://api.stripe.com" }, intervalSeconds: 60, timeoutMs: 1000 },
    });
    expect(await webhookHealth(t.db, integration.id)).toBeNull();
    const source = await t.db.webhookSource.create({ data: { slug: "linked", name: "Linked", scheme: "none", integrationId: integration.id } });
    const t0 = Date.parse("2026-11-24T10:00:00Z");
    for (let i = 0; i < 6; i++) {
      await t.db.webhookEvent.create({
        data: {
          sourceId: source.id,
          receivedAt: new Date(t0 + i * 120_000),
          headers: {},
          body: Buffer.from("{}"),
          verified: false,
          verificationDetail: "none",
          status: i === 5 ? "dead_lettered" : "processed",
        },
      });
    }
    const health = await webhookHealth(t.db, integration.id, t0 + 5 * 120_000 + 40 * 60_000);
    expect(health).toMatchObject({
      sources: 1,
      events24h: 6,
      failed24h: 1,
      usualGapSeconds: 120,
      silence: { silent: true, message: "Nothing received for 40 min, usually every 2 min" },
    });
  });
});
