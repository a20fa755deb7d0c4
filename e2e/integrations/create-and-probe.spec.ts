import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("create an integration, see its first scheduled result, probe now with the full trace, and see the charts", async ({ page, sql }, testInfo) => {
  const name = `Orders API ${Date.now()}`;
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  await page.getByRole("link", { name: "New integration" }).click();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("URL").fill(`${E2E.demoURL}/healthy`);
  await page.getByLabel("Interval (seconds)").fill("5");
  await page.getByLabel("Timeout per attempt (ms)").fill("2000");
  await page.getByRole("button", { name: "Create integration" }).click();

  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const id = page.url().split("/").pop()!;

  // The worker picks the new integration up on its next tick: the first scheduled run appears by itself.
  const runs = page.getByTestId("run-row");
  await expect(runs.first()).toContainText("scheduled");
  await expect(runs.first()).toContainText("ok 200");

  await page.getByRole("button", { name: "Probe now" }).click();
  const result = page.getByTestId("probe-now-result");
  await expect(result.getByText("Passed")).toBeVisible();
  await expect(result.getByText("attempt 1")).toBeVisible();
  await expect(result).toContainText("circuit after");
  await expect(page.getByTestId("run-row").filter({ hasText: "manual" })).toHaveCount(1);

  // Charts render from the rollups.
  // A new integration has a minute or two of data: the chart shows it as points.
  await expect(page.getByTestId("latency-chart").locator(".recharts-line-dot").first()).toBeVisible();
  await expect(page.getByTestId("error-rate-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("tab", { name: "24h" }).click();
  await expect(page.getByRole("tab", { name: "24h" })).toHaveAttribute("data-state", "active");

  // The stored rows agree with the page.
  const stored = await sql<{ trigger: string; ok: boolean }>(`SELECT "trigger", ok FROM "ProbeRun" WHERE "integrationId" = $1`, [id]);
  expect(stored.filter((r) => r.trigger === "manual")).toEqual([{ trigger: "manual", ok: true }]);
  expect(stored.filter((r) => r.trigger === "scheduled").length).toBeGreaterThanOrEqual(1);

  await page.screenshot({ path: testInfo.outputPath("integration-detail.png"), fullPage: true });
  await testInfo.attach("integration-detail", { path: testInfo.outputPath("integration-detail.png"), contentType: "image/png" });
});

test("the overview lists the demo integrations with status, circuit and figures", async ({ page }, testInfo) => {
  await page.goto("/");
  const rows = page.getByTestId("integration-row");
  await expect(rows.filter({ hasText: "Payments API" })).toContainText("Healthy");
  await expect(rows.filter({ hasText: "Legacy billing" }).locator("[data-circuit]")).toHaveAttribute("data-circuit", "open");
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search integrations")).toBeFocused();
  await page.keyboard.type("billing");
  await expect(rows).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("overview.png"), fullPage: true });
  await testInfo.attach("overview", { path: testInfo.outputPath("overview.png"), contentType: "image/png" });
});

test("pause, resume and delete an integration", async ({ page, sql }) => {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'http', $2, 60, 1000, now()) RETURNING id`,
    [`Disposable ${Date.now()}`, JSON.stringify({ method: "GET", url: `${E2E.demoURL}/healthy`, headers: [], expectedStatus: "2xx" })],
  );
  await page.goto(`/integrations/${row!.id}`);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "paused");
  expect((await sql(`SELECT enabled FROM "Integration" WHERE id = $1`, [row!.id]))[0]).toEqual({ enabled: false });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  await page.getByRole("button", { name: "Delete integration" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete integration" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await sql(`SELECT 1 FROM "Integration" WHERE id = $1`, [row!.id])).toEqual([]);
});
