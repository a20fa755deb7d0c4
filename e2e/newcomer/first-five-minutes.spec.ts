// A newcomer's first five minutes on a fresh `npm start`, in a fresh browser that nobody signed in: sent to
// sign-in, signing in through the form, every page of the navigation by clicking (each checked against WCAG 2.1
// A/AA in both themes and kept as a screenshot), an integration created and probed, a failed webhook delivery
// from the demo opened and replayed, and signing out. The fixture fails any test on console errors, failed
// requests or a navigation loop.
import { E2E } from "../env";
import { connectSql } from "../fixtures";
import { checkPage, expect, signInThroughForm, test } from "./fixtures";

test("is sent to sign-in, signs in through the form, and lands on the overview with the demo rows", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await checkPage(page, "signin");
  await signInThroughForm(page);
  const rows = page.getByTestId("integration-row");
  for (const name of ["Payments API", "Messaging API", "Legacy billing"]) await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Payments API" })).toContainText("Healthy");
  await checkPage(page, "overview");
});

test("past probes never read as future ones, in the server's HTML or on the page", async ({ page }) => {
  await signInThroughForm(page);
  await expect(page.getByTestId("integration-row").first().locator("time")).toBeVisible();
  // The server rendered these with a clock frozen at its start: "in 1m" for a probe a minute ago.
  const html = await (await page.request.get("/")).text();
  const serverTimes = [...html.matchAll(/<time[^>]*>([^<]*)<\/time>/g)].map((m) => m[1]);
  expect(serverTimes.length).toBeGreaterThan(0);
  expect(serverTimes.filter((t) => /^in /.test(t!))).toEqual([]);
  const shown = await page.getByTestId("integration-row").locator("time").allTextContents();
  expect(shown.filter((t) => /^in /.test(t))).toEqual([]);
});

test("visits every page of the navigation by clicking", async ({ page }) => {
  // Fourteen pages, each checked and shot in two themes, and a wait of up to 2.5 min for the demo's first incident.
  test.setTimeout(300_000);
  await signInThroughForm(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  const pages: [link: string, heading: string, name: string][] = [
    ["Alerts", "Alert rules", "alerts"],
    ["Incidents", "Incidents", "incidents"],
    ["Webhooks", "Webhooks", "webhooks"],
    ["Workers", "Workers", "workers"],
    ["Integrations", "Integrations", "integrations"],
  ];
  for (const [link, heading, name] of pages) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { name: heading, exact: true, level: 1 })).toBeVisible();
    await expect(nav.getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
    await checkPage(page, name);
  }

  // Administration sits under one Settings menu, opened from the keyboard as well as by clicking.
  const settings: [item: string, heading: string, name: string][] = [
    ["API tokens", "API tokens", "tokens"],
    ["Users", "Users", "users"],
    ["Audit log", "Audit log", "audit"],
  ];
  for (const [item, heading, name] of settings) {
    await nav.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("menuitem", { name: item, exact: true }).click();
    await expect(page.getByRole("heading", { name: heading, exact: true, level: 1 })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Settings" })).toHaveAttribute("aria-current", "page");
    await checkPage(page, name);
  }
  await nav.getByRole("button", { name: "Settings" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "API tokens", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await nav.getByRole("link", { name: "Integrations", exact: true }).click();

  // One level down, still by clicking.
  await page.getByTestId("integration-row").filter({ hasText: "Payments API" }).getByRole("link", { name: "Payments API" }).click();
  await expect(page.getByRole("heading", { name: "Payments API", level: 1 })).toBeVisible();
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await checkPage(page, "integration");

  await nav.getByRole("link", { name: "Alerts", exact: true }).click();
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { name: "Notification channels", level: 1 })).toBeVisible();
  await checkPage(page, "alert-channels");
  await nav.getByRole("link", { name: "Alerts", exact: true }).click();
  await page.getByRole("link", { name: "Silences" }).click();
  await expect(page.getByRole("heading", { name: "Silences", level: 1 })).toBeVisible();
  await checkPage(page, "silences");
  await nav.getByRole("link", { name: "Alerts", exact: true }).click();
  await page.getByTestId("rule-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
  await checkPage(page, "alert-rule");

  // The demo rule opens an incident on the always-down integration within its first minutes.
  await nav.getByRole("link", { name: "Incidents", exact: true }).click();
  const incident = page.getByTestId("incident-row").filter({ hasText: "Legacy billing" }).filter({ hasText: "Demo: error rate above 20%" });
  await expect(incident.first()).toBeVisible({ timeout: 150_000 });
  await incident.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await checkPage(page, "incident");

  await nav.getByRole("link", { name: "Webhooks", exact: true }).click();
  await page.getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Webhook sources", level: 1 })).toBeVisible();
  await expect(page.getByText("Demo Stripe")).toBeVisible();
  await checkPage(page, "webhook-sources");
  await nav.getByRole("link", { name: "Webhooks", exact: true }).click();
  await page.getByRole("navigation", { name: "Direction" }).getByRole("link", { name: "Outbound" }).click();
  await expect(page).toHaveURL(/view=outbound/);
  await checkPage(page, "webhooks-outbound");
});

test("creates an integration through the form and probes it", async ({ page }) => {
  await signInThroughForm(page);
  const name = `Newcomer API ${Date.now()}`;
  await page.getByRole("link", { name: "New integration" }).click();
  await checkPage(page, "integration-new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("URL").fill(`${E2E.demoURL}/healthy`);
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Probe now" }).click();
  const result = page.getByTestId("probe-now-result");
  await expect(result.getByText("Passed")).toBeVisible();
  await checkPage(page, "integration-probed");
  // Counts and due times read as words: "1 run", never "1 runs"; "next run in 28s", not "next now".
  const sub = (label: string) => page.locator(`xpath=//dt[normalize-space()="${label}"]/following-sibling::dd[2]`);
  await expect(sub("Uptime · 24 h")).toHaveText(/^(1 run|([02-9]|\d{2,}) runs)$/);
  await expect(sub("Last probe")).toHaveText(/^next run (now|in \d+[smhd])$/);

  const { sql, close } = await connectSql();
  try {
    const stored = await sql<{ trigger: string; ok: boolean }>(
      `SELECT r."trigger", r.ok FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId" WHERE i.name = $1 AND r."trigger" = 'manual'`,
      [name],
    );
    expect(stored).toEqual([{ trigger: "manual", ok: true }]);
  } finally {
    await close();
  }
});

test("opens a failed webhook delivery from the demo, inspects it and replays it", async ({ page }) => {
  // On a fresh start the first dead letter takes up to a minute (see below).
  test.setTimeout(120_000);
  await signInThroughForm(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await page.getByLabel("Source").click();
  await page.getByRole("option", { name: "Demo Stripe" }).click();
  await page.getByLabel("Status").click();
  await page.getByRole("option", { name: "dead-lettered" }).click();
  const rows = page.getByTestId("event-row");
  // The demo sends a Stripe event every 3 s; every fifth is refused by the demo order service and dead-lettered after its retry.
  await expect(rows.first()).toContainText("invoice.payment_failed", { timeout: 60_000 });
  await checkPage(page, "webhooks-dead-lettered");
  await rows.first().getByRole("link", { name: "invoice.payment_failed" }).click();
  await expect(page).toHaveURL(/\/webhooks\/events\/\d+$/);
  const id = page.url().split("/").pop()!;
  await expect(page.getByTestId("verification")).toContainText("Verified with stripe");
  await expect(page.getByTestId("event-body")).toContainText('"type": "invoice.payment_failed"');
  await expect(page.getByTestId("attempts")).toContainText("HTTP 500");
  await checkPage(page, "webhook-event");

  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByTestId("attempts").getByText("(replay)")).toBeVisible();
  const { sql, close } = await connectSql();
  try {
    const attempts = await sql<{ trigger: string; responseStatus: number }>(
      `SELECT trigger, "responseStatus" FROM "WebhookDelivery" WHERE "eventId" = $1 ORDER BY attempt`,
      [id],
    );
    expect(attempts.map((a) => a.trigger)).toEqual(["retry", "retry", "replay"]);
    expect(attempts.at(-1)?.responseStatus).toBe(500);
  } finally {
    await close();
  }
});

test("signs out and is signed out", async ({ page }) => {
  await signInThroughForm(page);
  await page.getByRole("button", { name: /^Account: / }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Sign in to Tether" })).toBeVisible();
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Falerts$/);
});

test("a typed /settings lands on the account page, not a 404", async ({ page }) => {
  await signInThroughForm(page);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
});
