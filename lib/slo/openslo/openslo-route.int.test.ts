// OpenSLO export and import through the real route handlers and a real database: export every SLO and one,
// preview an import (nothing stored), import it (stored and audited, in one go), and a bad file refused with its
// line and column, storing nothing; a viewer may export but not import.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { sessionCookie } from "../../auth/testing/session-cookie";
import { createTestDb, type TestDb } from "../../testing/postgres";

const SECRET = "openslo-test-secret-0123456789abcdef-xyz";
let t: TestDb;
let editor: string;
let viewer: string;
let stripe: string;
let route: typeof import("../../../app/api/slos/openslo/route");

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: SECRET });
  route = await import("../../../app/api/slos/openslo/route");
  editor = await sessionCookie(t.db, (await t.db.user.create({ data: { email: "ed@openslo.test", role: "editor" } })).id, SECRET);
  viewer = await sessionCookie(t.db, (await t.db.user.create({ data: { email: "view@openslo.test", role: "viewer" } })).id, SECRET);
  stripe = (
    await t.db.integration.create({
      data: {
        name: "Stripe API",
        kind: "http",
        config: { url: "https://api.stripe.com/v1/balance" },
        intervalSeconds: 60,
        timeoutMs: 1_000,
        tags: ["payments"],
      },
    })
  ).id;
  await t.db.slo.create({
    data: {
      name: "Stripe availability",
      scope: { kind: "integration", integrationId: stripe },
      objectivePct: 99.9,
      window: "rolling_30d",
      sli: { kind: "availability" },
      slaPct: 99.5,
    },
  });
  await t.db.slo.create({
    data: {
      name: "Payments latency",
      scope: { kind: "tag", tag: "payments" },
      objectivePct: 95,
      window: "calendar_month",
      sli: { kind: "latency", thresholdMs: 800 },
    },
  });
});
afterAll(async () => {
  await t.close();
});

const ctx = { params: Promise.resolve({}) };
const get = (path: string, cookie = viewer) => route.GET(new Request(`http://tether.test${path}`, { headers: { cookie } }), ctx);
const post = (body: unknown, cookie = editor) =>
  route.POST(
    new Request("http://tether.test/api/slos/openslo", {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify(body),
    }),
    ctx,
  );

describe("OpenSLO routes", () => {
  it("exports every SLO, or one, as openslo/v1 YAML", async () => {
    const res = await get("/api/slos/openslo");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="slos.openslo.yaml"');
    const docs = parseAllDocuments(await res.text()).map((d) => (Array.isArray(d) ? null : d.toJS()));
    expect(docs.map((d) => [d.apiVersion, d.kind, d.metadata.displayName])).toEqual([
      ["openslo/v1", "SLO", "Payments latency"],
      ["openslo/v1", "SLO", "Stripe availability"],
    ]);
    const one = await t.db.slo.findFirstOrThrow({ where: { name: "Stripe availability" } });
    const single = parse(await (await get(`/api/slos/openslo?id=${one.id}`)).text());
    expect(single.spec.indicator.spec.ratioMetric.total.metricSource.spec).toEqual({ runs: "all", integration: "Stripe API" });
    expect((await get("/api/slos/openslo?id=00000000-0000-4000-8000-00000000dead")).status).toBe(404);
  });

  it("previews, then imports what was exported, audited; refuses a viewer", async () => {
    const yaml = (await (await get("/api/slos/openslo")).text()).replaceAll("displayName: Payments latency", "displayName: Payments latency (copy)");
    const before = await t.db.slo.count();
    const preview = await post({ yaml, dryRun: true });
    expect(preview.status).toBe(200);
    const body = await preview.json();
    expect(body.dryRun).toBe(true);
    expect(body.items.map((i: { slo: { name: string }; warnings: string[] }) => [i.slo.name, i.warnings])).toEqual([
      ["Payments latency (copy)", []],
      ["Stripe availability", ['An SLO named "Stripe availability" exists already: this adds another.']],
    ]);
    expect(await t.db.slo.count()).toBe(before);

    expect((await post({ yaml }, viewer)).status).toBe(403);
    const done = await post({ yaml });
    expect(done.status).toBe(200);
    const created = (await done.json()).items as { id: string }[];
    expect(created).toHaveLength(2);
    const copy = await t.db.slo.findFirstOrThrow({ where: { name: "Payments latency (copy)" } });
    expect(copy).toMatchObject({
      objectivePct: 95,
      window: "calendar_month",
      sli: { kind: "latency", thresholdMs: 800 },
      scope: { kind: "tag", tag: "payments" },
      slaPct: null,
      createdBy: "ed@openslo.test",
    });
    expect(created.map((c) => c.id)).toContain(copy.id);
    expect(await t.db.auditEvent.count({ where: { action: "slo.create", targetId: { in: created.map((c) => c.id) } } })).toBe(2);
  });

  it("refuses a file with a problem, with its line and column, and stores none of its SLOs", async () => {
    const before = await t.db.slo.count();
    const yaml = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: fine
spec:
  service: Stripe API
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Tether, spec: { runs: successful } } }
        total: { metricSource: { type: Tether, spec: { runs: all, integration: Stripe API } } }
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: broken
spec:
  service: Stripe API
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Tether, spec: { runs: successful } } }
        total: { metricSource: { type: Tether, spec: { runs: all, integration: Stripe API } } }
  budgetingMethod: Occurrences
  objectives: [{ targetPercent: 100 }]
`;
    const res = await post({ yaml });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "The file has a problem; nothing was imported",
        details: { problems: [{ document: 2, line: 27, column: 33, path: "spec.objectives.0.targetPercent", message: "targetPercent is below 100" }] },
      },
    });
    expect(await t.db.slo.count()).toBe(before);
    const empty = await post({ yaml: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.details.fields).toEqual({ yaml: ["The file is empty"] });
  });
});
