// The overview's 24-hour figures come from a stored summary of the closed hours plus the hour rollups since:
// they must equal a plain merge of the day's hour rollups, stay right as the summary ages, and follow the hour,
// whether or not the worker has built the summary yet (a read never builds it).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { histogramOf, histogramQuantile, toSparse } from "../domain/latency-histogram";
import { createTestDb, type TestDb } from "../testing/postgres";
import { buildDaySummaries } from "../db/rollups";
import { listIntegrations } from "./crud";

let t: TestDb;
const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-24T12:20:00.000Z");

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
});

/** One hour rollup holding these latencies (and `failures` of them failed). */
async function hour(integrationId: string, bucket: number, latencies: number[], failures = 0) {
  const hist = histogramOf(latencies);
  const { idx, cnt } = toSparse(hist);
  const max = Math.max(0, ...latencies);
  await t.db.probeRollupHour.create({
    data: {
      integrationId,
      bucket: new Date(bucket),
      count: latencies.length,
      failures,
      latencySumMs: latencies.reduce((a, b) => a + b, 0),
      latencyMaxMs: max,
      p95Ms: histogramQuantile(hist, 0.95, max),
      histIdx: idx,
      histCnt: cnt,
    },
  });
}

describe("overview 24-hour figures", () => {
  it("equal a merge of the day's hour rollups, before and after the summary is stored, and move with the hour", async () => {
    const { id } = await t.db.integration.create({
      data: { name: "svc", kind: "http", config: { url: "http://127.0.0.1:1/" }, intervalSeconds: 60, timeoutMs: 1_000 },
    });
    const current = Math.floor(NOW / HOUR) * HOUR;
    // 24 hours back (one hour too old to count), a few hours inside the window, and the current hour.
    const hours: [number, number[], number][] = [
      [current - 24 * HOUR, [5_000, 5_000], 2],
      [current - 23 * HOUR, [10, 20, 30], 0],
      [current - 5 * HOUR, [40, 900], 1],
      [current - HOUR, [15, 15, 15, 15], 0],
      [current, [25, 2_000], 1],
    ];
    for (const [bucket, latencies, failures] of hours) await hour(id, bucket, latencies, failures);

    const expected = (now: number) => {
      const since = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
      const inDay = hours.filter(([b]) => b >= since);
      const latencies = inDay.flatMap(([, l]) => l);
      const hourly = Array.from({ length: 24 }, (_, k) => {
        const h = inDay.find(([b]) => b === since + k * HOUR);
        return { runs: h ? h[1].length : 0, failures: h ? h[2] : 0 };
      });
      return {
        runs24h: latencies.length,
        errorRate: inDay.reduce((n, [, , f]) => n + f, 0) / latencies.length,
        p95Ms: histogramQuantile(histogramOf(latencies), 0.95, Math.max(...latencies)),
        hourly,
      };
    };

    // Before the worker has summarized the day, a read merges the hour rollups itself and stores nothing.
    const first = await listIntegrations(t.db, NOW);
    expect(first[0]).toMatchObject(expected(NOW));
    expect(await t.db.probeDaySummary.count()).toBe(0);
    expect(await buildDaySummaries(t.db, NOW)).toBe(1);
    expect(await t.db.probeDaySummary.count()).toBe(1);
    // Read again from the stored summary: the same figures.
    expect((await listIntegrations(t.db, NOW))[0]).toMatchObject(expected(NOW));
    // Within the grace period after the hour the previous hour is still read live; later it is summarized.
    for (const later of [current + HOUR + 60_000, current + HOUR + 10 * 60_000, current + 2 * HOUR + 30 * 60_000]) {
      expect((await listIntegrations(t.db, later))[0]).toMatchObject(expected(later));
      await buildDaySummaries(t.db, later);
      expect((await listIntegrations(t.db, later))[0]).toMatchObject(expected(later));
    }
  });
});
