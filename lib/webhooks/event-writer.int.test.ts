// Group commit against a real database: concurrent inserts share statements, every caller learns its own row's
// fate (new id or duplicate, also for two copies in one batch), and a row PostgreSQL refuses fails only itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolOf } from "../db/client";
import { createTestDb, type TestDb } from "../testing/postgres";
import { EventWriter, type EventInsert } from "./event-writer";

let t: TestDb;
let sourceId: string;
let statements = 0;

beforeAll(async () => {
  t = await createTestDb();
  sourceId = (await t.db.webhookSource.create({ data: { slug: "writer", name: "Writer", scheme: "none" } })).id;
});
afterAll(async () => {
  await t.close();
});

const row = (externalId: string | null, extra: Partial<EventInsert> = {}): EventInsert => ({
  sourceId,
  receivedAt: new Date("2026-11-24T10:00:00.123Z"),
  externalId,
  eventType: "ping",
  headers: { "content-type": "application/json" },
  body: Buffer.from(`{"n":"${externalId}"}`),
  contentType: "application/json",
  verified: true,
  verificationDetail: "ok",
  status: "received",
  nextAttemptAt: new Date("2026-11-24T10:00:00.123Z"),
  ...extra,
});

function countingWriter(concurrency: number): EventWriter {
  const pool = poolOf(t.db);
  const counted = Object.create(pool) as typeof pool;
  counted.query = ((...args: Parameters<typeof pool.query>) => {
    statements++;
    return (pool.query as (...a: unknown[]) => unknown)(...args);
  }) as typeof pool.query;
  return new EventWriter(counted, { concurrency });
}

describe("event writer (group commit)", () => {
  it("commits concurrent inserts in shared statements and answers each with its own id or duplicate", async () => {
    const writer = countingWriter(1);
    statements = 0;
    await writer.insert(row("dup-existing"));
    const rows = [row("dup-existing"), ...Array.from({ length: 48 }, (_, i) => row(`w-${i}`)), row("w-7"), row(null), row(null)];
    const outcomes = await Promise.all(rows.map((r) => writer.insert(r)));
    // The first insert went alone; the 52 that arrived while it ran went in one more statement.
    expect(statements).toBe(2);
    expect(outcomes[0]).toBeNull();
    expect(outcomes[49]).toBeNull(); // the second copy of w-7 in the same batch
    const ids = [...outcomes.slice(1, 49), ...outcomes.slice(50)];
    expect(ids.every((id) => typeof id === "bigint")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: outcomes[8]! } });
    expect(stored.externalId).toBe("w-7");
    expect(Buffer.from(stored.body).toString()).toBe('{"n":"w-7"}');
    expect(stored.receivedAt.toISOString()).toBe("2026-11-24T10:00:00.123Z");
    const anonymous = await t.db.webhookEvent.findMany({ where: { id: { in: [outcomes[50]!, outcomes[51]!] } } });
    expect(anonymous.map((e) => e.externalId)).toEqual([null, null]);
  });

  it("a row the database refuses fails alone; the rest of its batch commits", async () => {
    const writer = countingWriter(1);
    const first = writer.insert(row("bad-0"));
    const batch = [writer.insert(row("bad-1")), writer.insert(row("bad-2", { eventType: "nul\u0000byte" })), writer.insert(row("bad-3"))];
    await first;
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await t.db.webhookEvent.count({ where: { externalId: { in: ["bad-1", "bad-2", "bad-3"] } } })).toBe(2);
  });
});
