// The notification queue against real PostgreSQL and a real local receiver: enqueue inside a transaction,
// leases with SKIP LOCKED, retries on the relay's schedule, Retry-After, permanent failures, dead-lettering.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { RETRY_DELAYS_MS } from "../../webhooks/retry-schedule";
import { openSecrets } from "../channel-config";
import { createChannel } from "../channels-service";
import { sampleNotification, startReceiver } from "../channels/shared/testing";
import { claimNotificationDeliveries, enqueueNotifications, processNotificationDelivery } from "./queue";

let t: TestDb;
const SYSTEM = { principal: null };
const T0 = Date.parse("2026-11-24T03:00:00Z");

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
});
afterAll(async () => {
  await t.close();
});

async function webhookChannel(url: string, extra: Record<string, unknown> = {}) {
  return createChannel(t.db, { name: `hook ${randomBytes(3).toString("hex")}`, kind: "webhook", config: { url }, ...extra }, SYSTEM);
}

describe("notification deliveries", () => {
  it("enqueues one delivery per enabled channel inside the caller's transaction, and none if it rolls back", async () => {
    const a = await webhookChannel("http://127.0.0.1:9/a");
    const b = await webhookChannel("http://127.0.0.1:9/b", { enabled: false });
    const notification = sampleNotification({ dedupKey: "rollback-test" });
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueueNotifications(tx, { channelIds: [a.id, b.id], notification, now: new Date(T0) });
        throw new Error("incident write failed");
      }),
    ).rejects.toThrow("incident write failed");
    expect(await t.db.notificationDelivery.count({ where: { dedupKey: "rollback-test" } })).toBe(0);

    const count = await t.db.$transaction((tx) => enqueueNotifications(tx, { channelIds: [a.id, b.id], notification, now: new Date(T0) }));
    expect(count).toBe(1);
    const [row] = await t.db.notificationDelivery.findMany({ where: { dedupKey: "rollback-test" } });
    expect(row).toMatchObject({ channelId: a.id, incidentId: "inc-1", event: "firing", status: "queued", attempts: 0, nextAttemptAt: new Date(T0) });
    expect(row!.payload).toEqual(notification);
    await t.db.notificationDelivery.deleteMany({});
  });

  it("two workers never claim the same delivery; a lease held is skipped until it expires", async () => {
    const ch = await webhookChannel("http://127.0.0.1:9/hook");
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        enqueueNotifications(t.db, { channelIds: [ch.id], notification: sampleNotification({ dedupKey: `claim-${i}` }), now: new Date(T0) }),
      ),
    );
    expect(ids.reduce((s, n) => s + n, 0)).toBe(6);
    const now = new Date(T0 + 1_000);
    const [one, two] = await Promise.all([
      claimNotificationDeliveries(t.db, { workerId: "w1", now, limit: 4 }),
      claimNotificationDeliveries(t.db, { workerId: "w2", now, limit: 4 }),
    ]);
    const all = [...one, ...two].map(String);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect(await claimNotificationDeliveries(t.db, { workerId: "w3", now, limit: 10 })).toEqual([]);
    expect(await claimNotificationDeliveries(t.db, { workerId: "w3", now: new Date(T0 + 5 * 60_000), limit: 10 })).toHaveLength(6);
    await t.db.notificationDelivery.deleteMany({});
  });

  it("retries a failing receiver on the relay's schedule, records every attempt, then delivers", async () => {
    const rx = await startReceiver({ status: 500, body: "down" });
    const ch = await webhookChannel(`${rx.url}/hook`);
    await enqueueNotifications(t.db, { channelIds: [ch.id], notification: sampleNotification(), now: new Date(T0) });
    let clock = T0;
    const now = () => clock;

    const [id] = await claimNotificationDeliveries(t.db, { workerId: "w1", now: new Date(clock), limit: 10 });
    const first = await processNotificationDelivery(t.db, id!, { workerId: "w1", now });
    expect(first).toMatchObject({ status: "failed", attempt: 1, nextAttemptAt: new Date(T0 + RETRY_DELAYS_MS[1]).toISOString() });

    // Not due before the delay.
    expect(await claimNotificationDeliveries(t.db, { workerId: "w1", now: new Date(T0 + 1_000), limit: 10 })).toEqual([]);
    rx.reply({ status: 429, headers: { "retry-after": "600" } });
    clock = T0 + RETRY_DELAYS_MS[1];
    const [again] = await claimNotificationDeliveries(t.db, { workerId: "w1", now: new Date(clock), limit: 10 });
    const second = await processNotificationDelivery(t.db, again!, { workerId: "w1", now });
    // The schedule says 5 min; Retry-After says 10: the later wins.
    expect(second).toMatchObject({ status: "failed", attempt: 2, nextAttemptAt: new Date(clock + 600_000).toISOString() });

    rx.reply({ status: 200, body: "ok" });
    clock += 600_000;
    const [third] = await claimNotificationDeliveries(t.db, { workerId: "w1", now: new Date(clock), limit: 10 });
    expect(await processNotificationDelivery(t.db, third!, { workerId: "w1", now })).toMatchObject({ status: "delivered", attempt: 3, nextAttemptAt: null });

    const row = await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: id! }, include: { tries: { orderBy: { attempt: "asc" } } } });
    expect(row).toMatchObject({ status: "delivered", attempts: 3, leaseOwner: null, nextAttemptAt: null });
    expect(row.tries.map((a) => [a.attempt, a.responseStatus, a.trigger])).toEqual([
      [1, 500, "retry"],
      [2, 429, "retry"],
      [3, 200, "retry"],
    ]);
    expect(row.tries[0]!.target).toBe(`${rx.url}/hook`);
    expect(rx.requests.map((r) => r.headers["webhook-id"])).toEqual([`msg_${id}`, `msg_${id}`, `msg_${id}`]);
    const { secret } = openSecrets(ch.id, (await t.db.notificationChannel.findUniqueOrThrow({ where: { id: ch.id } })).secretCiphertext);
    expect(secret).toMatch(/^whsec_/);
    for (const a of row.tries) expect([a.target, a.requestExcerpt, a.responseExcerpt, a.error].join(" ")).not.toContain(secret!.slice(6));
  });

  it("dead-letters after the last retry, and at once on a permanent refusal", async () => {
    const rx = await startReceiver({ status: 503 });
    const ch = await webhookChannel(`${rx.url}/hook`);
    await enqueueNotifications(t.db, { channelIds: [ch.id], notification: sampleNotification({ dedupKey: "dead" }), now: new Date(T0) });
    const row = await t.db.notificationDelivery.findFirstOrThrow({ where: { dedupKey: "dead" } });
    let clock = T0;
    let result;
    for (let i = 0; i < RETRY_DELAYS_MS.length; i++) {
      result = await processNotificationDelivery(t.db, row.id, { workerId: "w1", now: () => clock });
      clock = result?.nextAttemptAt ? Date.parse(result.nextAttemptAt) : clock;
    }
    expect(result).toMatchObject({ status: "dead_lettered", attempt: RETRY_DELAYS_MS.length, nextAttemptAt: null });
    expect(await t.db.notificationAttempt.count({ where: { deliveryId: row.id } })).toBe(RETRY_DELAYS_MS.length);

    rx.reply({ status: 410, body: "gone" });
    await enqueueNotifications(t.db, { channelIds: [ch.id], notification: sampleNotification({ dedupKey: "gone" }), now: new Date(T0) });
    const gone = await t.db.notificationDelivery.findFirstOrThrow({ where: { dedupKey: "gone" } });
    expect(await processNotificationDelivery(t.db, gone.id, { workerId: "w1", now: () => T0 })).toMatchObject({ status: "dead_lettered", attempt: 1 });
  });

  it("a channel disabled after queueing dead-letters its deliveries with the reason recorded", async () => {
    const rx = await startReceiver();
    const ch = await webhookChannel(`${rx.url}/hook`);
    await enqueueNotifications(t.db, { channelIds: [ch.id], notification: sampleNotification({ dedupKey: "disabled" }), now: new Date(T0) });
    await t.db.notificationChannel.update({ where: { id: ch.id }, data: { enabled: false } });
    const row = await t.db.notificationDelivery.findFirstOrThrow({ where: { dedupKey: "disabled" } });
    expect(await processNotificationDelivery(t.db, row.id, { workerId: "w1", now: () => T0 })).toMatchObject({
      status: "dead_lettered",
      outcome: { error: "The channel was disabled before this was sent" },
    });
    expect(rx.requests).toHaveLength(0);
  });
});
