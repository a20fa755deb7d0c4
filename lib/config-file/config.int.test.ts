// tether.yaml against real PostgreSQL: export a seeded instance, apply the file to an empty one, plan nothing;
// no secret value in an export or a plan; a stale plan refused; a change refused midway reported.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createIntegration } from "../integrations/crud";
import { loadSecrets, setSecret } from "../secrets/store";
import { createChannel } from "../alerts/channels-service";
import { openSecrets } from "../alerts/channel-config";
import { createRule } from "../alerts/rules";
import { createSilence } from "../alerts/silences";
import { createSource } from "../webhooks/sources";
import { applyConfig } from "./apply";
import { exportYaml } from "./export-yaml";
import { parseConfigText } from "./parse";
import { makePlan, type Plan } from "./plan";
import { refName, secretRefSchema } from "./schema";
import { readServerState } from "./state";

let source: TestDb;
let target: TestDb;
const actor = { principal: null, ip: "127.0.0.1" };
const API_KEY = "sk_live_integration-secret-4242";
const SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/slack-secret-token-77";
const STRIPE_SECRET = "whsec_stripe-signing-secret-1234";
const SECRET_VALUES = [API_KEY, SLACK_URL, STRIPE_SECRET];

beforeAll(async () => {
  process.env.TETHER_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  [source, target] = await Promise.all([createTestDb(), createTestDb()]);
  const db = source.db;
  const api = await createIntegration(
    db,
    {
      name: "payments-api",
      kind: "http",
      config: { url: "https://api.example.com/health", headers: [{ name: "Authorization", value: "Bearer {{secret.API_KEY}}" }] },
      intervalSeconds: 60,
      timeoutMs: 5000,
      tags: ["payments"],
    },
    actor,
  );
  await setSecret(db, api.id, "API_KEY", { value: API_KEY }, actor);
  await createIntegration(
    db,
    { name: "db", kind: "tcp", config: { host: "db.internal", port: 5432 }, intervalSeconds: 30, timeoutMs: 2000, enabled: false },
    actor,
  );
  const slack = await createChannel(db, { name: "ops-slack", kind: "slack", config: { webhookUrl: SLACK_URL } }, actor);
  await createSource(db, { name: "Stripe", slug: "stripe", integrationId: api.id, scheme: "stripe", secret: STRIPE_SECRET }, actor);
  const rule = await createRule(
    db,
    {
      name: "payments down",
      severity: "critical",
      scope: { kind: "integration", integrationId: api.id },
      condition: { kind: "consecutive_failures", count: 3 },
      channelIds: [slack.id],
    },
    actor,
  );
  await createRule(db, { name: "any circuit open", scope: { kind: "tag", tag: "payments" }, condition: { kind: "circuit_open" } }, actor);
  await createSilence(db, { kind: "maintenance", ruleId: rule.id, startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-01T02:00:00Z", reason: "Upgrade" }, actor);
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

/** The value for every ${ENV_NAME} an exported file names, as a CI job would set them. */
function environmentFor(plan: Plan): Record<string, string> {
  const byName: Record<string, string> = { PAYMENTS_API_API_KEY: API_KEY, CHANNEL_OPS_SLACK_WEBHOOK_URL: SLACK_URL, WEBHOOK_STRIPE_SECRET: STRIPE_SECRET };
  const out: Record<string, string> = {};
  for (const c of plan.changes)
    for (const p of c.secrets) {
      const ref = p.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], c.spec);
      const name = refName(secretRefSchema.parse(ref));
      out[name] = byName[name]!;
    }
  return out;
}

describe("round trip", () => {
  it("export a seeded instance, apply it to an empty one, and the plan is empty", async () => {
    const exported = exportYaml((await readServerState(source.db)).config);
    for (const value of SECRET_VALUES) expect(exported).not.toContain(value);
    expect(exported).toContain("${PAYMENTS_API_API_KEY}");

    const parsed = parseConfigText(exported);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = makePlan(parsed.config, await readServerState(target.db));
    expect(plan.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual([
      "create integrations db",
      "create integrations payments-api",
      "create channels ops-slack",
      "create webhookSources stripe",
      "create alertRules any circuit open",
      "create alertRules payments down",
      expect.stringMatching(/^create silences silence-[0-9a-f]{8}$/),
    ]);
    for (const value of SECRET_VALUES) expect(JSON.stringify(plan)).not.toContain(value);

    const result = await applyConfig(target.db, { fingerprint: plan.fingerprint, changes: plan.changes, secrets: environmentFor(plan) }, actor);
    expect(result.applied).toHaveLength(7);

    const after = await readServerState(target.db);
    expect(result.fingerprint).toBe(after.fingerprint);
    expect(makePlan(parsed.config, after).changes).toEqual([]);
    expect(after.config).toEqual((await readServerState(source.db)).config);
    expect(after.managed.integrations).toEqual(["db", "payments-api"]);

    // The secrets arrived, write-only, and work where they are used.
    const api = await target.db.integration.findUniqueOrThrow({ where: { name: "payments-api" } });
    expect((await loadSecrets(target.db, api.id)).get("API_KEY")?.reveal()).toBe(API_KEY);
    const channel = await target.db.notificationChannel.findUniqueOrThrow({ where: { name: "ops-slack" } });
    expect(openSecrets(channel.id, channel.secretCiphertext)).toEqual({ webhookUrl: SLACK_URL });
    const audit = await target.db.auditEvent.findMany({ where: { action: "config.apply" } });
    expect(audit.map((a) => a.summary)).toEqual(["Applied a config plan (7 changes)"]);
  });

  it("refuses a plan made before the server changed", async () => {
    const state = await readServerState(target.db);
    const parsed = parseConfigText(exportYaml(state.config).replace("intervalSeconds: 60", "intervalSeconds: 120"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = makePlan(parsed.config, state);
    expect(plan.changes.map((c) => c.properties)).toEqual([[{ path: "intervalSeconds", before: 60, after: 120 }]]);
    await target.db.integration.update({ where: { name: "db" }, data: { tags: ["changed-by-hand"] } });
    const err = await applyConfig(target.db, { fingerprint: plan.fingerprint, changes: plan.changes }, actor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    const api = await target.db.integration.findUniqueOrThrow({ where: { name: "payments-api" } });
    expect(api.intervalSeconds).toBe(60);
  });

  it("stored data the file cannot express is a 422 naming the resource and field, not a 500", async () => {
    const db = await target.db.integration.findUniqueOrThrow({ where: { name: "db" } });
    await target.db.integration.update({ where: { id: db.id }, data: { tags: ["x".repeat(41)] } });
    try {
      const err = await readServerState(target.db).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(422);
      expect((err as ApiError).message).toBe("The stored integrations.db (tags.0) cannot be written as tether.yaml: Keep tags under 40 characters");
      expect((err as ApiError).details).toEqual({ problems: [{ resource: "integrations.db", field: "tags.0", message: "Keep tags under 40 characters" }] });
    } finally {
      await target.db.integration.update({ where: { id: db.id }, data: { tags: db.tags } });
    }
  });

  it("a change refused midway: says what was applied, what failed and what was not applied", async () => {
    const state = await readServerState(target.db);
    const file = parseConfigText(`
integrations:
  first: { kind: tcp, config: { host: a.internal, port: 1 }, intervalSeconds: 30, timeoutMs: 1000 }
  third: { kind: tcp, config: { host: c.internal, port: 3 }, intervalSeconds: 30, timeoutMs: 1000 }
silences:
  long-over: { startsAt: "2020-01-01T00:00:00Z", endsAt: "2020-01-02T00:00:00Z", reason: "Ended long ago" }
`);
    if (!file.ok) throw new Error(JSON.stringify(file.errors));
    const plan = makePlan(file.config, state);
    const [first, third, silence] = plan.changes;
    const err = await applyConfig(target.db, { fingerprint: plan.fingerprint, changes: [first!, silence!, third!] }, actor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toMatch(/^Applied 1 of 3 changes; silence long-over was refused/);
    expect((err as ApiError).details).toMatchObject({
      applied: [{ type: "integrations", name: "first", action: "create" }],
      failed: { type: "silences", name: "long-over", status: 400, details: { fields: { endsAt: ["The end must be in the future"] } } },
      notApplied: [{ type: "integrations", name: "third", action: "create" }],
    });
    expect(await target.db.integration.findUnique({ where: { name: "first" } })).toMatchObject({ managedBy: "config" });
    expect(await target.db.integration.findUnique({ where: { name: "third" } })).toBeNull();
  });
});
