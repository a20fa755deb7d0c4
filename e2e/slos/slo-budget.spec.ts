import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("an SLO made through the form shows its budget from the stored rollups, on its page and the integration's", async ({ page, api, sql }) => {
  const name = `Ledger ${Date.now()}`;
  // Paused, so the worker adds no runs of its own while the test reads the figures.
  const res = await api.post("/api/integrations", {
    data: { name, kind: "http", enabled: false, intervalSeconds: 60, timeoutMs: 1000, config: { url: `${E2E.demoURL}/healthy` } },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  // 1,000 runs ten minutes ago, 5 failed: against 99% that spends half the budget.
  await sql(
    `INSERT INTO "ProbeRollupMinute" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "latencyHist")
     VALUES ($1, date_trunc('minute', now() AT TIME ZONE 'UTC') - interval '10 minutes', 1000, 5, 0, 40, '{}')`,
    [id],
  );

  await page.goto("/slos");
  await page.getByRole("link", { name: "New SLO" }).click();
  await page.getByLabel("Name").fill(`${name} availability`);
  // Submitting without an integration says so, and keeps what was typed.
  await page.getByLabel("Objective (%)").fill("99");
  await page.getByRole("button", { name: "Create SLO" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose an integration" })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(`${name} availability`);

  await page.getByLabel("Integration").click();
  await page.getByRole("option", { name }).click();
  await page.getByRole("button", { name: "Create SLO" }).click();

  await expect(page).toHaveURL(/\/slos\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("budget-remaining")).toHaveText("50%");
  await expect(page.getByText("5 bad of 1,000 runs")).toBeVisible();
  await expect(page.getByTestId("slo-status")).toHaveText("Healthy");
  await expect(page.getByTestId("budget-chart")).toBeVisible();
  const sloId = page.url().split("/").at(-1)!;
  const stored = await sql<{ name: string; objectivePct: number; window: string; scope: unknown }>(
    `SELECT name, "objectivePct", "window", scope FROM "Slo" WHERE id = $1`,
    [sloId],
  );
  expect(stored).toEqual([{ name: `${name} availability`, objectivePct: 99, window: "rolling_30d", scope: { kind: "integration", integrationId: id } }]);

  await page.goto("/slos");
  const row = page.getByTestId("slos-table").getByRole("row", { name: new RegExp(`${name} availability`) });
  await expect(row).toContainText("50%");
  await expect(row).toContainText("99.5%");

  await page.goto(`/integrations/${id}`);
  await expect(page.getByTestId("slo-card")).toContainText("budget left 50%");
});
