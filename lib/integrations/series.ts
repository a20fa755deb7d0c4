// An integration's chart series: its rollups bucketed into the window's steps (about 60-100 points whatever the
// window), each point with runs, failures and a merged latency histogram.
import type { Db } from "../db/client";
import { seriesBuckets } from "../db/rollups";
import { emptyHistogram, mergeInto } from "../domain/latency-histogram";
import { ApiError } from "../api/errors";
import { windowRange } from "./series-window";
import type { Series, SeriesWindow } from "./types";

const HOUR_MS = 3_600_000;

export async function getSeries(db: Db, id: string, window: SeriesWindow, now = Date.now()): Promise<Series> {
  const { from, to, stepMs } = windowRange(window, now);
  const exists = db.integration.findUnique({ where: { id }, select: { id: true } }).then((row) => {
    if (!row) throw ApiError.notFound("integration");
  });
  // Windows of whole hours read the hour rollups: 168 rows for a week instead of 10,080. Read beside the 404 check.
  const [, rows] = await Promise.all([exists, seriesBuckets(db, id, from, to, stepMs % HOUR_MS === 0)]);
  const points = new Map<number, Series["points"][number]>();
  for (const r of rows) {
    const t = Math.floor((r.bucket.getTime() - from) / stepMs) * stepMs + from;
    let p = points.get(t);
    if (!p) points.set(t, (p = { t: new Date(t).toISOString(), runs: 0, failures: 0, hist: emptyHistogram(), maxMs: 0 }));
    p.runs += r.count;
    p.failures += r.failures;
    mergeInto(p.hist, r.latencyHist);
    p.maxMs = Math.max(p.maxMs, r.latencyMaxMs);
  }
  return { window, stepSeconds: stepMs / 1000, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points: [...points.values()] };
}
