import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("start from the GitHub preset, set its secret, and see rate-limit headroom and the deprecation notice", async ({ page, sql }) => {
  await page.goto("/integrations/new");
  await page.getByRole("link", { name: "GitHub" }).click();
  await expect(page.getByTestId("preset-notice")).toContainText("GITHUB_TOKEN");
  await expect(page.getByLabel("URL")).toHaveValue("https://api.github.com/rate_limit");
  await expect(page.getByLabel("Token")).toHaveValue("{{secret.GITHUB_TOKEN}}");
  await expect(page.getByLabel("Min rate-limit headroom (%)")).toHaveValue("10");

  // Point it at the demo's GitHub-shaped endpoint: this machine has no internet.
  const name = `GitHub via preset ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("URL").fill(`${E2E.demoURL}/partner`);
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).last().fill("GITHUB_TOKEN");
  await page.getByLabel("Value").fill("ghp_e2e_not_a_real_token");
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByTestId("secrets-list")).toContainText("GITHUB_TOKEN");

  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(page.getByTestId("probe-now-result").getByText("Passed")).toBeVisible();
  await expect(page.getByTestId("rate-limit")).toContainText("of 5,000");
  await expect(page.getByTestId("deprecation")).toContainText("switched off on");
  const [row] = await sql<{ details: { rateLimit: { limit: number } } }>(
    `SELECT details FROM "ProbeRun" r JOIN "Integration" i ON i.id = r."integrationId" WHERE i.name = $1 AND r.trigger = 'manual'`,
    [name],
  );
  expect(row!.details.rateLimit.limit).toBe(5000);
});
