// The paged overview against a seeded database of a few hundred integrations: pages partition the filtered set in
// the asked order, the SQL's status agrees with healthOf (the full list computes it in JS), counts come out right,
// and the 24-hour summaries are built by the worker's job, not by a read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshStatuses } from "../db/integration-status";
import { buildDaySummaries } from "../db/rollups";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createIntegration, deleteIntegration, listIntegrations, updateIntegration } from "./crud";
import { listOverview } from "./overview";
import { OVERVIEW_SORTS, type OverviewQueryInput } from "./overview-query";
import { parseOverviewQuery } from "./overview-query-schema";
import type { HealthStatus, IntegrationSummary } from "./types";

let t: TestDb;
const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-24T12:20:00.000Z");
const N = 300;
let all: IntegrationSummary[];

const page = (q: OverviewQueryInput, now = NOW) => listOverview(t.db, parseOverviewQuery(q as Record<string, unknown>), now);

beforeAll(async () => {
  t = await createTestDb();
  // 300 integrations over three kinds and five teams; circuits and error rates vary so every status occurs.
  await t.db.$executeRawUnsafe(`
    INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", enabled, tags, "nextRunAt", "updatedAt")
    SELECT gen_random_uuid(), 'svc-' || lpad(g::text, 3, '0') || CASE WHEN g % 50 = 0 THEN '_50%' ELSE '' END,
      (ARRAY['http', 'tcp', 'dns']::"IntegrationKind"[])[g % 3 + 1],
      CASE g % 3 WHEN 0 THEN jsonb_build_object('url', 'https://api' || g || '.example.com/health') WHEN 1 THEN jsonb_build_object('host', 'db' || g || '.internal', 'port', 5432)
        ELSE jsonb_build_object('hostname', 'dns' || g || '.example.org', 'recordType', 'A') END,
      60, 1000, g % 40 <> 0, ARRAY['team-' || (g % 5)] || CASE WHEN g % 7 = 0 THEN ARRAY['critical'] ELSE ARRAY[]::text[] END,
      now(), now()
    FROM generate_series(1, ${N}) g`);
  await t.db.$executeRawUnsafe(`
    INSERT INTO "CircuitState" ("integrationId", state, "consecutiveFailures", "lastRunAt", "lastRunOk", "lastRunError", "updatedAt")
    SELECT id, CASE WHEN n % 23 = 0 THEN 'open' WHEN n % 29 = 0 THEN 'half_open' ELSE 'closed' END::"CircuitStateKind",
      CASE WHEN n % 11 = 0 THEN 3 WHEN n % 13 = 0 THEN 1 ELSE 0 END,
      timestamp '2026-11-24 12:19:00' - make_interval(secs => n), NOT (n % 11 = 0 OR n % 13 = 0), NULL, now()
    FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM "Integration") x
    WHERE n % 17 <> 0`);
  // Hour rollups for the last 24 hours; every ninth integration fails 10% of its runs (degraded by error rate).
  await t.db.$executeRawUnsafe(`
    INSERT INTO "ProbeRollupHour" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p95Ms", "histIdx", "histCnt")
    SELECT x.id, timestamp '2026-11-24 12:00:00' - make_interval(hours => h), 60, CASE WHEN x.n % 9 = 0 THEN 6 ELSE 0 END, 60 * 50, 80, 70, ARRAY[17, 19], ARRAY[40, 20]
    FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM "Integration") x CROSS JOIN generate_series(0, 23) h`);
  // Seeded around the writers that keep the stored status, so decided here as the worker's sweep would.
  await refreshStatuses(t.db, null, NOW);
  all = await listIntegrations(t.db, NOW);
});
afterAll(async () => {
  await t?.close();
});

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

describe("paged overview", () => {
  it("summaries come from the worker's build: pending before, none after, and a second build writes nothing", async () => {
    expect(await t.db.probeDaySummary.count()).toBe(0); // listIntegrations above read, never wrote
    const before = await page({ pageSize: "10" });
    expect(before.summariesPending).toBe(N);
    expect(await t.db.probeDaySummary.count()).toBe(0);
    expect(await buildDaySummaries(t.db, NOW)).toBe(N);
    expect(await buildDaySummaries(t.db, NOW)).toBe(0);
    const after = await page({ pageSize: "10" });
    expect(after.summariesPending).toBe(0);
    // The page's rows are exact either way.
    expect(after.items).toEqual(before.items);
    // The next hour (past the grace period) makes them stale again; the job brings them back.
    expect((await page({ pageSize: "1" }, NOW + HOUR)).summariesPending).toBe(N);
    expect(await buildDaySummaries(t.db, NOW + HOUR)).toBe(N);
    await buildDaySummaries(t.db, NOW);
  });

  it("counts each status as healthOf does, in one answer beside the page", async () => {
    const expected: Record<HealthStatus, number> = { healthy: 0, degraded: 0, down: 0, paused: 0, pending: 0 };
    for (const i of all) expected[i.status]++;
    for (const s of Object.values(expected)) expect(s).toBeGreaterThan(0);
    const res = await page({});
    expect(res.counts).toEqual({ all: N, byStatus: expected });
    expect(res.total).toBe(N);
    expect(res.pages).toBe(3);
    expect(res.facets.kinds).toEqual(["dns", "http", "tcp"]);
    expect(res.facets.tags).toEqual(["critical", "team-0", "team-1", "team-2", "team-3", "team-4"]);
  });

  it("filters by status to exactly the integrations healthOf puts there, worst first by default", async () => {
    for (const status of ["down", "degraded", "pending", "healthy", "paused"] as const) {
      const res = await page({ status, pageSize: "500" });
      expect(res.items.map((i) => i.name)).toEqual(
        all
          .filter((i) => i.status === status)
          .sort(byName)
          .map((i) => i.name),
      );
      expect(res.items.every((i) => i.status === status)).toBe(true);
      expect(res.total).toBe(res.items.length);
    }
    const first = await page({ pageSize: "500" });
    const order = ["down", "degraded", "pending", "healthy", "paused"];
    const ranks = first.items.map((i) => order.indexOf(i.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("pages partition the filtered set with no overlap or gap, in every sort", async () => {
    for (const sort of OVERVIEW_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const pages = await Promise.all([1, 2, 3, 4].map((p) => page({ sort, dir, page: String(p), pageSize: "80" })));
        const ids = pages.flatMap((p) => p.items.map((i) => i.id));
        expect(ids).toHaveLength(N);
        expect(new Set(ids).size).toBe(N);
        expect(pages.map((p) => p.items.length)).toEqual([80, 80, 80, 60]);
      }
    }
    const past = await page({ page: "9", pageSize: "80" });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(N);
  });

  it("sorts by name, kind, error rate and last probe", async () => {
    const names = (await page({ sort: "name", pageSize: "500" })).items.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    expect((await page({ sort: "name", dir: "desc", pageSize: "500" })).items.map((i) => i.name)).toEqual([...names].reverse());
    const kinds = (await page({ sort: "kind", pageSize: "500" })).items.map((i) => i.kind);
    expect(kinds).toEqual([...kinds].sort());
    const errors = (await page({ sort: "errors", pageSize: "500" })).items.map((i) => i.errorRate ?? -1);
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
    expect(errors[0]).toBeCloseTo(0.1);
    const lastRun = (await page({ sort: "lastRun", pageSize: "500" })).items;
    const times = lastRun.filter((i) => i.lastRunAt).map((i) => Date.parse(i.lastRunAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times.length).toBeLessThan(N);
    expect(lastRun.slice(times.length).every((i) => i.lastRunAt === null)).toBe(true); // never probed: last either way
  });

  it("filters by kind and tag, searches name, target and tags, and takes % and _ literally", async () => {
    const tcp = await page({ kind: "tcp", pageSize: "500" });
    expect(tcp.total).toBe(all.filter((i) => i.kind === "tcp").length);
    expect(tcp.items.every((i) => i.kind === "tcp")).toBe(true);
    // Counts follow the kind filter too (the status filter aside).
    expect(tcp.counts.all).toBe(tcp.total);

    const critical = await page({ tag: "critical", kind: "http", pageSize: "500" });
    expect(critical.items.map((i) => i.name)).toEqual(
      all
        .filter((i) => i.tags.includes("critical") && i.kind === "http")
        .sort(byName)
        .map((i) => i.name)
        .sort((a, b) => {
          const s = (n: string) => ["down", "degraded", "pending", "healthy", "paused"].indexOf(all.find((i) => i.name === n)!.status);
          return s(a) - s(b) || (a < b ? -1 : 1);
        }),
    );

    expect((await page({ q: "SVC-07", sort: "name" })).items.map((i) => i.name)).toEqual([
      "svc-070",
      "svc-071",
      "svc-072",
      "svc-073",
      "svc-074",
      "svc-075",
      "svc-076",
      "svc-077",
      "svc-078",
      "svc-079",
    ]);
    expect((await page({ q: "db13.internal" })).items.map((i) => i.name)).toEqual(["svc-013"]);
    expect((await page({ q: "team-3", pageSize: "500" })).total).toBe(all.filter((i) => i.tags.includes("team-3")).length);
    expect((await page({ q: "_50%", pageSize: "500", sort: "name" })).items.map((i) => i.name)).toEqual(
      all
        .filter((i) => i.name.endsWith("_50%"))
        .map((i) => i.name)
        .sort(),
    );
    const none = await page({ q: "no-such-thing" });
    expect(none).toMatchObject({ items: [], total: 0, pages: 1, counts: { all: 0 } });
  });
});

describe("search rows and tag counts", () => {
  const tagsInUse = async () => (await t.db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest(tags) AS tag FROM "Integration" ORDER BY 1`).map((r) => r.tag);
  const searchRow = (id: string) =>
    t.db.$queryRaw<{ xmin: string; text: string }[]>`SELECT xmin::text AS xmin, text FROM "IntegrationSearch" WHERE "integrationId" = ${id}::uuid`.then(
      (r) => r[0],
    );

  it("follow every create, edit and delete, and a probe's write to the integration leaves them alone", async () => {
    const facets = async () => (await page({ pageSize: "1" })).facets.tags;
    expect(await facets()).toEqual(await tagsInUse());

    const made = await createIntegration(
      t.db,
      { name: "zz-search", kind: "http", intervalSeconds: 60, timeoutMs: 1_000, config: { url: "https://first.example.net/" }, tags: ["fresh", "team-1"] },
      undefined,
      NOW,
    );
    expect(await facets()).toEqual(await tagsInUse());
    expect(await facets()).toContain("fresh");
    expect((await page({ q: "first.example.net" })).items.map((i) => i.name)).toEqual(["zz-search"]);
    expect((await page({ tag: "fresh" })).items.map((i) => i.name)).toEqual(["zz-search"]);

    // What every probe does to its integration's row (the next slot, the lease): not an edit of what is searched.
    const before = await searchRow(made.id);
    await t.db.$executeRaw`UPDATE "Integration" SET "nextRunAt" = "nextRunAt" + interval '1 minute', "leaseOwner" = 'w1' WHERE id = ${made.id}::uuid`;
    await refreshStatuses(t.db, [made.id], NOW);
    expect(await searchRow(made.id)).toEqual(before);

    await updateIntegration(t.db, made.id, { config: { url: "https://second.example.net/" }, tags: ["team-1"] }, undefined, NOW);
    expect((await page({ q: "first.example.net" })).total).toBe(0);
    expect((await page({ q: "second.example.net" })).items.map((i) => i.name)).toEqual(["zz-search"]);
    expect(await facets()).not.toContain("fresh");
    expect(await facets()).toEqual(await tagsInUse());
    expect((await page({ tag: "team-1", pageSize: "500" })).total).toBe(all.filter((i) => i.tags.includes("team-1")).length + 1);

    await deleteIntegration(t.db, made.id);
    expect(await searchRow(made.id)).toBeUndefined();
    expect((await page({ q: "second.example.net" })).total).toBe(0);
    expect(await facets()).toEqual(await tagsInUse());
    expect((await t.db.integrationTag.findUniqueOrThrow({ where: { tag: "team-1" } })).integrations).toBe(all.filter((i) => i.tags.includes("team-1")).length);
  });
});
