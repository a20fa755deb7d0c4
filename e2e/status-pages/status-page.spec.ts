// A status page made from the demo through the admin UI, then read as a stranger would: a fresh browser context
// with no session sees the page (served from the worker's snapshot), its components' statuses and 90 days of bars, reads a day by keyboard, and
// finds nothing of the integrations behind it; summary.json answers in Statuspage's shape.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures";

test("a status page built from the demo shows its bars to a signed-out visitor", async ({ page, browser, sql }) => {
  const slug = `acme-${Date.now()}`;
  await page.goto("/status-pages");
  await page.getByRole("link", { name: "New status page" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Acme status");
  await page.getByLabel("Address", { exact: true }).fill(slug);
  await page.getByLabel("Description", { exact: true }).fill("How Acme's payments are doing");
  await page.getByLabel("Group name", { exact: true }).fill("Payments");

  await page.getByRole("button", { name: "Add component" }).click();
  const first = page.getByRole("group", { name: "Component 1" });
  await first.getByLabel("Component name").fill("Card payments");
  await first.getByRole("combobox", { name: "Integration" }).click();
  await page.getByRole("option", { name: "Payments API" }).click();

  await page.getByRole("button", { name: "Add component" }).click();
  const second = page.getByRole("group", { name: "Component 2" });
  await second.getByLabel("Component name").fill("Invoicing");
  await second.getByRole("combobox", { name: "Made of" }).click();
  await page.getByRole("option", { name: "Every integration with a tag" }).click();
  await second.getByLabel("Tag").fill("payments");

  await page.getByRole("button", { name: "Create page" }).click();
  await expect(page).toHaveURL(/\/status-pages\/[0-9a-f-]{36}$/);
  const [stored] = await sql<{ title: string; access: string; groups: { name: string; components: { name: string; source: { kind: string } }[] }[] }>(
    `SELECT title, access::text, groups FROM "StatusPage" WHERE slug = $1`,
    [slug],
  );
  expect(stored).toMatchObject({ title: "Acme status", access: "public" });
  expect(stored!.groups[0]!.components.map((c) => [c.name, c.source.kind])).toEqual([
    ["Card payments", "integration"],
    ["Invoicing", "tag"],
  ]);

  // A stranger: a fresh context with no session cookie.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  const errors: string[] = [];
  pub.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await pub.goto(`/status/${slug}`);
  await expect(pub.getByRole("heading", { level: 1, name: "Acme status" })).toBeVisible();
  await expect(pub.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  // The page is served from the worker's snapshot (the status fast path); one SVG strip per component.
  // The demo probes every 10 s; today's bar fills once its first runs are rolled up, and the always-down
  // "Legacy billing" (tagged payments) makes Invoicing an outage.
  const strip = pub.getByRole("group", { name: /^Card payments: the last 90 days/ }).getByRole("img");
  await expect(async () => {
    await pub.reload();
    await expect(strip).toHaveAttribute("data-today", "operational", { timeout: 1_000 });
    await expect(pub.locator('[data-component="Invoicing"]')).toContainText("Major outage", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(pub.getByRole("status").filter({ hasText: "Partial outage" })).toBeVisible();
  await expect(strip).toHaveAttribute("aria-label", /^Card payments: \d+\.\d\d% uptime over 90 days/);

  // By keyboard: the strip is one tab stop; focus reads today, arrows move between days in the tooltip.
  await strip.focus();
  const tooltip = pub.getByRole("tooltip");
  await expect(tooltip).toContainText(/uptime, (no downtime|\d+ min down), (no incidents|\d+ incidents?)/);
  const todayText = await tooltip.innerText();
  await pub.keyboard.press("ArrowLeft");
  await expect(tooltip).not.toHaveText(todayText);
  await expect(tooltip).toContainText(/^\w{3}, \d{1,2} \w{3} \d{4}: /);

  const { violations } = await new AxeBuilder({ page: pub }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

  const body = await pub.locator("body").innerText();
  for (const hidden of ["Payments API", "Legacy billing", "127.0.0.1", "/down", "/healthy"]) expect(body).not.toContain(hidden);

  const summary = await (await pub.request.get(`/status/${slug}/api/v2/summary.json`)).json();
  expect(summary.page.name).toBe("Acme status");
  expect(summary.status).toEqual({ indicator: "major", description: "Partial outage" });
  expect(summary.components.map((c: { name: string }) => c.name)).toEqual(["Payments", "Card payments", "Invoicing"]);
  expect(errors).toEqual([]);
  await visitor.close();
});
