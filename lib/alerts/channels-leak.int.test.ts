// A channel secret goes in once and comes out only where it is used: the request to the receiver. Channels of
// every secret-holding kind are created, listed, read, changed, tested against a receiver that echoes back
// everything it got, and browsed in the outbound explorer, all through the route handlers; then every API
// response, the log output and every database table are searched for the plaintexts.
import { randomBytes } from "node:crypto";
import { sessionCookie } from "../auth/testing/session-cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRows, captureStdout, routeCaller } from "../testing/leak-search";
import { createTestDb, type TestDb } from "../testing/postgres";
import { startReceiver } from "./channels/shared/testing";

const AUTH_SECRET = "channels-leak-test-secret-0123456789abcdef";
let t: TestDb;
let stdout: ReturnType<typeof captureStdout>;

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: AUTH_SECRET,
    TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    TETHER_LOG_LEVEL: "debug",
  });
  stdout = captureStdout();
});

afterAll(async () => {
  stdout.restore();
  await t.close();
});

describe("channel secrets", () => {
  it("reach the receiver and are found in no API response, log line or table", async () => {
    // The worst kind of receiver: it answers with everything it was sent, path included.
    const rx = await startReceiver((req) => ({ status: 500, body: JSON.stringify(req) }));
    const slackToken = `slack-${randomBytes(10).toString("hex")}`;
    const routingKey = randomBytes(16).toString("hex");
    const secrets = { slack: `${rx.url}/services/T1/B2/${slackToken}`, pagerduty: routingKey };

    const admin = await t.db.user.create({ data: { email: "admin@test.local", role: "admin" } });
    const cookie = await sessionCookie(t.db, admin.id, AUTH_SECRET);
    const headers = { cookie, origin: "http://tether.test", host: "tether.test", "content-type": "application/json" };
    const { responses, call } = routeCaller(headers);
    const list = await import("../../app/api/alerts/channels/route");
    const one = await import("../../app/api/alerts/channels/[id]/route");
    const test = await import("../../app/api/alerts/channels/[id]/test/route");
    const outbound = await import("../../app/api/webhooks/outbound/route");
    const delivery = await import("../../app/api/webhooks/outbound/[id]/route");
    const replay = await import("../../app/api/webhooks/outbound/[id]/replay/route");
    const auditLog = await import("../../app/api/audit/route");

    const slack = await call(list, "POST", "/api/alerts/channels", {}, { name: "Slack", kind: "slack", config: { webhookUrl: secrets.slack } });
    const pd = await call(
      list,
      "POST",
      "/api/alerts/channels",
      {},
      { name: "PD", kind: "pagerduty", config: { routingKey, endpointUrl: `${rx.url}/v2/enqueue` } },
    );
    // The one response allowed to show a secret is the create that generated it: kept out of the search.
    const hook = await call(list, "POST", "/api/alerts/channels", {}, { name: "Hook", kind: "webhook", config: { url: `${rx.url}/hook` } }, false);
    expect([slack.status, pd.status, hook.status]).toEqual([201, 201, 201]);
    const hookSecret = hook.json.generatedSecrets.secret as string;
    expect(hookSecret).toMatch(/^whsec_/);
    const plaintexts = [slackToken, routingKey, hookSecret.slice("whsec_".length)];

    await call(one, "PATCH", `/api/alerts/channels/${pd.json.id}`, { id: pd.json.id }, { name: "PagerDuty", config: { routingKey: "" } });
    for (const ch of [slack.json, pd.json, hook.json]) {
      const sent = await call(test, "POST", `/api/alerts/channels/${ch.id}/test`, { id: ch.id });
      expect(sent.json.outcome.ok).toBe(false);
      await call(one, "GET", `/api/alerts/channels/${ch.id}`, { id: ch.id });
      await call(replay, "POST", `/api/webhooks/outbound/${sent.json.deliveryId}/replay`, { id: sent.json.deliveryId });
      await call(delivery, "GET", `/api/webhooks/outbound/${sent.json.deliveryId}`, { id: sent.json.deliveryId });
    }
    await call(list, "GET", "/api/alerts/channels", {});
    await call(outbound, "GET", "/api/webhooks/outbound", {});
    await call(auditLog, "GET", "/api/audit", {});

    // The receiver did get them: the secrets work.
    const got = rx.requests.map((r) => `${r.path} ${r.body}`).join("\n");
    expect(got).toContain(slackToken);
    expect(got).toContain(routingKey);
    expect(rx.requests.some((r) => r.headers["webhook-signature"])).toBe(true);

    const stored = (await allRows(t.db)).map((r) => r.row).join("\n");
    expect(stored).toContain("[redacted]");
    for (const secret of plaintexts) {
      expect(responses.filter((r) => r.includes(secret))).toEqual([]);
      expect(stdout.lines.filter((o) => o.includes(secret))).toEqual([]);
      expect(stored.includes(secret)).toBe(false);
    }
  });
});
