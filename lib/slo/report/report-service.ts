// Reads what one month's report needs (SLOs, integrations, the hour rollups, the incidents open during the month)
// and hands it to the pure buildReport. Every SLO is judged over the calendar month, whatever its own window.
import { z } from "zod";
import type { Db } from "../../db/client";
import { sliBuckets } from "../../db/rollups";
import { fastBucketLimit, sliCounts } from "../budget";
import { sloCovers } from "../slo";
import { loadSlo } from "../slos";
import { elapsed, lastFullMonth, monthRange, monthSchema } from "./month";
import { providerOf } from "./provider";
import { buildReport, type SloReport } from "./report";

export const reportQuerySchema = z.object({
  month: monthSchema.optional().describe("YYYY-MM (UTC); absent: the last full calendar month"),
});

/** A page's ?month=: the month to show, the default (last full) month, and whether what was asked was malformed. */
export function pageMonth(asked: unknown, now = Date.now()): { month: string; defaultMonth: string; invalid: boolean } {
  const defaultMonth = lastFullMonth(now);
  const parsed = monthSchema.safeParse(asked);
  return { month: parsed.success ? parsed.data : defaultMonth, defaultMonth, invalid: asked !== undefined && !parsed.success };
}

/** The month asked for, or the last full one. */
export const reportMonth = (month: string | undefined, now: number): string => month ?? lastFullMonth(now);

export async function monthlyReport(db: Db, month: string, now = Date.now()): Promise<SloReport> {
  const range = monthRange(month);
  const { to } = elapsed(range, now);
  const [rows, all] = await Promise.all([
    db.slo.findMany({ orderBy: { name: "asc" } }),
    db.integration.findMany({ select: { id: true, name: true, tags: true, kind: true, config: true }, orderBy: { name: "asc" } }),
  ]);
  const slos = rows.map(loadSlo).filter((s) => s !== null);
  // Past hours come from the hour rollups; the hour in progress (a month in progress) from the minute rollups.
  const read = (ids: string[], fastLimit: number | null) => (to > range.from ? sliBuckets(db, ids, range.from, to, to, fastLimit) : Promise.resolve([]));
  const toCounts = (rs: Awaited<ReturnType<typeof sliBuckets>>, sli: Parameters<typeof sliCounts>[1]) =>
    sliCounts(
      rs.map((r) => ({ start: r.bucket.getTime(), count: r.count, failures: r.failures, fast: r.fast })),
      sli,
    );

  const sloInputs = [];
  for (const slo of slos) {
    const ids = all.filter((i) => sloCovers(slo.scope, i)).map((i) => i.id);
    const buckets = await read(ids, slo.sli.kind === "latency" ? fastBucketLimit(slo.sli.thresholdMs) : null);
    sloInputs.push({
      id: slo.id,
      name: slo.name,
      objectivePct: slo.objectivePct,
      slaPct: slo.slaPct,
      window: slo.window,
      sli: slo.sli,
      integrationIds: ids,
      counts: toCounts(buckets, slo.sli),
    });
  }

  const integrations = all.map((i) => ({ id: i.id, name: i.name, provider: providerOf(i) }));
  const providerCounts: Record<string, ReturnType<typeof sliCounts>> = {};
  for (const provider of new Set(integrations.map((i) => i.provider))) {
    const ids = integrations.filter((i) => i.provider === provider).map((i) => i.id);
    providerCounts[provider] = toCounts(await read(ids, null), { kind: "availability" });
  }

  const incidents = await db.incident.findMany({
    where: { startedAt: { lt: new Date(to) }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: new Date(range.from) } }] },
    select: { id: true, ruleName: true, integrationId: true, severity: true, startedAt: true, resolvedAt: true, summary: true },
    orderBy: { startedAt: "asc" },
  });

  return buildReport({
    range,
    now,
    slos: sloInputs,
    integrations,
    providerCounts,
    incidents: incidents.map((i) => ({ ...i, startedAt: i.startedAt.getTime(), resolvedAt: i.resolvedAt?.getTime() ?? null })),
  });
}
