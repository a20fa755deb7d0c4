// The demo's webhook channel reaches the bundled demo target and is wired to the demo rule.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTest } from "../alerts/channels-service";
import { createTestDb, type TestDb } from "../testing/postgres";
import { seedDemo } from "./seed";
import { startDemoTarget, type DemoTarget } from "./target-server";

let t: TestDb;
let target: DemoTarget;

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  target = await startDemoTarget({ port: 0 });
});
afterAll(async () => {
  await target.close();
  await t.close();
});

describe("demo channel", () => {
  it("is seeded as a signed webhook to the demo target, on the demo rule, and a test to it is delivered", async () => {
    await seedDemo(t.db, target.url);
    const channel = await t.db.notificationChannel.findUniqueOrThrow({ where: { name: "Demo webhook" } });
    expect(channel).toMatchObject({ kind: "webhook", config: { url: `${target.url}/hooks` }, secretFields: ["secret"], enabled: true });
    const rules = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "AlertRule" WHERE ${channel.id} = ANY("channelIds")`;
    expect(Number(rules[0]!.n)).toBe(1);
    const result = await sendTest(t.db, channel.id, { principal: null }, { baseUrl: "http://localhost:3000" });
    expect(result).toMatchObject({ status: "delivered", outcome: { ok: true, responseStatus: 200, responseExcerpt: '{"received":true}' } });
  });
});
