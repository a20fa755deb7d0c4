// Integration CRUD: the overview list, one integration's detail, and audited create / update / delete. The pages
// and the JSON API both call these, so a page's prefetched data and the API's answer are the same shape.
import { latestContractChange, withoutBaselines } from "./contract-change";
import type { Db } from "../db/client";
import { Prisma, type CircuitStateKind } from "../db/generated/client";
import { refreshStatuses } from "../db/integration-status";
import { dayStats, emptyDayStats, type DayStats } from "../db/rollups";
import { healthOf, uptimeOf } from "../domain/health";
import { histogramQuantile } from "../domain/latency-histogram";
import { integrationInputSchema, type IntegrationInput } from "./integration-input";
import type { IntegrationKind } from "../probes/kinds";
import { KIND_INFO } from "../probes/kinds";
import { webhookHealth } from "../webhooks/health";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, SYSTEM_ACTOR as SYSTEM, type Actor } from "../auth/actor";
import { checkKindAllowed } from "./kind-gate";
import { syncLocationSlots } from "../scheduler/location-leases";
import type { IntegrationDetail, IntegrationSummary, LocationLatestView } from "./types";
import { quorumVerdict } from "../domain/quorum";
import { locationCoverage } from "../domain/location-coverage";
import { locationSightings } from "../workers/heartbeat";
import { providerIndicators, readProviderStatus, statusUrlOf } from "../providers/status/poll-job";
import type { StatusIndicator } from "../providers/status/reading";

type IntegrationRow = Prisma.IntegrationGetPayload<{ include: { circuit: true } }>;

/** What a summary needs of an integration: its row and the circuit's state and latest run. */
export type ListedRow = Pick<IntegrationRow, "id" | "name" | "kind" | "config" | "enabled" | "tags" | "intervalSeconds" | "nextRunAt"> & {
  circuit: Pick<NonNullable<IntegrationRow["circuit"]>, "state" | "consecutiveFailures" | "lastRunAt" | "lastRunOk" | "lastRunError"> | null;
};

export function summarize(
  row: ListedRow,
  s: DayStats | undefined,
  readings?: Map<string, { indicator: StatusIndicator; pageName: string | null }>,
): IntegrationSummary {
  s ??= emptyDayStats();
  const lastRun = { lastRunAt: row.circuit?.lastRunAt ?? null, lastRunOk: row.circuit?.lastRunOk ?? null, lastError: row.circuit?.lastRunError ?? null };
  const circuit = row.circuit?.state ?? "closed";
  const errorRate = s.runs === 0 ? null : s.failures / s.runs;
  const kind = row.kind as IntegrationKind;
  return {
    id: row.id,
    name: row.name,
    kind,
    target: KIND_INFO[kind]?.target(row.config as Record<string, unknown>) ?? row.kind,
    enabled: row.enabled,
    tags: row.tags,
    intervalSeconds: row.intervalSeconds,
    status: healthOf({ enabled: row.enabled, circuit, lastRunOk: lastRun.lastRunOk, errorRate, consecutiveFailures: row.circuit?.consecutiveFailures ?? 0 }),
    circuit,
    uptime: uptimeOf(s.runs, s.failures),
    errorRate,
    p95Ms: histogramQuantile(s.hist, 0.95, s.maxMs),
    runs24h: s.runs,
    lastRunAt: lastRun.lastRunAt?.toISOString() ?? null,
    lastRunOk: lastRun.lastRunOk,
    lastError: lastRun.lastError,
    nextRunAt: row.enabled ? row.nextRunAt.toISOString() : null,
    hourly: s.hourly,
    providerStatus: providerIndicatorOf(row, readings),
  };
}

function providerIndicatorOf(
  row: ListedRow,
  readings: Map<string, { indicator: StatusIndicator; pageName: string | null }> | undefined,
): IntegrationSummary["providerStatus"] {
  const url = row.kind === "http" ? statusUrlOf(row.config) : null;
  if (!url) return null;
  const r = readings?.get(url);
  return { url, indicator: r?.indicator ?? "unknown", pageName: r?.pageName ?? null };
}

export async function listIntegrations(db: Db, now = Date.now()): Promise<IntegrationSummary[]> {
  const rows = db.$queryRaw<
    (Omit<ListedRow, "circuit"> & {
      circuitState: CircuitStateKind | null;
      consecutiveFailures: number | null;
      lastRunAt: Date | null;
      lastRunOk: boolean | null;
      lastRunError: string | null;
    })[]
  >`
      SELECT i.id::text AS id, i.name, i.kind::text AS kind, i.config, i.enabled, i.tags, i."intervalSeconds", i."nextRunAt",
        c.state::text AS "circuitState", c."consecutiveFailures", c."lastRunAt", c."lastRunOk", c."lastRunError"
      FROM "Integration" i LEFT JOIN "CircuitState" c ON c."integrationId" = i.id
      ORDER BY i.name`.then((list) => list); // started now (Prisma queries are lazy), read once
  // The summaries and rollups are read beside the list; only refreshing stale summaries waits for its ids.
  const ids = rows.then((list) => list.map((r) => r.id));
  ids.catch(() => undefined); // a failed list is reported through `rows` below
  const [list, stats, readings] = await Promise.all([rows, dayStats(db, null, now, ids), providerIndicators(db)]);
  return list.map(({ circuitState, consecutiveFailures, lastRunAt, lastRunOk, lastRunError, ...r }) =>
    summarize(
      { ...r, circuit: circuitState ? { state: circuitState, consecutiveFailures: consecutiveFailures ?? 0, lastRunAt, lastRunOk, lastRunError } : null },
      stats.get(r.id),
      readings,
    ),
  );
}

export async function findOr404(db: Db, id: string): Promise<IntegrationRow> {
  const row = await db.integration.findUnique({ where: { id }, include: { circuit: true } });
  if (!row) throw ApiError.notFound("integration");
  return row;
}

export async function getIntegration(db: Db, id: string, now = Date.now()): Promise<IntegrationDetail> {
  // All at once: the reads below do not need the row, and find nothing when it does not exist.
  const [row, stats, transitions, webhooks, contractChange] = await Promise.all([
    findOr404(db, id),
    dayStats(db, [id], now),
    db.circuitTransition.findMany({ where: { integrationId: id }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 50 }),
    webhookHealth(db, id, now),
    latestContractChange(db, id),
  ]);
  const statusUrl = row.kind === "http" ? statusUrlOf(row.config) : null;
  const [providerStatus, locations] = await Promise.all([
    statusUrl ? readProviderStatus(db, statusUrl).then((reading) => ({ url: statusUrl, reading })) : null,
    latestByLocation(db, id, row.locations ?? [], now),
  ]);
  const summary = summarize(row, stats.get(id));
  if (locations.length > 0) {
    const verdict = quorumVerdict(
      row.locations,
      locations.flatMap((l) => (l.ok === null ? [] : [{ location: l.location, ok: l.ok }])),
      row.quorum,
    );
    summary.status = healthOf({
      enabled: row.enabled,
      circuit: summary.circuit,
      lastRunOk: summary.lastRunOk,
      errorRate: summary.errorRate,
      consecutiveFailures: row.circuit?.consecutiveFailures ?? 0,
      quorum: verdict,
    });
  }
  return {
    ...summary,
    locations,
    providerStatus,
    input: toInput(row),
    managedBy: row.managedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    consecutiveFailures: row.circuit?.consecutiveFailures ?? 0,
    circuitOpenedAt: row.circuit?.openedAt?.toISOString() ?? null,
    transitions: transitions.map((t) => ({ id: t.id.toString(), from: t.from, to: t.to, reason: t.reason, at: t.at.toISOString() })),
    webhooks,
    contractChange,
    lastReadings:
      row.circuit?.lastDetails && row.circuit.lastDetailsAt
        ? { at: row.circuit.lastDetailsAt.toISOString(), details: withoutBaselines(row.circuit.lastDetails as Record<string, unknown>)! }
        : null,
  };
}

/** The latest run of each listed location (one index probe each), in the order they are listed, and whether a worker serves it. */
async function latestByLocation(db: Db, id: string, locations: string[], now: number): Promise<LocationLatestView[]> {
  if (locations.length === 0) return [];
  // Each location's own last 24 hours, so one vantage point's failures or slowness show where the overview's figures
  // (which pool every location's runs) cannot: one pass over the integration's runs of the day, by its index.
  const window24h = db.$queryRaw<{ location: string; runs: number; failed: number; p95: number | null }[]>`
    SELECT location, count(*)::int AS runs, (count(*) FILTER (WHERE NOT ok))::int AS failed,
      round(percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs"))::int AS p95
    FROM "ProbeRun"
    WHERE "integrationId" = ${id}::uuid AND location = ANY(${locations}::text[])
      AND "startedAt" > ${new Date(now - 86_400_000)} AND "startedAt" <= ${new Date(now)}
    GROUP BY location`;
  const latest = db.$queryRaw<
    { location: string; startedAt: Date | null; ok: boolean | null; latencyMs: number | null; errorMessage: string | null; circuit: CircuitStateKind | null }[]
  >`
    SELECT l.location, r."startedAt", r.ok, r."latencyMs", r."errorMessage",
      (SELECT s."circuitState"::text FROM "IntegrationLocation" s WHERE s."integrationId" = ${id}::uuid AND s.location = l.location) AS circuit
    FROM unnest(${locations}::text[]) WITH ORDINALITY AS l(location, n)
    LEFT JOIN LATERAL (
      SELECT "startedAt", ok, "latencyMs", "errorMessage" FROM "ProbeRun"
      WHERE "integrationId" = ${id}::uuid AND location = l.location ORDER BY "startedAt" DESC LIMIT 1
    ) r ON true
    ORDER BY l.n`;
  const [rows, sightings, day] = await Promise.all([latest, locationSightings(db, locations), window24h]);
  const coverage = new Map(locationCoverage(locations, sightings, now).map((c) => [c.location, c]));
  const stats = new Map(day.map((w) => [w.location, w]));
  return rows.map((r) => {
    const c = coverage.get(r.location);
    const w = stats.get(r.location);
    const workerLastSeenAt = c?.workerLastSeenAt ?? null;
    return {
      location: r.location,
      lastRunAt: r.startedAt?.toISOString() ?? null,
      ok: r.ok,
      latencyMs: r.latencyMs,
      error: r.errorMessage,
      workerLastSeenAt: workerLastSeenAt === null ? null : new Date(workerLastSeenAt).toISOString(),
      served: c?.served ?? false,
      circuit: r.circuit ?? "closed",
      runs24h: w?.runs ?? 0,
      errorRate24h: w && w.runs > 0 ? w.failed / w.runs : null,
      p95Ms24h: w?.p95 ?? null,
    };
  });
}

function toInput(row: IntegrationRow): IntegrationDetail["input"] {
  return {
    name: row.name,
    kind: row.kind as IntegrationKind,
    config: row.config as IntegrationDetail["input"]["config"],
    intervalSeconds: row.intervalSeconds,
    timeoutMs: row.timeoutMs,
    enabled: row.enabled,
    tags: row.tags,
    retryAttempts: row.retryAttempts,
    backoffInitialMs: row.backoffInitialMs,
    backoffMaxMs: row.backoffMaxMs,
    breakerThreshold: row.breakerThreshold,
    breakerCooldownSeconds: row.breakerCooldownSeconds,
    locations: row.locations ?? [],
    quorum: row.quorum,
  };
}

function toData(input: IntegrationInput) {
  return { ...input, config: input.config as Prisma.InputJsonValue };
}

function rethrowConflict(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    throw ApiError.conflict("An integration with that name already exists", { fields: { name: ["An integration with that name already exists"] } });
  }
  throw err;
}

export async function createIntegration(db: Db, raw: unknown, actor: Actor = SYSTEM, now = Date.now()): Promise<IntegrationDetail> {
  const input = integrationInputSchema.parse(raw) as IntegrationInput;
  checkKindAllowed(input, actor);
  const row = await db
    .$transaction(async (tx) => {
      const created = await tx.integration.create({ data: { ...toData(input), nextRunAt: new Date(now) } });
      await refreshStatuses(tx, [created.id], now);
      await syncLocationSlots(tx, created.id, input.locations, new Date(now));
      await audit(tx, actorOf(actor), {
        action: "integration.create",
        summary: `Created ${created.name}`,
        targetType: "integration",
        targetId: created.id,
        ip: actor.ip,
      });
      return created;
    })
    .catch(rethrowConflict);
  return getIntegration(db, row.id, now);
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Partial update: the stored integration merged with the change must validate as a whole. */
export async function updateIntegration(db: Db, id: string, patch: unknown, actor: Actor = SYSTEM, now = Date.now()): Promise<IntegrationDetail> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) throw ApiError.badRequest("Send a JSON object of the fields to change");
  const current = toInput(await findOr404(db, id));
  const input = integrationInputSchema.parse({ ...current, ...patch }) as IntegrationInput;
  checkKindAllowed(input, actor);
  const changed = changedFields(current as unknown as Record<string, unknown>, input as unknown as Record<string, unknown>);
  await db
    .$transaction(async (tx) => {
      // Any change makes the next probe due now, so its effect shows at once.
      const { count } = await tx.integration.updateMany({
        where: { id },
        data: { ...toData(input), nextRunAt: new Date(now), leaseOwner: null, leaseExpiresAt: null },
      });
      if (count === 0) throw ApiError.notFound("integration");
      await refreshStatuses(tx, [id], now);
      await syncLocationSlots(tx, id, input.locations, new Date(now), true);
      const summary =
        changed.length === 1 && changed[0] === "enabled"
          ? `${input.enabled ? "Resumed" : "Paused"} ${input.name}`
          : `Updated ${input.name}${changed.length ? `: ${changed.join(", ")}` : ""}`;
      await audit(tx, actorOf(actor), { action: "integration.update", summary, targetType: "integration", targetId: id, details: { changed }, ip: actor.ip });
    })
    .catch(rethrowConflict);
  return getIntegration(db, id, now);
}

export async function deleteIntegration(db: Db, id: string, actor: Actor = SYSTEM): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.integration.findUnique({ where: { id }, select: { name: true } });
    if (!row) throw ApiError.notFound("integration");
    await tx.integration.delete({ where: { id } });
    await audit(tx, actorOf(actor), { action: "integration.delete", summary: `Deleted ${row.name}`, targetType: "integration", targetId: id, ip: actor.ip });
  });
}
