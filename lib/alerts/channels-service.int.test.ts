// Channels through the service against real PostgreSQL: write-only secrets, field errors, "send test" to a real
// local receiver recorded as a delivery, the outbound explorer's list, detail and replay, and the audit trail.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createChannel, deleteChannel, getChannel, listChannels, sendTest, updateChannel } from "./channels-service";
import { startReceiver } from "./channels/shared/testing";
import { claimNotificationDeliveries } from "./deliveries/queue";
import { getDelivery, listDeliveries, replayDelivery } from "./deliveries/explorer";
import { Keyring } from "../secrets/crypto";
import { parseKey } from "../secrets/key-source";
import { openSecrets, rotateChannelSecrets } from "./channel-config";

let t: TestDb;
const actor = { principal: null, ip: "127.0.0.1" };
const SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/slack-secret-token";

beforeAll(async () => {
  t = await createTestDb();
  process.env.TETHER_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
});
afterAll(async () => {
  await t.close();
});

const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.catch((e: unknown) => e);
  if (err instanceof ApiError) return { status: err.status, fields: (err.details as { fields: Record<string, string[]> }).fields };
  return {
    status: 400,
    fields: Object.fromEntries((err as { issues: { path: string[]; message: string }[] }).issues.map((i) => [i.path.join("."), i.message])),
  };
};

describe("channels service", () => {
  it("stores a secret URL encrypted and only says that it is set", async () => {
    const view = await createChannel(t.db, { name: "Ops Slack", kind: "slack", config: { webhookUrl: SLACK_URL } }, actor);
    expect(view).toMatchObject({
      name: "Ops Slack",
      kind: "slack",
      enabled: true,
      config: {},
      secrets: { webhookUrl: true },
      target: "https://hooks.slack.com/services/…",
      lastDelivery: null,
    });
    expect(JSON.stringify(view)).not.toContain("slack-secret-token");
    const row = await t.db.notificationChannel.findUniqueOrThrow({ where: { id: view.id } });
    expect(JSON.stringify(row)).not.toContain("slack-secret-token");
    expect(openSecrets(row.id, row.secretCiphertext)).toEqual({ webhookUrl: SLACK_URL });
    expect(JSON.stringify(await listChannels(t.db))).not.toContain("slack-secret-token");
  });

  it("answers field errors under config.<field>, and 409 on a duplicate name", async () => {
    expect(await fieldsOf(createChannel(t.db, { name: "x", kind: "slack", config: { webhookUrl: "not a url" } }, actor))).toMatchObject({
      fields: { "config.webhookUrl": expect.stringMatching(/incoming webhook URL/) },
    });
    expect(await fieldsOf(createChannel(t.db, { name: "", kind: "carrier-pigeon" }, actor))).toMatchObject({
      fields: { name: "Name the channel", kind: expect.stringMatching(/^Choose a kind/) },
    });
    expect(await fieldsOf(createChannel(t.db, { name: "Ops Slack", kind: "slack", config: { webhookUrl: SLACK_URL } }, actor))).toEqual({
      status: 409,
      fields: { name: ["A channel with that name exists"] },
    });
  });

  it("generates a webhook signing secret once, and keeps secrets a change leaves out or blank", async () => {
    const created = await createChannel(t.db, { name: "Ops hook", kind: "webhook", config: { url: "https://ops.example.com/hook", secret: "" } }, actor);
    expect(created.generatedSecrets?.secret).toMatch(/^whsec_/);
    const secret = created.generatedSecrets!.secret!;
    expect(JSON.stringify(await getChannel(t.db, created.id))).not.toContain(secret);

    const renamed = await updateChannel(t.db, created.id, { name: "Ops hook 2", config: { url: "https://ops.example.com/v2", secret: "" } }, actor);
    expect(renamed).toMatchObject({ name: "Ops hook 2", config: { url: "https://ops.example.com/v2" }, secrets: { secret: true } });
    const row = await t.db.notificationChannel.findUniqueOrThrow({ where: { id: created.id } });
    expect(openSecrets(row.id, row.secretCiphertext).secret).toBe(secret);

    const replaced = `whsec_${Buffer.alloc(24, 3).toString("base64")}`;
    await updateChannel(t.db, created.id, { config: { secret: replaced } }, actor);
    const after = await t.db.notificationChannel.findUniqueOrThrow({ where: { id: created.id } });
    expect(openSecrets(after.id, after.secretCiphertext).secret).toBe(replaced);
    const audits = await t.db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.summary)).toEqual([
      "Created Webhook channel Ops hook",
      "Changed channel Ops hook 2 (renamed, settings)",
      "Changed channel Ops hook 2 (settings, secret secret)",
    ]);
    expect(audits.map((a) => `${a.summary} ${JSON.stringify(a.details)}`).join()).not.toContain(replaced);
  });

  it("an email channel keeps its password when the form leaves it blank, and clears a blank plain field", async () => {
    const ch = await createChannel(
      t.db,
      {
        name: "Mail",
        kind: "email",
        config: { host: "smtp.example.com", port: 587, username: "u", password: "pw-SECRET", from: "a@example.com", to: ["b@example.com"] },
      },
      actor,
    );
    expect(ch.secrets).toEqual({ password: true });
    expect(ch.config).toEqual({ host: "smtp.example.com", port: 587, security: "starttls", username: "u", from: "a@example.com", to: ["b@example.com"] });
    expect(await fieldsOf(updateChannel(t.db, ch.id, { config: { username: "", password: "" } }, actor))).toMatchObject({
      fields: { "config.username": "A password needs a username" },
    });
    // Pointing the stored password at another server needs it typed again; the same server does not.
    expect(await fieldsOf(updateChannel(t.db, ch.id, { config: { host: "smtp.attacker.example", password: "" } }, actor))).toEqual({
      status: 400,
      fields: { "config.password": ["Enter it again: changing host changes where it is sent"] },
    });
    await updateChannel(t.db, ch.id, { config: { host: "smtp.attacker.example", password: "pw-SECRET" } }, actor);
    expect((await updateChannel(t.db, ch.id, { config: { from: "c@example.com" } }, actor)).config).toMatchObject({
      host: "smtp.attacker.example",
      from: "c@example.com",
    });
  });

  it("sends a test through the queue path to a real receiver, records it, and shows it in the outbound list", async () => {
    const rx = await startReceiver({ status: 200, body: "ok" });
    const ch = await createChannel(t.db, { name: "Test target", kind: "webhook", config: { url: `${rx.url}/hook` } }, actor);
    const result = await sendTest(t.db, ch.id, actor, { baseUrl: "http://tether.test" });
    expect(result).toMatchObject({ status: "delivered", attempt: 1, outcome: { ok: true, responseStatus: 200 } });
    const body = JSON.parse(rx.requests[0]!.body);
    expect(body).toMatchObject({
      event: "test",
      incidentId: null,
      rule: { name: "Test notification", severity: "info" },
      url: "http://tether.test/alerts/channels",
    });

    const list = await listDeliveries(t.db, { channelId: ch.id, limit: 50 });
    expect(list.deliveries).toHaveLength(1);
    expect(list.deliveries[0]).toMatchObject({ channel: { id: ch.id, name: "Test target", kind: "webhook" }, event: "test", status: "delivered", attempts: 1 });
    expect((await getChannel(t.db, ch.id)).lastDelivery).toMatchObject({ status: "delivered" });

    // A failing test is reported, recorded, and not retried by the queue.
    rx.reply({ status: 500, body: "nope" });
    const failed = await sendTest(t.db, ch.id, actor, { baseUrl: "http://tether.test" });
    expect(failed).toMatchObject({ status: "failed", nextAttemptAt: null, outcome: { ok: false, error: "HTTP 500: nope" } });
    expect(await claimNotificationDeliveries(t.db, { workerId: "w", now: new Date(Date.now() + 86_400_000), limit: 10 })).toEqual([]);

    // Replay from the explorer: a new attempt on the same delivery, triggered "replay".
    rx.reply({ status: 200, body: "ok" });
    const replayed = await replayDelivery(t.db, BigInt(failed.deliveryId), actor);
    expect(replayed).toMatchObject({ status: "delivered", attempt: 2 });
    const detail = await getDelivery(t.db, BigInt(failed.deliveryId));
    expect(detail.notification).toMatchObject({ event: "test" });
    expect(detail.attemptLog.map((a) => [a.attempt, a.trigger, a.responseStatus])).toEqual([
      [1, "test", 500],
      [2, "replay", 200],
    ]);
    expect((await listDeliveries(t.db, { status: "delivered", channelId: ch.id, limit: 1 })).nextCursor).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: { in: ["channel.test", "notification.replay"] } } })).toBe(3);
  });

  it("deletes a channel with its deliveries; a missing one is a 404", async () => {
    const ch = await createChannel(t.db, { name: "Doomed", kind: "discord", config: { webhookUrl: "https://discord.com/api/webhooks/1/abc" } }, actor);
    await deleteChannel(t.db, ch.id, actor);
    await expect(getChannel(t.db, ch.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteChannel(t.db, ch.id, actor)).rejects.toMatchObject({ status: 404 });
    await expect(replayDelivery(t.db, 999_999n, actor)).rejects.toMatchObject({ status: 404 });
  });

  it("key rotation re-encrypts channel secrets under the new key, readable without the old one", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    // The other channels of this file are under the process key: the keyring holds it too, as rotation's would.
    const processKey = parseKey(process.env.TETHER_ENCRYPTION_KEY!, "TETHER_ENCRYPTION_KEY");
    const ch = await createChannel(t.db, { name: "Rotated", kind: "pagerduty", config: { routingKey: "R".repeat(32) } }, actor, new Keyring(oldKey));
    expect(await rotateChannelSecrets(t.db, new Keyring(newKey, [oldKey, processKey]))).toBeGreaterThanOrEqual(1);
    const row = await t.db.notificationChannel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(openSecrets(ch.id, row.secretCiphertext, new Keyring(newKey))).toEqual({ routingKey: "R".repeat(32) });
    expect(await rotateChannelSecrets(t.db, new Keyring(newKey, [oldKey, processKey]))).toBe(0);
    await t.db.notificationChannel.delete({ where: { id: ch.id } });
  });
});
