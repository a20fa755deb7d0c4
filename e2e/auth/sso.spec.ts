// Single sign-on end to end: the SSO button, the provider's own sign-in page (a real oidc-provider started by
// the Playwright config, e2e/fakes/oidc-server.ts), back to the overview with the role the user's group maps to;
// then "sign out everywhere" from one browser ends the other browser's session too.
import type { Browser } from "@playwright/test";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

async function signInWithSso(browser: Browser) {
  const context = await browser.newContext({ baseURL: E2E.baseURL, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  // The provider's own page, on its own origin.
  await expect(page).toHaveURL(new RegExp(`^${E2E.oidcIssuer}/interaction/`));
  await page.locator('input[name="login"]').fill(E2E.oidc.user);
  await page.locator('input[name="password"]').fill("correct horse battery");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(`${E2E.baseURL}/`);
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  return { context, page };
}

test("sign in through the SSO button in a fresh browser, land on the overview, then sign out everywhere", async ({ browser, sql }) => {
  const laptop = await signInWithSso(browser);
  expect(await (await laptop.page.request.get("/api/me")).json()).toEqual({ kind: "user", role: "editor", label: E2E.oidc.email });
  const phone = await signInWithSso(browser);
  expect((await phone.page.request.get("/api/me")).status()).toBe(200);

  const [user] = await sql<{ id: string; role: string }>(`SELECT id, role FROM "User" WHERE email = $1`, [E2E.oidc.email]);
  expect(user!.role).toBe("editor");
  expect(await sql(`SELECT provider, subject FROM "UserIdentity" WHERE "userId" = $1`, [user!.id])).toEqual([{ provider: "oidc", subject: E2E.oidc.user }]);

  await laptop.page.getByRole("button", { name: /Account:/ }).click();
  await laptop.page.getByRole("menuitem", { name: "Account and sessions" }).click();
  const rows = laptop.page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "this browser" })).toHaveCount(1);
  // Playwright's "Desktop Chrome" device says Windows; the address is the loopback the browser connects from.
  await expect(rows.first()).toContainText("Chrome on Windows");
  await expect(rows.first()).toContainText("127.0.0.1");

  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptop.page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop.page).toHaveURL(/\/signin/);
  await expect(laptop.page.getByRole("button", { name: "Sign in with Acme SSO" })).toBeVisible();

  // The other browser still holds its cookie, and it no longer signs anyone in.
  expect((await phone.page.request.get("/api/me")).status()).toBe(401);
  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/signin/);
  expect(await sql(`SELECT count(*)::int AS live FROM "UserSession" WHERE "userId" = $1 AND "endedAt" IS NULL`, [user!.id])).toEqual([{ live: 0 }]);
  await laptop.context.close();
  await phone.context.close();
});

test("a provider's refusal is shown in words on the sign-in page", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E.oidcIssuer}/interaction/`));
  // The provider's own "Cancel" (its abort route): it answers Tether's callback with error=access_denied.
  await page.goto(`${page.url()}/abort`);
  await expect(page).toHaveURL(/\/signin\?error=provider_access_denied/);
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/The identity provider did not let you in \(access denied\)/);
  await context.close();
});
