import { randomBytes } from "node:crypto";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("a secret set in the UI is used by the probe and never shown by any page or API response", async ({ page, api, sql }) => {
  const plaintext = `sk_test_${randomBytes(10).toString("hex")}`;
  const created = await api.post("/api/integrations", {
    data: {
      name: `Keyed API ${Date.now()}`,
      kind: "http",
      intervalSeconds: 300,
      timeoutMs: 2000,
      config: { url: `${E2E.demoURL}/healthy`, headers: [{ name: "Authorization", value: "Bearer {{secret.API_KEY}}" }] },
    },
  });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/integrations/${id}`);
  await page.getByLabel("Name", { exact: true }).last().fill("api_key");
  await page.getByLabel("Value").fill(plaintext);
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByTestId("secrets-list")).toContainText("API_KEY");
  await expect(page.getByLabel("Value")).toHaveValue("");

  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(page.getByTestId("probe-now-result").getByText("Passed")).toBeVisible();

  const pages = [`/integrations/${id}`, `/integrations/${id}/edit`, "/", "/audit"];
  for (const path of pages) {
    await page.goto(path);
    expect(await page.content(), path).not.toContain(plaintext);
  }
  for (const path of [`/api/integrations/${id}`, `/api/integrations/${id}/secrets`, `/api/integrations/${id}/runs`, "/api/integrations", "/api/audit"]) {
    expect(await (await api.get(path)).text(), path).not.toContain(plaintext);
  }
  const [row] = await sql<{ ciphertext: string }>(`SELECT ciphertext FROM "IntegrationSecret" WHERE "integrationId" = $1`, [id]);
  expect(row!.ciphertext).toMatch(/^v1\./);
  expect(row!.ciphertext).not.toContain(plaintext);
});
