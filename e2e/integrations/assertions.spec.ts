import type { Page } from "@playwright/test";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

/** Picks an option of a row's Radix select, by keyboard: focus, open with Enter, type to find, Enter to choose. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("option", { name: option, exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(label)).toContainText(option);
}

test("build a check with three assertions in the form, probe now, and see the failing one with what it saw", async ({ page, sql }, testInfo) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const name = `Assertions ${Date.now()}`;
  await page.goto("/integrations/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("URL").fill(`${E2E.demoURL}/healthy`);
  await expect(page.getByText("No assertions: any response with the expected status passes.")).toBeVisible();

  // 1: status equals 200 (a new row's default); focus lands on the new row.
  await page.getByRole("button", { name: "Add assertion" }).click();
  await expect(page.getByLabel("Assertion 1: what to check")).toBeFocused();

  // 2: a JSON path that will not hold.
  await page.getByRole("button", { name: "Add assertion" }).click();
  await choose(page, "Assertion 2: what to check", "JSON path");
  await page.getByLabel("Assertion 2: JSON path").fill("$.status");
  await page.getByLabel("Assertion 2: value").fill("degraded");

  // 3: a header, typed wrong first to see the row's own error.
  await page.getByRole("button", { name: "Add assertion" }).click();
  await choose(page, "Assertion 3: what to check", "header");
  await choose(page, "Assertion 3: comparison", "contains");
  await page.getByLabel("Assertion 3: value").fill("json");
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText("Enter the header name, e.g. content-type")).toBeVisible();
  await expect(page.getByLabel("Assertion 3: header name")).toBeFocused();
  await page.getByLabel("Assertion 3: header name").fill("content-type");

  // Reorder with the buttons: the header check moves up to second place, and focus follows it.
  await page.getByRole("button", { name: "Move assertion 3 up" }).click();
  await expect(page.getByRole("button", { name: "Move assertion 2 up" })).toBeFocused();
  await expect(page.getByLabel("Assertion 2: header name")).toHaveValue("content-type");
  await expect(page.getByLabel("Assertion 3: JSON path")).toHaveValue("$.status");

  const rows = page.getByTestId("assertion-row").first().locator("xpath=../..");
  await rows.screenshot({ path: testInfo.outputPath("assertions-form.png") });

  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  const [stored] = await sql<{ config: { assertions: unknown[] } }>(`SELECT config FROM "Integration" WHERE id = $1`, [id]);
  expect(stored!.config.assertions).toEqual([
    { source: "status", comparison: "equals", target: "200" },
    { source: "header", property: "content-type", comparison: "contains", target: "json" },
    { source: "json_path", property: "$.status", comparison: "equals", target: "degraded" },
  ]);
  await expect(page.getByTestId("check-assertions")).toContainText("$.status equals degraded");

  await page.getByRole("button", { name: "Probe now" }).click();
  const result = page.getByTestId("probe-now-result");
  await expect(result.getByText("assertion", { exact: true })).toBeVisible();
  await expect(result).toContainText("1 of 3 assertions failed: $.status equals degraded (saw ok)");
  const assertions = result.getByTestId("assertion-result");
  await expect(assertions).toHaveCount(3);
  await expect(assertions.nth(0)).toHaveAttribute("data-passed", "true");
  await expect(assertions.nth(1)).toHaveAttribute("data-passed", "true");
  await expect(assertions.nth(1).getByTestId("assertion-actual")).toHaveText("application/json");
  await expect(assertions.nth(2)).toHaveAttribute("data-passed", "false");
  await expect(assertions.nth(2)).toContainText("$.status equals degraded");
  await expect(assertions.nth(2).getByTestId("assertion-actual")).toHaveText("ok");

  const [run] = await sql<{ errorClass: string; details: { assertions: { passed: boolean; actual: string }[] } }>(
    `SELECT "errorClass"::text AS "errorClass", details FROM "ProbeRun" WHERE "integrationId" = $1 AND "trigger" = 'manual'`,
    [id],
  );
  expect(run!.errorClass).toBe("assertion");
  expect(run!.details.assertions.map((a) => [a.passed, a.actual])).toEqual([
    [true, "200"],
    [true, "application/json"],
    [false, "ok"],
  ]);

  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
    }, theme);
    await result.scrollIntoViewIfNeeded();
    await result.screenshot({ path: testInfo.outputPath(`assertions-trace-${theme}.png`) });
  }
  expect(errors).toEqual([]);
});
