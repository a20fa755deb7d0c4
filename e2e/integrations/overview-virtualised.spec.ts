// The overview's rows are virtualised: a page of 200 (a page size the toolbar offers) puts only the screenful in view,
// plus a few either side, in the DOM, and scrolling brings the later rows in and takes the first ones out. Seeded
// through the database with integrations the worker never probes (due in 2100).
import { expect, test } from "../fixtures";

const PREFIX = `vrt${Date.now().toString(36)}`;
const N = 200;
const name = (k: number) => `${PREFIX}-${String(k).padStart(3, "0")}`;

test.afterEach(async ({ sql }) => {
  await sql(`DELETE FROM "Integration" WHERE name LIKE $1 || '-%'`, [PREFIX]);
});

test("a page of 200 rows keeps a screenful in the DOM, and scrolling brings the last rows in", async ({ page, sql }) => {
  await sql(
    `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", tags, "nextRunAt", "updatedAt")
     SELECT gen_random_uuid(), $1 || '-' || lpad(k::text, 3, '0'), 'http'::"IntegrationKind",
       jsonb_build_object('method', 'GET', 'url', 'http://127.0.0.1:9/' || $1 || '/' || k, 'headers', '[]'::jsonb, 'expectedStatus', '2xx'),
       60, 1000, ARRAY[$1], timestamp '2100-01-01', now()
     FROM generate_series(1, $2::int) k`,
    [PREFIX, N],
  );
  await page.goto(`/?q=${PREFIX}&sort=name&pageSize=${N}`);
  const range = page.getByTestId("overview-range");
  const rows = page.getByTestId("integration-row");
  const scroller = page.getByTestId("overview-scroller");
  // The whole page is this one: all 200 rows came in one answer, and the table says so to assistive technology.
  await expect(range).toContainText(`1–${N} of ${N}`);
  await expect(page.getByRole("table")).toHaveAttribute("aria-rowcount", String(N + 1));
  await expect(rows.first()).toContainText(name(1));
  // The scroller is shorter than the page's rows, so there is something to virtualise.
  const { clientHeight, scrollHeight } = await scroller.evaluate((el) => ({ clientHeight: el.clientHeight, scrollHeight: el.scrollHeight }));
  expect(scrollHeight).toBeGreaterThan(4 * clientHeight);
  // Only the rows in view and the overscan are rendered: a fraction of the 200.
  await expect.poll(() => rows.count()).toBeLessThan(N / 4);
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.filter({ hasText: name(N) })).toHaveCount(0);

  // Scrolled to the bottom: the last rows are rendered (in their places on the page), the first ones are gone.
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows.filter({ hasText: name(N) })).toBeVisible();
  await expect(rows.filter({ hasText: name(N) })).toHaveAttribute("aria-rowindex", String(N + 1));
  await expect(rows.filter({ hasText: name(1) })).toHaveCount(0);
  await expect.poll(() => rows.count()).toBeLessThan(N / 4);

  // And from the middle: a row far from either end is rendered only once scrolled to.
  await expect(rows.filter({ hasText: name(100) })).toHaveCount(0);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 - el.clientHeight / 2 }));
  await expect(rows.filter({ hasText: name(100) })).toBeVisible();
  await expect(rows.filter({ hasText: name(N) })).toHaveCount(0);
});
