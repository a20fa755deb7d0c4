// The API reference page: a signed-in user opens it from the Settings menu, reads the operations and expands one
// with the keyboard, in light and dark, while nothing is fetched from anywhere but this server and the console stays
// clean; a signed-out visit is sent to sign in.
import { expect, test } from "../fixtures";
import { E2E } from "../env";

test("signed in: opened from the Settings menu, every operation listed, no request leaves the server, no console error", async ({ page }, testInfo) => {
  const consoleErrors: string[] = [];
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  page.on("pageerror", (err) => void consoleErrors.push(err.message));
  page.on("request", (req) => void (new URL(req.url()).hostname !== "127.0.0.1" && foreign.push(req.url())));
  // Next aborts the prefetches it no longer needs when the page changes; those are not failures.
  page.on("requestfailed", (req) => void (!new URL(req.url()).searchParams.has("_rsc") && failed.push(`${req.url()} ${req.failure()?.errorText}`)));

  // What the page must show: every operation the served document has.
  const served = await page.request.get("/api/openapi.json");
  const doc = (await served.json()) as { paths: Record<string, object> };
  const documented = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  expect(documented).toBeGreaterThan(60);

  await page.goto("/");
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("menuitem", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/settings\/api$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();

  const operations = page.getByTestId("api-operation");
  await expect(operations).toHaveCount(documented);
  await expect(page.getByRole("navigation", { name: "API sections" }).getByRole("link", { name: /Integrations/ })).toBeVisible();

  // Keyboard: the section link moves focus on, and an operation opens with Enter to show its parameters and responses.
  const runs = page.locator("#listruns");
  await runs.locator(":scope > summary").focus();
  await page.keyboard.press("Enter");
  await expect(runs).toHaveAttribute("open", "");
  await expect(runs.getByRole("region", { name: "Parameters" })).toContainText("cursor");
  const ok = runs.getByRole("region", { name: "Responses" }).locator("summary").filter({ hasText: /^200/ });
  await ok.focus();
  await page.keyboard.press("Enter");
  await expect(runs.getByRole("region", { name: "Responses" })).toContainText("nextCursor");
  await page.screenshot({ path: testInfo.outputPath("api-reference-light.png"), fullPage: false });

  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(runs).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("api-reference-dark.png"), fullPage: false });

  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("signed out: the page redirects to sign-in and back", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto("/settings/api");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fapi$/);
  await context.close();
});
