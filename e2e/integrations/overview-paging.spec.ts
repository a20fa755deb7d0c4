// The overview paged on the server: search, status and kind filters, sorting and paging, through the page's own
// controls and through the URL, which always says what is shown (reload and Back keep it). Seeded through the
// database with integrations the worker never probes (due in 2100), so their status is the one seeded.
import { refreshStatement } from "../../lib/db/integration-status";
import { connectSql, expect, test } from "../fixtures";

const PREFIX = `pgx${Date.now().toString(36)}`;
const N = 30;
const name = (k: number) => `${PREFIX}-${String(k).padStart(2, "0")}`;

test.beforeAll(async () => {
  const { sql, close } = await connectSql();
  try {
    await sql(
      `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", tags, "nextRunAt", "updatedAt")
       SELECT gen_random_uuid(), $1 || '-' || lpad(k::text, 2, '0'), CASE WHEN k % 3 = 0 THEN 'tcp' ELSE 'http' END::"IntegrationKind",
         CASE WHEN k % 3 = 0 THEN jsonb_build_object('host', '127.0.0.1', 'port', 9) ELSE jsonb_build_object('method', 'GET', 'url', 'http://127.0.0.1:9/' || $1 || '/' || k, 'headers', '[]'::jsonb, 'expectedStatus', '2xx') END,
         60, 1000, ARRAY[$1, CASE WHEN k % 2 = 0 THEN 'even' ELSE 'odd' END], timestamp '2100-01-01', now()
       FROM generate_series(1, $2::int) k`,
      [PREFIX, N],
    );
    // Every fifth one's circuit is open (down); the rest passed their last probe k minutes ago (healthy).
    await sql(
      `INSERT INTO "CircuitState" ("integrationId", state, "consecutiveFailures", "lastRunAt", "lastRunOk", "updatedAt")
       SELECT id, CASE WHEN k % 5 = 0 THEN 'open' ELSE 'closed' END::"CircuitStateKind", CASE WHEN k % 5 = 0 THEN 5 ELSE 0 END,
         now() - make_interval(mins => k), k % 5 <> 0, now()
       FROM (SELECT id, substring(name from '..$')::int AS k FROM "Integration" WHERE name LIKE $1 || '-%') x`,
      [PREFIX],
    );
    // Seeded around the recorder, so their stored status is decided here, as the worker's sweep would.
    const refresh = refreshStatement(null, Date.now());
    await sql(refresh.text, refresh.values);
  } finally {
    await close();
  }
});

test.afterAll(async () => {
  const { sql, close } = await connectSql();
  await sql(`DELETE FROM "Integration" WHERE name LIKE $1 || '-%'`, [PREFIX]).finally(close);
});

test("search, filter by status and kind, and sort through the page's controls, each kept in the URL", async ({ page, sql }) => {
  await page.goto("/");
  const rows = page.getByTestId("integration-row");
  const range = page.getByTestId("overview-range");
  await expect(rows.first()).toBeVisible();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search integrations")).toBeFocused();
  await page.keyboard.type(PREFIX);
  await expect(page).toHaveURL(new RegExp(`\\?q=${PREFIX}$`));
  await expect(range).toContainText(`1–${N} of ${N}`);

  // Status: the counts are of the searched set; the filter narrows the rows and the URL.
  const status = page.getByRole("radiogroup", { name: "Filter by status" });
  await expect(status.getByRole("radio", { name: /^Down/ })).toHaveText(/Down\s*6/);
  await expect(status.getByRole("radio", { name: /^Healthy/ })).toHaveText(/Healthy\s*24/);
  await status.getByRole("radio", { name: /^Down/ }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${PREFIX}&status=down$`));
  await expect(range).toContainText("1–6 of 6");
  for (const s of await rows.locator("[data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) expect(s).toBe("down");
  // The same as stored: the open circuits.
  const [open] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "CircuitState" c JOIN "Integration" i ON i.id = c."integrationId" WHERE i.name LIKE $1 || '-%' AND c.state = 'open'`,
    [PREFIX],
  );
  expect(open!.n).toBe(6);

  // Kind: tcp among the down ones (k = 15 and 30).
  await page.getByRole("combobox", { name: "Filter by kind" }).click();
  await page.getByRole("option", { name: "tcp" }).click();
  await expect(page).toHaveURL(/kind=tcp/);
  await expect(range).toContainText("1–2 of 2");
  await expect(rows).toHaveText([new RegExp(name(15)), new RegExp(name(30))]);

  // Sort by name, then reversed; Back undoes one step at a time.
  await page.getByRole("button", { name: "Integration", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole("columnheader", { name: "Integration", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("button", { name: "Integration", exact: true }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows).toHaveText([new RegExp(name(30)), new RegExp(name(15))]);
  await page.goBack();
  await expect(rows).toHaveText([new RegExp(name(15)), new RegExp(name(30))]);
  await expect(page).not.toHaveURL(/dir=desc/);

  // Nothing matches: a designed state that clears the filters.
  await page.getByLabel("Search integrations").fill(`${PREFIX}-nothing`);
  await expect(page.getByText("Nothing matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/(\?sort=name)?$/);
  await expect(page.getByLabel("Search integrations")).toHaveValue("");
});

test("pages through a shared URL, with the buttons and the keyboard, and opens a row with Enter", async ({ page, api }) => {
  await page.goto(`/?q=${PREFIX}&sort=name&page=2&pageSize=10`);
  const rows = page.getByTestId("integration-row");
  const range = page.getByTestId("overview-range");
  await expect(range).toContainText(`11–20 of ${N}`);
  await expect(rows.first()).toContainText(name(11));
  await expect(page.getByText("Page 2 of 3")).toBeVisible();

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${PREFIX}&sort=name&page=3&pageSize=10$`));
  await expect(rows.first()).toContainText(name(21));
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();

  // Reload: the URL alone brings the same page back.
  await page.reload();
  await expect(range).toContainText(`21–30 of ${N}`);

  // Keyboard: the first row takes the focus, arrows move, [ goes a page back, Enter opens the focused row.
  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("[");
  await expect(page).toHaveURL(/page=2/);
  await expect(rows.first()).toContainText(name(11));
  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  await expect(page.getByText(name(12)).first()).toBeVisible();

  // The API the page reads answers the same page to any caller with a token.
  const res = await api.get(`/api/integrations/overview?q=${PREFIX}&sort=name&page=2&pageSize=10`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { total: number; items: { name: string }[]; counts: { byStatus: Record<string, number> } };
  expect(body.total).toBe(N);
  expect(body.items.map((i) => i.name)).toEqual(Array.from({ length: 10 }, (_, k) => name(11 + k)));
  expect(body.counts.byStatus.down).toBe(6);
  // The unpaged list still answers every integration, as before.
  const all = (await (await api.get("/api/integrations")).json()) as { name: string }[];
  expect(all.filter((i) => i.name.startsWith(`${PREFIX}-`))).toHaveLength(N);
});

test("the toolbar's selects say what they hold before the page hydrates (server-rendered labels)", async ({ page }) => {
  // The server's HTML, before any script runs: Radix left to itself fills a select's label only once hydrated.
  const html = await (await page.request.get("/?pageSize=50")).text();
  for (const label of ["All kinds", "All tags", "50 rows"]) expect(html.includes(label), `the server-rendered page shows "${label}"`).toBe(true);
  await page.goto("/?pageSize=50");
  await expect(page.getByRole("combobox", { name: "Rows per page" })).toHaveText("50 rows");
});
