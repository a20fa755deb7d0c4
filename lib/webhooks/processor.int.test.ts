// The webhook queue against a real database and a real receiving server: forwards with the original bytes and
// headers, records each attempt, honours Retry-After, dead-letters after the schedule, and no two workers take
// the same event.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { createTestDb, type TestDb } from "../testing/postgres";
import { claimWebhookEvents, processWebhookEvent, settleUnrelayedEvents } from "./processor";
import { RETRY_DELAYS_MS } from "./retry-schedule";

let t: TestDb;
let other: Db;
let receiver: Server;
let url: string;
let answer = { status: 200, headers: {} as Record<string, string> };
const received: { headers: IncomingMessage["headers"]; body: string }[] = [];

beforeAll(async () => {
  t = await createTestDb();
  other = createDb(t.url);
  process.env.TETHER_ALLOW_PRIVATE_TARGETS = "true";
  receiver = createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    received.push({ headers: req.headers, body });
    res.writeHead(answer.status, answer.headers).end("thanks");
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await other.$disconnect();
  await t.close();
});

async function event(forwardUrl: string | null, body = '{"type":"ping"}') {
  const source = await t.db.webhookSource.create({ data: { slug: `s-${randomBytes(4).toString("hex")}`, name: "s", scheme: "none", forwardUrl } });
  return t.db.webhookEvent.create({
    data: {
      sourceId: source.id,
      headers: { "content-type": "application/json", "webhook-id": "msg_x", "x-forwarded-for": "10.1.1.1" },
      body: Buffer.from(body),
      verified: false,
      verificationDetail: "none",
      status: "received",
      nextAttemptAt: new Date(0),
    },
  });
}

describe("webhook processing", () => {
  it("forwards the original bytes and provider headers, records the attempt, marks it processed", async () => {
    const e = await event(url, '{"type":"invoice.paid", "exact":  "spacing"}');
    const [claimed] = await claimWebhookEvents(t.db, { workerId: "w", now: new Date(), limit: 10 });
    expect(claimed).toBe(e.id);
    expect(await processWebhookEvent(t.db, e.id, { workerId: "w" })).toEqual({ status: "processed", responseStatus: 200, error: null });
    const last = received.at(-1)!;
    expect(last.body).toBe('{"type":"invoice.paid", "exact":  "spacing"}');
    expect(last.headers["webhook-id"]).toBe("msg_x");
    expect(last.headers["x-tether-event-id"]).toBe(e.id.toString());
    expect(last.headers["x-forwarded-for"]).toBeUndefined();
    const deliveries = await t.db.webhookDelivery.findMany({ where: { eventId: e.id } });
    expect(deliveries).toEqual([expect.objectContaining({ attempt: 1, responseStatus: 200, responseExcerpt: "thanks", error: null, trigger: "retry" })]);
  });

  it("retries on the schedule, never sooner than Retry-After, then dead-letters", async () => {
    answer = { status: 503, headers: { "retry-after": "600" } };
    const e = await event(url);
    let now = Date.parse("2026-11-24T12:00:00Z");
    const first = await processWebhookEvent(t.db, e.id, { workerId: "w", now: () => now });
    expect(first).toEqual({ status: "failed", responseStatus: 503, error: "HTTP 503" });
    const after1 = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: e.id } });
    // Schedule says 5 s; the receiver asked for 10 minutes.
    expect(after1.nextAttemptAt!.getTime() - now).toBe(600_000);
    answer = { status: 500, headers: {} };
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) {
      now += 11 * 3_600_000;
      await processWebhookEvent(t.db, e.id, { workerId: "w", now: () => now });
    }
    const final = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: e.id } });
    expect(final).toMatchObject({ status: "dead_lettered", attempts: RETRY_DELAYS_MS.length, nextAttemptAt: null, lastError: "HTTP 500" });
    expect(await t.db.webhookDelivery.count({ where: { eventId: e.id } })).toBe(RETRY_DELAYS_MS.length);
    answer = { status: 200, headers: {} };
  });

  it("an event of a source without a relay target is simply processed", async () => {
    const e = await event(null);
    expect(await processWebhookEvent(t.db, e.id, { workerId: "w" })).toMatchObject({ status: "processed" });
  });

  it("two workers claiming at once never take the same event", async () => {
    for (let i = 0; i < 40; i++) await event(url);
    const [a, b] = await Promise.all([
      claimWebhookEvents(t.db, { workerId: "a", now: new Date(), limit: 25 }),
      claimWebhookEvents(other, { workerId: "b", now: new Date(), limit: 25 }),
    ]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(a.length + b.length).toBe(40);
  });

  it("settles events of sources without a relay target in bulk, taking none of the claim's capacity", async () => {
    const unrelayed = [];
    for (let i = 0; i < 30; i++) unrelayed.push((await event(null)).id);
    const relayed = await event(url);
    const claimed = await claimWebhookEvents(t.db, { workerId: "w", now: new Date(), limit: 1 });
    expect(claimed).toEqual([relayed.id]);
    const rows = await t.db.webhookEvent.findMany({ where: { id: { in: unrelayed } } });
    expect(rows.every((r) => r.status === "processed" && r.nextAttemptAt === null && r.leaseOwner === null)).toBe(true);
    expect(await settleUnrelayedEvents(t.db, { now: new Date() })).toBe(0);
  });
});
