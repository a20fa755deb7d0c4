// Alert use cases against a real database: validation per field, one open incident, acknowledge, deletion,
// silences and the integration timeline.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, toErrorResponse } from "../api/errors";
import type { Principal } from "../auth/principal";
import { createProbeRuns, createTestDb, type TestDb } from "../testing/postgres";
import { runAlertEvaluation } from "./evaluation-job";
import { acknowledgeIncident, getIncident, listIncidents } from "./incidents/incidents";
import { backtest, createRule, deleteRule, getRule, listRules, updateRule } from "./rules";
import { createSilence, deleteSilence, listSilences } from "./silences";
import { integrationTimeline } from "./timeline";

let t: TestDb;
const editor: Principal = { kind: "user", userId: "00000000-0000-4000-8000-000000000001", email: "ed@test.local", role: "editor", label: "ed@test.local" };
const actor = { principal: editor, ip: "127.0.0.1" };
const T0 = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.alertRule.deleteMany();
  await t.db.integration.deleteMany();
  await t.db.notificationChannel.deleteMany();
  await t.db.auditEvent.deleteMany();
});

async function integration(name = "Payments"): Promise<string> {
  return (await t.db.integration.create({ data: { name, kind: "http", config: {}, intervalSeconds: 30, timeoutMs: 1_000 } })).id;
}

const ruleBody = (over: Record<string, unknown> = {}) => ({
  name: "Payments failing",
  scope: { kind: "all" },
  condition: { kind: "consecutive_failures", count: 2 },
  ...over,
});

/** The field errors the API would answer with. */
async function fieldErrorsOf(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  const { status, body } = toErrorResponse(err);
  expect(status).toBe(400);
  return (body.error.details as { fields: Record<string, string[]> }).fields;
}

/** A firing incident for the integration, opened by the real evaluation job. */
async function firing(integrationId: string, channelIds: string[] = []): Promise<{ ruleId: string; incidentId: string }> {
  const rule = await createRule(t.db, ruleBody({ channelIds }), actor);
  await t.db.circuitState.upsert({ where: { integrationId }, create: { integrationId, consecutiveFailures: 3 }, update: { consecutiveFailures: 3 } });
  await runAlertEvaluation(t.db, { workerId: "test", now: T0 });
  const incident = await t.db.incident.findFirstOrThrow({ where: { ruleId: rule.id } });
  return { ruleId: rule.id, incidentId: incident.id };
}

describe("rules", () => {
  it("validates every field with a message under its path, and writes nothing", async () => {
    expect(
      await fieldErrorsOf(createRule(t.db, { scope: { kind: "all" }, condition: { kind: "error_rate", thresholdPct: 0, windowMinutes: 0 } }, actor)),
    ).toMatchObject({
      name: [expect.any(String)],
      "condition.thresholdPct": ["Above 0%"],
      "condition.windowMinutes": ["At least 1 minute"],
    });
    expect(
      await fieldErrorsOf(createRule(t.db, ruleBody({ condition: { kind: "error_rate", thresholdPct: 10, resolvePct: 20, windowMinutes: 5 } }), actor)),
    ).toEqual({
      "condition.resolvePct": ["The resolve threshold cannot be above the firing threshold"],
    });
    expect(await fieldErrorsOf(createRule(t.db, ruleBody({ condition: { kind: "carrier_pigeon" } }), actor))).toHaveProperty(["condition.kind"]);
    expect(await fieldErrorsOf(createRule(t.db, ruleBody({ scope: { kind: "tag", tag: " " } }), actor))).toEqual({ "scope.tag": ["Enter a tag"] });
    // References the schema cannot check: the scoped integration and the channels must exist.
    const missing = "00000000-0000-4000-8000-0000000000ff";
    expect(await fieldErrorsOf(createRule(t.db, ruleBody({ scope: { kind: "integration", integrationId: missing }, channelIds: [missing] }), actor))).toEqual({
      "scope.integrationId": ["No integration with that id"],
      channelIds: [`No channel with id ${missing}`],
    });
    expect(await t.db.alertRule.count()).toBe(0);
  });

  it("creates with defaults, lists with counts, patches partially (validated whole), audits each change", async () => {
    const id = await integration();
    const created = await createRule(t.db, ruleBody(), actor);
    expect(created).toMatchObject({
      enabled: true,
      severity: "warning",
      pendingSeconds: 0,
      flapMaxChanges: 4,
      reminderMinutes: 0,
      channelIds: [],
      createdBy: "ed@test.local",
      conditionText: "2 consecutive failures",
      counts: { firing: 0, pending: 0, openIncidents: 0 },
    });

    await t.db.circuitState.create({ data: { integrationId: id, consecutiveFailures: 5 } });
    await runAlertEvaluation(t.db, { workerId: "test", now: T0 });
    expect((await listRules(t.db)).rules[0]!.counts).toEqual({ firing: 1, pending: 0, openIncidents: 1 });

    const patched = await updateRule(t.db, created.id, { severity: "critical", reminderMinutes: 30 }, actor);
    expect(patched).toMatchObject({ severity: "critical", reminderMinutes: 30, name: "Payments failing" });
    expect(await fieldErrorsOf(updateRule(t.db, created.id, { condition: { kind: "failures_of_last", failures: 5, of: 3 } }, actor))).toEqual({
      "condition.failures": ["Cannot need more failures than runs looked at"],
    });
    await expect(getRule(t.db, "00000000-0000-4000-8000-0000000000aa")).rejects.toMatchObject({ status: 404 });
    const actions = (await t.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((a) => [a.action, a.actorLabel, a.targetId]);
    expect(actions).toEqual([
      ["alert.rule.create", "ed@test.local", created.id],
      ["alert.rule.update", "ed@test.local", created.id],
    ]);
  });

  it("deleting a rule resolves its open incidents, keeps them as history, and announces the resolve", async () => {
    const id = await integration();
    const channel = await t.db.notificationChannel.create({ data: { name: "ops", kind: "webhook", config: { url: "http://127.0.0.1:9/" } } });
    const { ruleId, incidentId } = await firing(id, [channel.id]);
    expect(await t.db.notificationDelivery.count({ where: { incidentId, event: "firing" } })).toBe(1);

    await deleteRule(t.db, ruleId, actor, at(5));
    const incident = await getIncident(t.db, incidentId);
    expect(incident).toMatchObject({ status: "resolved", rule: { id: null, name: "Payments failing" }, resolvedAt: at(5).toISOString() });
    expect(incident.events.map((e) => e.kind)).toEqual(["opened", "notified", "resolved", "notified"]);
    expect(await t.db.notificationDelivery.count({ where: { incidentId, event: "resolved" } })).toBe(1);
    expect(await t.db.alertState.count()).toBe(0);
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: "alert.rule.delete" } })).summary).toContain("resolved 1 open incident");
  });

  it("backtest reports a draft's field errors under rule.", async () => {
    expect(
      await fieldErrorsOf(backtest(t.db, { rule: { name: "", scope: { kind: "all" }, condition: { kind: "latency", percentile: "p42" } }, days: 90 })),
    ).toMatchObject({
      days: ["At most 30 days"],
    });
    expect(
      await fieldErrorsOf(
        backtest(t.db, { rule: { name: "", scope: { kind: "all" }, condition: { kind: "latency", percentile: "p42", thresholdMs: 5, windowMinutes: 5 } } }),
      ),
    ).toMatchObject({
      "rule.name": ["Give the rule a name"],
      "rule.condition.percentile": ["Choose p50, p95 or p99"],
    });
    await integration();
    const r = await backtest(t.db, { rule: ruleBody() }, T0.getTime());
    expect(r).toMatchObject({ supported: true, evaluatedIntegrations: 1, firings: [] });
  });
});

describe("incidents", () => {
  it("one open incident per rule x integration, however often it is evaluated", async () => {
    const id = await integration();
    const { incidentId } = await firing(id);
    for (let m = 1; m <= 3; m++) await runAlertEvaluation(t.db, { workerId: "test", now: at(m) });
    const page = await listIncidents(t.db, { status: "open", limit: 50 });
    expect(page.incidents.map((i) => i.id)).toEqual([incidentId]);
    await expect(
      t.db.incident.create({
        data: {
          ruleId: page.incidents[0]!.rule.id,
          ruleName: "x",
          conditionKind: "x",
          integrationId: id,
          severity: "info",
          openKey: `${page.incidents[0]!.rule.id}:${id}`,
          startedAt: T0,
          summary: "",
          unit: "",
        },
      }),
    ).rejects.toThrow();
  });

  it("acknowledge: recorded with who, stops reminders, idempotent; a resolved incident cannot be", async () => {
    const id = await integration();
    const channel = await t.db.notificationChannel.create({ data: { name: "ops", kind: "webhook", config: { url: "http://127.0.0.1:9/" } } });
    const { ruleId, incidentId } = await firing(id, [channel.id]);
    await updateRule(t.db, ruleId, { reminderMinutes: 10 }, actor);

    const acked = await acknowledgeIncident(t.db, incidentId, actor, at(1));
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedBy: "ed@test.local", acknowledgedAt: at(1).toISOString() });
    expect(acked.events.map((e) => [e.kind, e.detail])).toContainEqual(["acknowledged", "Acknowledged by ed@test.local"]);
    expect(await t.db.notificationDelivery.count({ where: { incidentId, event: "acknowledged" } })).toBe(1);
    await acknowledgeIncident(t.db, incidentId, actor, at(2));
    expect(await t.db.incidentEvent.count({ where: { incidentId, kind: "acknowledged" } })).toBe(1);

    // No reminder once acknowledged, even well past the reminder interval.
    await runAlertEvaluation(t.db, { workerId: "test", now: at(30) });
    expect(await t.db.incidentEvent.count({ where: { incidentId, kind: "reminder" } })).toBe(0);
    expect((await listIncidents(t.db, { status: "acknowledged", limit: 50 })).incidents).toHaveLength(1);

    await t.db.circuitState.update({ where: { integrationId: id }, data: { consecutiveFailures: 0 } });
    await runAlertEvaluation(t.db, { workerId: "test", now: at(31) });
    expect((await getIncident(t.db, incidentId)).status).toBe("resolved");
    await expect(acknowledgeIncident(t.db, incidentId, actor)).rejects.toMatchObject({ status: 409 });
    await expect(acknowledgeIncident(t.db, "00000000-0000-4000-8000-0000000000aa", actor)).rejects.toBeInstanceOf(ApiError);
  });

  it("reminders while firing and unacknowledged", async () => {
    const id = await integration();
    const { ruleId, incidentId } = await firing(id);
    await updateRule(t.db, ruleId, { reminderMinutes: 10 }, actor);
    await runAlertEvaluation(t.db, { workerId: "test", now: at(10) });
    await runAlertEvaluation(t.db, { workerId: "test", now: at(11) });
    expect(await t.db.incidentEvent.count({ where: { incidentId, kind: "reminder" } })).toBe(1);
  });

  it("lists newest first with filters and a cursor", async () => {
    const a = await integration("A");
    const b = await integration("B");
    const rule = await createRule(t.db, ruleBody(), actor);
    const make = (integrationId: string, minute: number, status: "open" | "resolved") =>
      t.db.incident.create({
        data: {
          ruleId: rule.id,
          ruleName: rule.name,
          conditionKind: "consecutive_failures",
          integrationId,
          severity: "warning",
          status,
          startedAt: at(minute),
          summary: `${minute}`,
          unit: "runs",
          openKey: status === "open" ? `${rule.id}:${integrationId}` : null,
        },
      });
    await make(a, 1, "resolved");
    await make(a, 2, "resolved");
    await make(a, 3, "open");
    await make(b, 4, "resolved");
    const first = await listIncidents(t.db, { status: "all", limit: 2 });
    expect(first.incidents.map((i) => i.summary)).toEqual(["4", "3"]);
    const second = await listIncidents(t.db, { status: "all", limit: 2, cursor: first.nextCursor! });
    expect(second.incidents.map((i) => i.summary)).toEqual(["2", "1"]);
    expect(second.nextCursor).toBeNull();
    expect((await listIncidents(t.db, { status: "resolved", integrationId: a, limit: 50 })).incidents.map((i) => i.summary)).toEqual(["2", "1"]);
    expect((await listIncidents(t.db, { status: "open", ruleId: rule.id, limit: 50 })).incidents).toHaveLength(1);
  });
});

describe("silences", () => {
  it("validates, creates, lists with active, mutes the job's notifications, deletes", async () => {
    const id = await integration();
    expect(await fieldErrorsOf(createSilence(t.db, { kind: "nap", endsAt: "soon", reason: "" }, actor, T0))).toMatchObject({
      kind: ["Choose silence or maintenance"],
      endsAt: ["Enter an end time"],
      reason: ["Say why (it shows on muted incidents)"],
    });
    expect(await fieldErrorsOf(createSilence(t.db, { startsAt: at(10), endsAt: at(5), reason: "x" }, actor, T0))).toEqual({
      endsAt: ["The end must be after the start"],
    });
    expect(await fieldErrorsOf(createSilence(t.db, { endsAt: at(-5), reason: "x", integrationId: "00000000-0000-4000-8000-0000000000aa" }, actor, T0))).toEqual(
      {
        endsAt: ["The end must be after the start", "The end must be in the future"],
        integrationId: ["No integration with that id"],
      },
    );
    const silence = await createSilence(
      t.db,
      { kind: "maintenance", integrationId: id, endsAt: at(30).toISOString(), reason: "Provider maintenance" },
      actor,
      T0,
    );
    expect(silence).toMatchObject({ kind: "maintenance", integrationId: id, startsAt: T0.toISOString(), active: true, createdBy: "ed@test.local" });
    await createSilence(t.db, { startsAt: at(60), endsAt: at(90), reason: "later" }, actor, T0);
    expect((await listSilences(t.db, T0)).silences.map((s) => [s.reason, s.active])).toEqual([
      ["Provider maintenance", true],
      ["later", false],
    ]);

    const { incidentId } = await firing(id);
    expect((await getIncident(t.db, incidentId)).events.map((e) => [e.kind, e.reason])).toEqual([
      ["opened", null],
      ["muted", "maintenance"],
    ]);

    await deleteSilence(t.db, silence.id, actor);
    await expect(deleteSilence(t.db, silence.id, actor)).rejects.toMatchObject({ status: 404 });
    expect(await t.db.auditEvent.count({ where: { action: { startsWith: "alert.silence" } } })).toBe(3);
  });
});

describe("timeline", () => {
  it("merges incidents, circuit transitions and probe outcome changes, newest first", async () => {
    const id = await integration();
    const run = (minute: number, ok: boolean) => ({
      integrationId: id,
      startedAt: at(minute),
      finishedAt: at(minute),
      ok,
      errorClass: ok ? null : "http_status",
      attempts: 1,
      circuitState: "closed" as const,
      trigger: "scheduled" as const,
      trace: {},
    });
    await createProbeRuns(t.db, {
      data: [run(-30, false), run(-20, true), run(-10, true), run(-9, false), run(-8, false), run(-7, false), run(-6, true), run(-5, true)],
    });
    await t.db.circuitTransition.create({ data: { integrationId: id, from: "closed", to: "open", reason: "3 consecutive failures", at: at(-7) } });
    const { incidentId } = await firing(id);

    const tl = await integrationTimeline(t.db, id, { from: at(-25), to: at(1) });
    expect(tl.items.map((i) => [i.kind, i.at])).toEqual([
      ["incident", T0.toISOString()],
      ["probe", at(-6).toISOString()],
      ["circuit", at(-7).toISOString()],
      ["probe", at(-9).toISOString()],
      ["probe", at(-20).toISOString()],
    ]);
    expect(tl.items[0]).toMatchObject({ kind: "incident", incident: { id: incidentId }, events: [{ kind: "opened" }, { kind: "notified" }] });
    expect(tl.items.filter((i) => i.kind === "probe").map((i) => (i.kind === "probe" ? i.change : null))).toEqual(["recovered", "failed", "recovered"]);
    expect(tl.truncated).toBe(false);
    await expect(integrationTimeline(t.db, id, { from: at(-60 * 24 * 40), to: T0 })).rejects.toBeInstanceOf(ApiError);
    await expect(integrationTimeline(t.db, "00000000-0000-4000-8000-0000000000aa", {})).rejects.toMatchObject({ status: 404 });
  });
});
