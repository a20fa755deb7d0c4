// Issue #6's flow end to end: an error-rate rule created in the editor (with its backtest), the demo target made
// to fail, the incident opening on /incidents and the signed notification arriving at a local receiver, then the
// target healthy again, the incident resolved and the resolved notification received.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: {
    event: string;
    incidentId: string | null;
    rule: { id: string; name: string };
    integration: { id: string; name: string } | null;
    summary: string;
    threshold: number | null;
    resolvedAt: string | null;
    url: string;
  };
}

/** A team's webhook endpoint: records every POST and answers 200. */
async function startReceiver(): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Received["json"] });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(E2E.alertReceiverPort, "127.0.0.1", resolve);
  });
  return {
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Standard Webhooks: v1 signature = base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` under the whsec_ key. */
function verifySignature(r: Received, secret: string): boolean {
  const id = String(r.headers["webhook-id"]);
  const ts = String(r.headers["webhook-timestamp"]);
  const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
    .update(`${id}.${ts}.${r.body}`)
    .digest();
  return String(r.headers["webhook-signature"])
    .split(" ")
    .some((sig) => sig.startsWith("v1,") && timingSafeEqual(Buffer.from(sig.slice(3), "base64"), expected));
}

test("an error-rate rule with its backtest opens an incident, notifies a local receiver, and resolves", async ({ page, api, request, sql }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const receiver = await startReceiver();
  try {
    // A channel pointing at the receiver, and an integration of our own on the demo endpoint no demo integration probes (/hooks), which the test can break.
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const channelName = `On-call hook ${stamp}`;
    const channel = await api.post("/api/alerts/channels", {
      data: { name: channelName, kind: "webhook", config: { url: `http://127.0.0.1:${E2E.alertReceiverPort}/tether`, secret } },
    });
    expect(channel.status()).toBe(201);
    const integrationName = `Checkout API ${stamp}`;
    const created = await api.post("/api/integrations", {
      data: {
        name: integrationName,
        kind: "http",
        intervalSeconds: 5,
        timeoutMs: 2_000,
        retryAttempts: 0,
        breakerThreshold: 100,
        config: { url: `${E2E.demoURL}/hooks` },
      },
    });
    expect(created.status()).toBe(201);
    const integrationId = ((await created.json()) as { id: string }).id;

    // A complete minute with at least two runs first, so the backtest (which replays complete minutes) has data to draw.
    const fullMinute = `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM "ProbeRun" WHERE "integrationId" = $1 AND "startedAt" < date_trunc('minute', now()) GROUP BY date_trunc('minute', "startedAt")) m`;
    await expect.poll(async () => (await sql<{ n: number }>(fullMinute, [integrationId]))[0]!.n, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);

    // The rule, through the editor.
    const ruleName = `Checkout errors ${stamp}`;
    await page.goto("/alerts");
    await page.getByRole("link", { name: "New rule" }).click();
    await expect(page.getByRole("heading", { name: "New alert rule" })).toBeVisible();
    // Inline validation before anything is typed: saving an empty rule points at the missing fields.
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Give the rule a name" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Choose an integration" })).toBeVisible();

    await page.getByLabel("Name", { exact: true }).fill(ruleName);
    await page.getByRole("combobox", { name: "Integration" }).click();
    await page.getByRole("option", { name: integrationName }).click();
    await page.getByLabel("Fire above (%)", { exact: true }).fill("150");
    await expect(page.getByRole("alert").filter({ hasText: "At most 100%" })).toBeVisible();
    await page.getByLabel("Fire above (%)", { exact: true }).fill("50");
    await page.getByLabel("Window (minutes)", { exact: true }).fill("1");
    await page.getByLabel("Minimum runs", { exact: true }).fill("2");
    await page.getByRole("checkbox", { name: new RegExp(channelName) }).check();
    await expect(page.getByTestId("condition-words")).toContainText("error rate > 50% over 1 min (min 2 runs)");

    // The backtest replays the draft over stored data: its headline and its chart with the threshold line.
    const backtest = page.getByTestId("backtest");
    await expect(backtest.getByTestId("backtest-headline")).toHaveText(/This rule would (not )?have fired/);
    await expect(backtest.getByTestId("backtest-chart")).toBeVisible();
    await expect(backtest.getByTestId("backtest-chart").locator(".recharts-reference-line").first()).toBeAttached();

    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
    const ruleId = page.url().split("/").pop()!;
    const [rule] = await sql<{ name: string; scope: unknown; condition: unknown; channelIds: string[] }>(
      `SELECT name, scope, condition, "channelIds" FROM "AlertRule" WHERE id = $1`,
      [ruleId],
    );
    expect(rule).toMatchObject({
      name: ruleName,
      scope: { kind: "integration", integrationId },
      condition: { kind: "error_rate", thresholdPct: 50, windowMinutes: 1, minSamples: 2 },
    });
    expect(rule!.channelIds).toHaveLength(1);
    await page.goto("/alerts");
    await expect(page.getByTestId("rule-row").filter({ hasText: ruleName })).toContainText("error rate > 50% over 1 min (min 2 runs)");

    // The target starts failing: the incident opens and the receiver gets the signed firing notification.
    await request.post(`${E2E.demoURL}/_control/hooks?mode=fail`);
    await page.goto("/incidents");
    const row = page.getByTestId("incident-row").filter({ hasText: integrationName });
    await expect(row).toHaveCount(1, { timeout: 90_000 });
    await expect(row.locator("[data-incident-status]")).toHaveAttribute("data-incident-status", "open");
    await expect(row).toContainText(ruleName);

    await expect.poll(() => receiver.received.filter((r) => r.json.event === "firing" && r.json.rule.id === ruleId).length, { timeout: 30_000 }).toBe(1);
    const firing = receiver.received.find((r) => r.json.event === "firing" && r.json.rule.id === ruleId)!;
    const [incident] = await sql<{ id: string; status: string; threshold: number }>(`SELECT id, status, threshold FROM "Incident" WHERE "ruleId" = $1`, [
      ruleId,
    ]);
    expect(incident).toMatchObject({ status: "open", threshold: 50 });
    expect(firing.json).toMatchObject({
      incidentId: incident!.id,
      rule: { name: ruleName },
      integration: { id: integrationId, name: integrationName },
      threshold: 50,
      resolvedAt: null,
    });
    expect(firing.json.url).toMatch(new RegExp(`/incidents/${incident!.id}$`));
    expect(verifySignature(firing, secret)).toBe(true);

    // The target recovers: the incident resolves and the resolved notification arrives.
    await request.post(`${E2E.demoURL}/_control/hooks?mode=normal`);
    await page.getByRole("tab", { name: "all" }).click();
    await expect(row.locator("[data-incident-status]")).toHaveAttribute("data-incident-status", "resolved", { timeout: 90_000 });
    await expect
      .poll(() => receiver.received.filter((r) => r.json.event === "resolved" && r.json.incidentId === incident!.id).length, { timeout: 30_000 })
      .toBe(1);
    const resolved = receiver.received.find((r) => r.json.event === "resolved" && r.json.incidentId === incident!.id)!;
    expect(resolved.json.resolvedAt).not.toBeNull();
    expect(verifySignature(resolved, secret)).toBe(true);

    // The incident page tells the story in order, and the stored rows agree.
    await row.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incident!.id}$`));
    const story = ["opened", "notified", "resolved", "notified"];
    const events = page.getByTestId("incident-events").locator("[data-event-kind]");
    await expect.poll(() => events.evaluateAll((els) => els.map((e) => e.getAttribute("data-event-kind")))).toEqual(story);
    await expect(page.getByTestId("incident-events")).toContainText("resolved notification queued for 1 channel");
    const stored = await sql<{ kind: string }>(`SELECT kind FROM "IncidentEvent" WHERE "incidentId" = $1 ORDER BY at, id`, [incident!.id]);
    expect(stored.map((e) => e.kind)).toEqual(story);
    const deliveries = await sql<{ event: string; status: string }>(
      `SELECT event, status::text FROM "NotificationDelivery" WHERE "incidentId" = $1 ORDER BY id`,
      [incident!.id],
    );
    expect(deliveries).toEqual([
      { event: "firing", status: "delivered" },
      { event: "resolved", status: "delivered" },
    ]);

    // The integration's timeline places the incident beside the probe failures.
    await page.getByRole("link", { name: integrationName }).click();
    const timeline = page.getByTestId("integration-timeline");
    await expect(timeline.locator('[data-timeline-kind="incident"]').first()).toContainText(ruleName);
    await expect(timeline.locator('[data-timeline-kind="probe"]').first()).toBeVisible();
  } finally {
    await request.post(`${E2E.demoURL}/_control/hooks?mode=normal`);
    await receiver.close();
  }
});
