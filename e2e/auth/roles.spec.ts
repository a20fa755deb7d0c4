import { E2E } from "../env";
import { expect, sameOrigin, test } from "../fixtures";

test("sign in through the form, a viewer sees no edit controls and gets 403 from the API, sign out", async ({ browser, api, sql }) => {
  const email = `viewer-${Date.now()}@example.com`;
  const password = "viewer-password-1";
  expect((await api.post("/api/users", { data: { email, role: "viewer", password } })).status()).toBe(201);

  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto("/integrations/new");
  // Not signed in: sent to sign-in, and back to where they were going afterwards.
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fintegrations%2Fnew/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  // A viewer asked for an editor page: the server refuses it.
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("integration-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "New integration" })).toHaveCount(0);
  await page.getByTestId("integration-row").first().getByRole("link").click();
  await expect(page.getByText("Latency and errors")).toBeVisible();
  await expect(page.getByTestId("edit-controls")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Probe now" })).toHaveCount(0);

  // The API enforces it too, whatever the page shows.
  const id = page.url().split("/").pop()!;
  expect((await page.request.post(`/api/integrations/${id}/probe`, { headers: sameOrigin })).status()).toBe(403);
  expect((await page.request.delete(`/api/integrations/${id}`, { headers: sameOrigin })).status()).toBe(403);
  expect((await page.request.get("/api/users")).status()).toBe(403);
  expect((await page.request.get(`/api/integrations/${id}`)).status()).toBe(200);
  expect(await sql(`SELECT 1 FROM "Integration" WHERE id = $1`, [id])).toHaveLength(1);

  await page.getByRole("button", { name: /Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await context.close();
});

test("sign-in attempts are rate limited per account", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const email = `nobody-${Date.now()}@example.com`;
  const attempt = async () => {
    const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
    const res = await context.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "guess-guess-1", json: "true" },
      maxRedirects: 0,
    });
    return res.headers()["location"] ?? (await res.text());
  };
  for (let i = 0; i < 5; i++) expect(await attempt()).toContain("error=CredentialsSignin");
  expect(decodeURIComponent(await attempt())).toMatch(/error=rate_limited:\d+/);
  await context.close();
});

test("an API token works on the API, shows its last use, and stops working once revoked", async ({ page }) => {
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("deploy pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^tth_/);
  await page.getByRole("button", { name: "Done" }).click();

  const headers = { authorization: `Bearer ${token}` };
  expect((await page.request.get("/api/integrations", { headers })).status()).toBe(200);
  // A viewer token cannot write, even though its owner is an admin.
  expect((await page.request.post("/api/integrations", { headers, data: {} })).status()).toBe(403);

  const row = page.getByTestId("token-row").filter({ hasText: "deploy pipeline" });
  await page.reload();
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("revoked");
  expect((await page.request.get("/api/integrations", { headers })).status()).toBe(401);
  // The token is shown once: nothing on the page carries it any more.
  expect(await page.content()).not.toContain(token);
});

test("the audit log records who changed what", async ({ page, api }) => {
  const name = `Audited ${Date.now()}`;
  const res = await api.post("/api/integrations", {
    data: { name, kind: "http", intervalSeconds: 60, timeoutMs: 1000, config: { url: `${E2E.demoURL}/healthy` } },
  });
  expect(res.status()).toBe(201);
  await page.goto("/audit");
  const row = page.getByTestId("audit-row").filter({ hasText: `Created ${name}` });
  await expect(row).toContainText("integration.create");
  await expect(row).toContainText(/token "e2e \d+"/);
});

test("security headers are set on pages and the API", async ({ page }) => {
  const res = await page.goto("/");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name.endsWith("next-auth.session-token"))).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("sign in with GitHub (a local server speaking GitHub's OAuth protocol) creates a viewer from the verified email", async ({ browser, sql }) => {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with GitHub" }).click();
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  const me = await (await page.request.get("/api/me")).json();
  expect(me).toEqual({ kind: "user", role: "viewer", label: "octo@example.com" });
  expect(await sql(`SELECT email, "githubId", role FROM "User" WHERE "githubId" = '4242'`)).toEqual([
    { email: "octo@example.com", githubId: "4242", role: "viewer" },
  ]);
  await context.close();
});
