// SLOs behind the API and the pages: audited create / update / delete, and each SLO's budget figures read from
// the probe rollups (hour rollups for the window, minute rollups for the last 3 days the burn rates look at).
import type { Db } from "../db/client";
import type { Prisma, Slo } from "../db/generated/client";
import { sliBuckets } from "../db/rollups";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { budgetSeries, burnRateOver, fastBucketLimit, sliCounts, sloStatus, summarize, windowRange, type SliCounts } from "./budget";
import { sloCovers, sloInputSchema, sliSchema, sloScopeSchema, SLO_WINDOWS, type SloInput, type SloWindow } from "./slo";
import type { SloDetail, SloView, SlosResponse } from "./types";

const MIN = 60_000;
const BURN_MINUTES = { h1: 60, h6: 360, d3: 4_320 } as const;

/** A stored row read back through the schemas; a row that no longer parses (hand-edited) is skipped. */
export function loadSlo(row: Slo): (SloInput & { id: string; createdAt: Date; updatedAt: Date }) | null {
  const scope = sloScopeSchema.safeParse(row.scope);
  const sli = sliSchema.safeParse(row.sli);
  if (!scope.success || !sli.success || !(SLO_WINDOWS as readonly string[]).includes(row.window)) return null;
  return {
    id: row.id,
    name: row.name,
    scope: scope.data,
    objectivePct: row.objectivePct,
    window: row.window as SloWindow,
    sli: sli.data,
    slaPct: row.slaPct,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type Loaded = NonNullable<ReturnType<typeof loadSlo>>;
export type Known = { id: string; name: string; tags: string[] };

function scopeText(slo: Loaded, covered: Known[]): string {
  switch (slo.scope.kind) {
    case "integration":
      return covered[0]?.name ?? "a deleted integration";
    case "tag":
      return `tag ${slo.scope.tag}`;
    case "integrations":
      return `${covered.length} integration${covered.length === 1 ? "" : "s"}`;
  }
}

/** The SLI's good and total events per rollup bucket over the SLO's window and the 3 days burn rates look at. */
export async function sloCounts(
  db: Db,
  slo: Loaded,
  covered: readonly Known[],
  now: number,
): Promise<{ range: { from: number; to: number }; counts: SliCounts[] }> {
  const range = windowRange(slo.window, now);
  const minutesSince = Math.floor((now - BURN_MINUTES.d3 * MIN) / MIN) * MIN;
  const from = Math.min(range.from, minutesSince);
  const rows = await sliBuckets(
    db,
    covered.map((i) => i.id),
    from,
    now + 1,
    minutesSince,
    slo.sli.kind === "latency" ? fastBucketLimit(slo.sli.thresholdMs) : null,
  );
  const counts = sliCounts(
    rows.map((r) => ({ start: r.bucket.getTime(), count: r.count, failures: r.failures, fast: r.fast })),
    slo.sli,
  );
  return { range, counts };
}

/** The SLO's figures at `now`, and its daily budget points when asked. */
async function figures(db: Db, slo: Loaded, all: Known[], now: number, withSeries: boolean): Promise<SloDetail> {
  const covered = all.filter((i) => sloCovers(slo.scope, i));
  const { range, counts } = await sloCounts(db, slo, covered, now);
  const summary = summarize(counts, slo.objectivePct, { from: range.from, to: now + 1 });
  const burn = (m: number) => burnRateOver(counts, slo.objectivePct, m, now);
  return {
    id: slo.id,
    name: slo.name,
    scope: slo.scope,
    scopeText: scopeText(slo, covered),
    objectivePct: slo.objectivePct,
    window: slo.window,
    sli: slo.sli,
    slaPct: slo.slaPct,
    integrations: covered.map((i) => ({ id: i.id, name: i.name })),
    total: summary.total,
    good: summary.good,
    achievedPct: summary.achievedPct,
    budgetRemaining: summary.budgetRemaining,
    burnRates: { h1: burn(BURN_MINUTES.h1), h6: burn(BURN_MINUTES.h6), d3: burn(BURN_MINUTES.d3) },
    status: sloStatus(summary.budgetRemaining),
    windowFrom: new Date(range.from).toISOString(),
    createdAt: slo.createdAt.toISOString(),
    updatedAt: slo.updatedAt.toISOString(),
    series: withSeries
      ? budgetSeries(counts, slo.objectivePct, range.from, now + 1).map((p) => ({ day: new Date(p.day).toISOString(), budgetRemaining: p.budgetRemaining }))
      : [],
  };
}

export const integrations = (db: Db): Promise<Known[]> => db.integration.findMany({ select: { id: true, name: true, tags: true }, orderBy: { name: "asc" } });

const view = ({ series: _series, ...rest }: SloDetail): SloView => rest;

export async function listSlos(db: Db, now = Date.now()): Promise<SlosResponse> {
  const [rows, all] = await Promise.all([db.slo.findMany({ orderBy: { name: "asc" } }), integrations(db)]);
  const loaded = rows.map(loadSlo).filter((s): s is Loaded => s !== null);
  const slos: SloView[] = [];
  for (const slo of loaded) slos.push(view(await figures(db, slo, all, now, false)));
  return { slos };
}

/** The SLOs that cover one integration, for its page. */
export async function slosForIntegration(db: Db, integrationId: string, now = Date.now()): Promise<SlosResponse> {
  const { slos } = await listSlos(db, now);
  return { slos: slos.filter((s) => s.integrations.some((i) => i.id === integrationId)) };
}

async function sloOr404(db: Pick<Db, "slo">, id: string): Promise<Loaded> {
  const row = await db.slo.findUnique({ where: { id } });
  const slo = row ? loadSlo(row) : null;
  if (!slo) throw ApiError.notFound("SLO");
  return slo;
}

export async function getSlo(db: Db, id: string, now = Date.now()): Promise<SloDetail> {
  const [slo, all] = await Promise.all([sloOr404(db, id), integrations(db)]);
  return figures(db, slo, all, now, true);
}

/** What the schema cannot know: the integrations named must exist. */
async function checkReferences(db: Db, input: SloInput): Promise<void> {
  const ids = input.scope.kind === "integration" ? [input.scope.integrationId] : input.scope.kind === "integrations" ? input.scope.integrationIds : [];
  if (ids.length === 0) return;
  const found = new Set((await db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((i) => i.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const path = input.scope.kind === "integration" ? "scope.integrationId" : "scope.integrationIds";
  throw ApiError.invalidFields({ [path]: [`No integration with id ${missing.join(", ")}`] });
}

const toData = (input: SloInput) => ({ ...input, scope: input.scope as Prisma.InputJsonValue, sli: input.sli as Prisma.InputJsonValue });

export async function createSlo(db: Db, raw: unknown, actor: Actor, now = Date.now()): Promise<SloDetail> {
  const input = sloInputSchema.parse(raw);
  await checkReferences(db, input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.slo.create({ data: { ...toData(input), createdBy: actorOf(actor).label } });
    await audit(tx, actorOf(actor), { action: "slo.create", summary: `Created SLO ${created.name}`, targetType: "slo", targetId: created.id, ip: actor.ip });
    return created;
  });
  return getSlo(db, row.id, now);
}

/** Partial update: the stored SLO merged with the change must validate as a whole. */
export async function updateSlo(db: Db, id: string, patch: unknown, actor: Actor, now = Date.now()): Promise<SloDetail> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw ApiError.badRequest("Send a JSON object of the fields to change");
  const { id: _id, createdAt: _c, updatedAt: _u, ...current } = await sloOr404(db, id);
  const input = sloInputSchema.parse({ ...current, ...patch });
  await checkReferences(db, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.slo.updateMany({ where: { id }, data: toData(input) });
    if (count === 0) throw ApiError.notFound("SLO");
    await audit(tx, actorOf(actor), { action: "slo.update", summary: `Updated SLO ${input.name}`, targetType: "slo", targetId: id, ip: actor.ip });
  });
  return getSlo(db, id, now);
}

export async function deleteSlo(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const slo = await sloOr404(tx, id);
    // A burn-rate rule watching it would go quiet without a word: say which rules to change first.
    const rules = await tx.alertRule.findMany({ where: { condition: { path: ["sloId"], equals: id } }, select: { name: true }, orderBy: { name: "asc" } });
    if (rules.length)
      throw ApiError.conflict(`Alert rules watch this SLO: ${rules.map((r) => r.name).join(", ")}. Delete or change them first.`, {
        rules: rules.map((r) => r.name),
      });
    await tx.slo.delete({ where: { id } });
    await audit(tx, actorOf(actor), { action: "slo.delete", summary: `Deleted SLO ${slo.name}`, targetType: "slo", targetId: id, ip: actor.ip });
  });
}
