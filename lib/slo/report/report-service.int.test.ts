// The monthly report against a real database: hour rollups and incidents seeded around a month's edges, read
// through the real route handlers (JSON and CSV, as a signed-in viewer), with the default month and bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "../../auth/testing/session-cookie";
import { sloReportSchema } from "../../api/openapi/responses";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { monthlyReport } from "./report-service";

const SECRET = "slo-report-test-secret-0123456789abcdef";
const HOUR = 3_600_000;
const NOV = Date.UTC(2026, 10, 1);
const DEC = Date.UTC(2026, 11, 1);
const NOW = Date.UTC(2026, 11, 2, 9, 30);

let t: TestDb;
let cookie: string;
let stripe: string;
let hooks: string;
let mail: string;

const integration = async (name: string, url: string) =>
  (await t.db.integration.create({ data: { name, kind: "http", config: { url }, intervalSeconds: 60, timeoutMs: 1_000 } })).id;
const hour = (integrationId: string, at: number, count: number, failures: number) =>
  t.db.probeRollupHour.create({ data: { integrationId, bucket: new Date(at), count, failures, latencySumMs: 0, latencyMaxMs: 0, histIdx: [], histCnt: [] } });

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: SECRET });
  const viewer = await t.db.user.create({ data: { email: "viewer@report.test", role: "viewer" } });
  cookie = await sessionCookie(t.db, viewer.id, SECRET);
  stripe = await integration("Stripe API", "https://api.stripe.com/v1/balance");
  hooks = await integration("Stripe files", "https://files.stripe.com/v1/files");
  mail = await integration("Mail, EU", "https://api.sendgrid.com/v3/scopes");
  // November: 10 hours of 60 runs on Stripe API, 6 bad in the first; the last hour of October is all bad (left out).
  for (let h = 0; h < 10; h++) await hour(stripe, NOV + h * HOUR, 60, h === 0 ? 6 : 0);
  await hour(stripe, NOV - HOUR, 60, 60);
  await hour(hooks, NOV + 5 * HOUR, 40, 0);
  await hour(mail, DEC - HOUR, 100, 50);
  await t.db.slo.create({
    data: {
      name: "Stripe availability",
      scope: { kind: "integrations", integrationIds: [stripe, hooks] },
      objectivePct: 99.9,
      window: "rolling_30d",
      sli: { kind: "availability" },
      slaPct: 99,
    },
  });
  const incident = (integrationId: string, startedAt: number, resolvedAt: number | null) =>
    t.db.incident.create({
      data: {
        ruleName: "Stripe failing",
        conditionKind: "error_rate",
        integrationId,
        severity: "critical",
        status: resolvedAt ? "resolved" : "open",
        startedAt: new Date(startedAt),
        resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
        summary: "Error rate 10%",
        unit: "%",
      },
    });
  await incident(stripe, NOV - 30 * 60_000, NOV + 45 * 60_000);
  await incident(stripe, NOV - 3 * HOUR, NOV - 2 * HOUR);
  await incident(mail, DEC - 20 * 60_000, null);
});
afterAll(async () => {
  await t.close();
});

const get = async (path: string) => {
  const mod = path.includes("report.csv") ? await import("../../../app/api/slos/report.csv/route") : await import("../../../app/api/slos/report/route");
  return mod.GET(new Request(`http://tether.test${path}`, { headers: { cookie } }), { params: Promise.resolve({}) });
};

describe("monthly SLO report", () => {
  it("judges November per SLO and per provider from the stored rollups and incidents", async () => {
    const r = sloReportSchema.parse(await monthlyReport(t.db, "2026-11", NOW));
    expect(r).toMatchObject({ month: "2026-11", state: "complete", through: "2026-12-01T00:00:00.000Z" });
    const [s] = r.slos;
    expect(s).toMatchObject({
      name: "Stripe availability",
      total: 640,
      good: 634,
      objectiveMet: false,
      slaMet: true,
      downtimeMinutes: 6,
      minutesWithData: 600,
    });
    expect(s!.achievedPct).toBeCloseTo((100 * 634) / 640);
    expect(s!.incidents.map((i) => [i.integrationName, i.minutesInMonth])).toEqual([["Stripe API", 45]]);

    expect(r.providers.map((p) => p.provider)).toEqual(["SendGrid", "Stripe"]);
    const sendgrid = r.providers[0]!;
    // The SendGrid incident is still open at the end of November: counted to the month's end.
    expect(sendgrid).toMatchObject({ total: 100, achievedPct: 50, slaPct: null, slaMet: null, downtimeMinutes: 30 });
    expect(sendgrid.incidents.map((i) => [i.resolvedAt, i.minutesInMonth])).toEqual([[null, 20]]);
    expect(r.providers[1]).toMatchObject({ total: 640, slaPct: 99, objectivePct: 99.9, slos: [{ name: "Stripe availability" }] });
  });

  it("reports a month without data as no data", async () => {
    const r = await monthlyReport(t.db, "2026-06", NOW);
    expect(r.slos[0]).toMatchObject({ total: 0, achievedPct: null, objectiveMet: null, incidents: [] });
  });

  it("answers JSON and CSV through the routes, last full month by default, 400 on a bad month", async () => {
    const json = await get("/api/slos/report");
    expect(json.status).toBe(200);
    // The default is the last full month before the real clock, whatever day the test runs.
    const body = sloReportSchema.parse(await json.json());
    const d = new Date();
    expect(body.month).toBe(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7));

    const csv = await get("/api/slos/report.csv?month=2026-11");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="tether-slo-report-2026-11.csv"');
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]!.startsWith("record,name,month,through,integrations,achieved_pct")).toBe(true);
    expect(lines).toContain(`slo,Stripe availability,2026-11,2026-12-01T00:00:00.000Z,Stripe API; Stripe files,99.0625,99.9,99,missed,met,937.5,6,600,1,,,,,,`);
    expect(lines.some((l) => l.startsWith("provider_incident,SendGrid,2026-11,") && l.includes(',"Mail, EU",critical,') && l.endsWith(",open,20"))).toBe(true);

    const bad = await get("/api/slos/report?month=2026-13");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "validation_failed", details: { fields: { month: ["Give the month as YYYY-MM, e.g. 2026-11"] } } },
    });
  });
});
