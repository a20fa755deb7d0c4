// A public status page embedded elsewhere, as a customer's docs site would: from another origin, its badges load
// as images and its widget's iframe shows the page's headline; the admin page offers the copy-paste snippets; a
// password-protected page's badge and widget refuse a stranger.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, sameOrigin, test } from "../fixtures";
import { E2E } from "../env";

let site: Server;
let siteUrl: string;
let embedHtml = "";

test.beforeAll(async () => {
  // The embedding site: another origin, serving whatever the test puts in embedHtml.
  site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(embedHtml));
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

test("badges render as images and the widget shows the status on another site; a protected page's refuse", async ({ page, browser, api, sql }) => {
  const [payments] = await sql<{ id: string }>(`SELECT id::text FROM "Integration" WHERE name = 'Payments API'`);
  const slug = `embed-${Date.now()}`;
  const created = await api.post("/api/status-pages", {
    headers: sameOrigin,
    data: {
      slug,
      title: "Embed status",
      groups: [{ name: "", components: [{ id: "cards", name: "Card payments", source: { kind: "integration", id: payments!.id } }] }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const locked = await api.post("/api/status-pages", {
    headers: sameOrigin,
    data: {
      slug: `${slug}-locked`,
      title: "Locked embed",
      access: "password",
      password: "correct horse battery",
      groups: [{ name: "", components: [{ id: "cards", name: "Card payments", source: { kind: "integration", id: payments!.id } }] }],
    },
  });
  expect(locked.status()).toBe(201);
  // The worker builds both pages' snapshots within a couple of seconds.
  await expect
    .poll(
      async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "StatusPageSnapshot" WHERE slug IN ($1, $2)`, [slug, `${slug}-locked`]))[0]!.n,
      {
        timeout: 20_000,
      },
    )
    .toBe(2);

  // The admin page's snippets name the widget and the badges.
  await page.goto(`/status-pages/${id}`);
  await expect(page.getByRole("textbox", { name: "Widget iframe" })).toHaveValue(new RegExp(`/status/${slug}/widget`));
  await expect(page.getByRole("textbox", { name: "Badges (Markdown)" })).toHaveValue(new RegExp(`/status/${slug}/badge/cards/status\\.svg`));

  const base = `${E2E.baseURL}/status/${slug}`;
  embedHtml = `<!doctype html><html lang="en"><body><h1>Docs</h1>
    <img id="status" alt="status" src="${base}/badge/cards/status.svg">
    <img id="uptime" alt="uptime" src="${base}/badge/cards/uptime-30d.svg">
    <img id="p95" alt="p95" src="${base}/badge/cards/p95.svg">
    <iframe title="Embed status" src="${base}/widget" width="320" height="120"></iframe></body></html>`;
  const visitor = await browser.newContext();
  const docs = await visitor.newPage();
  await docs.goto(siteUrl);
  for (const img of ["#status", "#uptime", "#p95"]) {
    await expect.poll(() => docs.locator(img).evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(40);
  }
  await expect(docs.frameLocator("iframe").getByTestId("widget-headline")).toHaveText(
    /All systems operational|Degraded performance|Partial outage|Major outage/,
  );
  const badge = await visitor.request.get(`${base}/badge/cards/status.svg`);
  expect(badge.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  expect(await badge.text()).toMatch(/aria-label="Card payments: (operational|degraded performance|major outage)"/);
  await docs.screenshot({ path: "test-results/status-embeds.png" });

  // The protected page's badge and widget: refused without the password, naming nothing of the page.
  for (const path of ["badge/cards/status.svg", "widget", "api/v2/summary.json"]) {
    const refused = await visitor.request.get(`${E2E.baseURL}/status/${slug}-locked/${path}`);
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain("Card payments");
  }
  await visitor.close();
});
