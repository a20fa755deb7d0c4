// Test fixtures (STYLE.md principle 10): `page` is signed in as the demo admin through next-auth's own API,
// `api` calls the JSON API with a real admin API token, and `sql` queries the e2e server's database so tests
// assert stored rows as well as the page.
import { test as base, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { E2E } from "./env";

export type Sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

export function demoAdmin(): { email: string; password: string } {
  return JSON.parse(readFileSync(join(E2E.dataDir, "demo-admin.json"), "utf8")) as { email: string; password: string };
}

/** Signs a browser context in through next-auth's credentials endpoint, as the sign-in form does. */
export async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.ok(), `sign-in as ${email}`).toBe(true);
  const me = await request.get("/api/me");
  expect(me.status(), `session for ${email}`).toBe(200);
}

/** A connection to the e2e server's own database, for asserting stored rows. */
export async function connectSql(): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const { password, port } = JSON.parse(readFileSync(join(E2E.dataDir, "postgres.json"), "utf8")) as { password: string; port: number };
  const client = new pg.Client({ host: "127.0.0.1", port, user: "tether", password, database: "tether" });
  await client.connect();
  return { sql: async (text, values) => (await client.query(text, values)).rows, close: () => client.end() };
}

/** Same-origin headers for cookie-authenticated writes from a test (a browser sends them by itself). */
export const sameOrigin = { origin: E2E.baseURL };

export async function pageAs(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.baseURL, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page.request, email, password);
  return page;
}

export const test = base.extend<{ sql: Sql; api: APIRequestContext }>({
  page: async ({ page }, use) => {
    const { email, password } = demoAdmin();
    await signIn(page.request, email, password);
    await use(page);
  },
  api: async ({ playwright, page }, use) => {
    const res = await page.request.post("/api/tokens", { data: { name: `e2e ${Date.now()}`, role: "admin" }, headers: sameOrigin });
    expect(res.status()).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const api = await playwright.request.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    await use(api);
    await api.dispose();
  },
  sql: async ({}, use) => {
    const { sql, close } = await connectSql();
    await use(sql);
    await close();
  },
});

export { expect };
