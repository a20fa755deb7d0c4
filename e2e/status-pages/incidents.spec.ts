// A status incident from open to resolved: a page made from the demo, an incident opened in the admin UI with a
// component and an impact, updates posted through to resolved; a signed-out visitor sees it at the top of the page
// while it is open (the component and headline raised), then in the past incidents, on its own page and in the archive.
import { expect, test } from "../fixtures";

test("an editor opens a status incident, posts updates to resolved, and visitors follow its timeline", async ({ page, api, browser, sql }) => {
  const slug = `incidents-${Date.now()}`;
  const [payments] = await sql<{ id: string }>(`SELECT id FROM "Integration" WHERE name = 'Payments API'`);
  const created = await api.post("/api/status-pages", {
    data: {
      slug,
      title: "Acme status",
      groups: [{ name: "Payments", components: [{ id: "cards", name: "Card payments", source: { kind: "integration", id: payments!.id } }] }],
    },
  });
  expect(created.status()).toBe(201);
  const { id: pageId } = (await created.json()) as { id: string };

  await page.goto(`/status-pages/${pageId}`);
  await page.locator(`a[href="/status-pages/${pageId}/incidents"]`).click();
  await expect(page.getByText("No incidents posted")).toBeVisible();
  await page.getByRole("link", { name: "Open an incident" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Card payments are failing");
  await page.getByRole("combobox", { name: "Impact" }).click();
  await page.getByRole("option", { name: "Major" }).click();
  await page.getByRole("checkbox", { name: /Card payments/ }).check();
  await page.getByLabel("First update").fill("We are **investigating** failed card payments.");
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page).toHaveURL(/\/status-pages\/[0-9a-f-]{36}\/incidents\/[0-9a-f-]{36}$/);
  const incidentId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("incident-status")).toHaveText("Investigating");

  // A stranger sees the open incident above everything, and the component at least a partial outage.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto(`/status/${slug}`);
  const active = pub.getByRole("region", { name: "Active incidents" });
  // The public page is served from the worker's snapshot, rebuilt within seconds of the change.
  await expect(async () => {
    await pub.reload();
    await expect(active.getByRole("heading", { name: "Card payments are failing" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(active.locator("[data-impact]")).toHaveAttribute("data-impact", "major");
  await expect(active.getByText("investigating", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await expect(pub.locator('[data-component="Card payments"]')).toContainText(/Partial outage|Major outage/);
  await expect(pub.getByRole("status")).toContainText(/outage/);
  const summary = await (await pub.request.get(`/status/${slug}/api/v2/summary.json`)).json();
  expect(summary.incidents).toHaveLength(1);
  expect(summary.incidents[0]).toMatchObject({ id: incidentId, name: "Card payments are failing", status: "investigating", impact: "major" });
  expect(summary.incidents[0].incident_updates[0].body).toBe("We are **investigating** failed card payments.");

  // Updates through to resolved; each form offers the next status.
  for (const [status, body] of [
    ["Identified", "A certificate expired at our card processor."],
    ["Monitoring", "The certificate is renewed; we are watching payments recover."],
    ["Resolved", "Card payments work again."],
  ] as const) {
    await expect(page.getByRole("combobox", { name: "Status" })).toHaveText(status);
    await page.getByLabel("Update", { exact: true }).fill(body);
    await page.getByRole("button", { name: "Post update" }).click();
    await expect(page.getByTestId("incident-status")).toHaveText(status);
  }
  await expect(page.getByRole("list", { name: "Updates, newest first" }).getByRole("listitem")).toHaveCount(4);
  const [stored] = await sql<{ status: string; resolved: boolean; updates: string[] }>(
    `SELECT i.status::text, i."resolvedAt" IS NOT NULL AS resolved,
            array(SELECT u.status::text FROM "StatusIncidentUpdate" u WHERE u."incidentId" = i.id ORDER BY u."createdAt") AS updates
       FROM "StatusIncident" i WHERE i.id = $1`,
    [incidentId],
  );
  expect(stored).toEqual({ status: "resolved", resolved: true, updates: ["investigating", "identified", "monitoring", "resolved"] });

  // Resolved: no longer active; in the past incidents, on its own page with the whole timeline, and in the archive.
  await expect(async () => {
    await pub.reload();
    await expect(pub.getByRole("region", { name: "Active incidents" })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const past = pub.getByRole("region", { name: "Past incidents" });
  await expect(past.getByRole("link", { name: "Card payments are failing" })).toBeVisible();
  await expect(past).toContainText("Card payments work again.");
  await past.getByRole("link", { name: "Card payments are failing" }).click();
  await expect(pub).toHaveURL(new RegExp(`/status/${slug}/incidents/${incidentId}$`));
  await expect(pub.getByRole("heading", { level: 1, name: "Card payments are failing" })).toBeVisible();
  await expect(pub.locator("[data-update-status]")).toHaveCount(4);
  await expect(pub.locator("[data-update-status]").first()).toHaveAttribute("data-update-status", "resolved");
  await expect(pub.getByText("A certificate expired at our card processor.")).toBeVisible();

  await pub.getByRole("link", { name: "Incident history" }).click();
  await expect(pub).toHaveURL(new RegExp(`/status/${slug}/history$`));
  await expect(pub.getByRole("heading", { level: 1, name: /^Incidents in / })).toBeVisible();
  await expect(pub.getByRole("link", { name: "Card payments are failing" })).toBeVisible();
  await pub.getByRole("link", { name: /^← / }).click();
  await expect(pub.getByText("No incidents reported this month.")).toBeVisible();
  await visitor.close();
});
