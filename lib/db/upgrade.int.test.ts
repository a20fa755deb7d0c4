// Upgrade: a database created by the previous release's migrations and filled the way that release wrote its
// rows (plain SQL against that release's schema, so the fill never follows later schema changes) is migrated by our
// runner to the current schema, with its data intact: runs, rollups, webhook events, and secrets that still decrypt
// under the same key. Every migration added after PREVIOUS_RELEASE runs over real data here, so one that rewrites a
// table (a partitioning, a type change) is tested the way an operator's upgrade will run it.
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "../secrets";
import { loadSecrets, sealSecret } from "../secrets/store";
import { sourceSecrets } from "../webhooks/sources";
import { MIGRATIONS_DIR, createScratchDatabase, type ScratchDatabase } from "../testing/postgres";
import { createDb, type Db } from "./client";
import { applyMigrations } from "./schema-engine";

/** The newest migration of the previous release (commit 179fcfe); everything after it is the upgrade. */
const PREVIOUS_RELEASE = "20261202060500_hour_rollup_error_classes";

const migrations = readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{14}_/.test(name))
  .sort();
const previous = migrations.filter((name) => name <= PREVIOUS_RELEASE);
const upgrade = migrations.filter((name) => name > PREVIOUS_RELEASE);

const keys = new Keyring(randomBytes(32));
const scratchDir = mkdtempSync(join(tmpdir(), "tether-upgrade-"));
let scratch: ScratchDatabase;
let db: Db | null = null;

const integrationId = randomUUID();
const sourceId = randomUUID();
const hour = new Date("2026-11-30T10:00:00.000Z");
const RUNS = 120;

beforeAll(async () => {
  scratch = await createScratchDatabase("tether_upgrade");
  // The previous release's migration folder: the same immutable folders, up to its newest.
  const oldDir = join(scratchDir, "migrations");
  for (const name of [...previous, "migration_lock.toml"]) cpSync(join(MIGRATIONS_DIR, name), join(oldDir, name), { recursive: true });
  const { applied } = await applyMigrations({ databaseUrl: scratch.url, migrationsDir: oldDir });
  expect(applied).toEqual(previous);

  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", tags, "updatedAt")
       VALUES ($1, 'Payments API', 'http', $2, 30, 5000, '{payments,critical}', now())`,
      [integrationId, JSON.stringify({ method: "GET", url: "https://payments.example.com/health", headers: [], expectedStatus: "2xx" })],
    );
    // A minute of runs every half second, a few failing, each its own slot.
    for (let i = 0; i < RUNS; i++) {
      const at = new Date(hour.getTime() + i * 500);
      const ok = i % 10 !== 0;
      await c.query(
        `INSERT INTO "ProbeRun" ("integrationId", "scheduledFor", "startedAt", "finishedAt", "latencyMs", ok, "httpStatus", "errorClass",
           attempts, "circuitState", trigger, "workerId", trace)
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7, 1, 'closed', 'scheduled', 'w1', $8)`,
        [integrationId, at, new Date(at.getTime() + 40 + i), 40 + i, ok, ok ? 200 : 503, ok ? null : "http_status", JSON.stringify([{ attempt: 1 }])],
      );
    }
    await c.query(
      `INSERT INTO "ProbeRollupMinute" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p50Ms", "p95Ms", "p99Ms", "latencyHist")
       VALUES ($1, $2, 120, 12, 11940, 159, 99, 153, 158, '{0,0,60,60}')`,
      [integrationId, hour],
    );
    await c.query(
      `INSERT INTO "ProbeRollupHour" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "p95Ms", "histIdx", "histCnt", "errorClasses")
       VALUES ($1, $2, 120, 12, 11940, 159, 153, '{2,3}', '{60,60}', '{"http_status":12}')`,
      [integrationId, hour],
    );
    await c.query(
      `INSERT INTO "ProbeDaySummary" ("integrationId", "fromHour", "throughHour", count, failures, "latencyMaxMs", "histIdx", "histCnt", "hourlyCount", "hourlyFailures")
       VALUES ($1, $2, $2, 120, 12, 159, '{2,3}', '{60,60}', '{120}', '{12}')`,
      [integrationId, hour],
    );
    const sealed = sealSecret(integrationId, "API_KEY", "sk_live_kept_across_upgrades", keys);
    await c.query(`INSERT INTO "IntegrationSecret" (id, "integrationId", name, ciphertext, "keyId", "updatedAt") VALUES ($1, $2, 'API_KEY', $3, $4, now())`, [
      randomUUID(),
      integrationId,
      sealed.ciphertext,
      sealed.keyId,
    ]);
    await c.query(
      `INSERT INTO "WebhookSource" (id, slug, name, "integrationId", scheme, "secretCiphertext", "updatedAt") VALUES ($1, 'payments', 'Payments', $2, 'standard_webhooks', $3, now())`,
      [sourceId, integrationId, keys.encrypt("whsec_kept_across_upgrades", `webhook-source:${sourceId}`)],
    );
    for (let i = 0; i < 25; i++) {
      await c.query(
        `INSERT INTO "WebhookEvent" ("sourceId", "receivedAt", "externalId", "eventType", headers, body, "contentType", verified, "verificationDetail", status, attempts)
         VALUES ($1, $2, $3, 'payment.succeeded', $4, $5, 'application/json', true, 'signature ok', $6, $7)`,
        [
          sourceId,
          new Date(hour.getTime() + i * 1000),
          `msg_${i}`,
          JSON.stringify({ "content-type": "application/json" }),
          Buffer.from(JSON.stringify({ id: `msg_${i}`, amount: 100 + i })),
          i < 20 ? "processed" : "received",
          i < 20 ? 1 : 0,
        ],
      );
    }
  } finally {
    await c.end();
  }
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
  rmSync(scratchDir, { recursive: true, force: true });
});

describe(`upgrade from the previous release (${PREVIOUS_RELEASE})`, () => {
  it("applies every later migration over the filled database, and keeps runs, rollups, events and secrets", async () => {
    const { applied } = await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR });
    expect(applied).toEqual(upgrade);
    // Nothing left to apply: the database is at the current schema.
    expect((await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR })).applied).toEqual([]);

    db = createDb(scratch.url);
    const integration = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration).toMatchObject({ name: "Payments API", kind: "http", intervalSeconds: 30, tags: ["payments", "critical"] });

    const runs = await db.probeRun.findMany({ where: { integrationId }, orderBy: { startedAt: "asc" } });
    expect(runs).toHaveLength(RUNS);
    expect(runs.filter((r) => !r.ok)).toHaveLength(12);
    expect(runs[7]).toMatchObject({ latencyMs: 47, httpStatus: 200, attempts: 1, circuitState: "closed", trigger: "scheduled", workerId: "w1" });
    expect(runs[7]!.scheduledFor!.toISOString()).toBe(new Date(hour.getTime() + 7 * 500).toISOString());
    expect(new Set(runs.map((r) => r.scheduledFor!.getTime())).size).toBe(RUNS);

    expect(await db.probeRollupMinute.findMany({ where: { integrationId } })).toMatchObject([{ count: 120, failures: 12, p95Ms: 153 }]);
    expect(await db.probeRollupHour.findMany({ where: { integrationId } })).toMatchObject([{ count: 120, failures: 12, errorClasses: { http_status: 12 } }]);
    expect(await db.probeDaySummary.findUniqueOrThrow({ where: { integrationId } })).toMatchObject({ count: 120, hourlyCount: [120] });

    const events = await db.webhookEvent.findMany({ where: { sourceId }, orderBy: { receivedAt: "asc" } });
    expect(events).toHaveLength(25);
    expect(events.filter((e) => e.status === "processed")).toHaveLength(20);
    expect(JSON.parse(Buffer.from(events[3]!.body).toString("utf8"))).toEqual({ id: "msg_3", amount: 103 });

    // The secrets decrypt under the same key, through the code that reads them now.
    const secrets = await loadSecrets(db, integrationId, keys);
    expect(secrets.get("API_KEY")?.reveal()).toBe("sk_live_kept_across_upgrades");
    const source = await db.webhookSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(sourceSecrets(source, Date.now(), keys)).toEqual(["whsec_kept_across_upgrades"]);
  });
});
