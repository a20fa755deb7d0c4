import { expect, test } from "../fixtures";

const countIntegrations = async (sql: (q: string) => Promise<{ n: number }[]>) => (await sql(`SELECT count(*)::int AS n FROM "Integration"`))[0]!.n;

test("invalid URL and negative interval show field errors in the form, and nothing is written", async ({ page, sql }) => {
  const before = await countIntegrations(sql);
  await page.goto("/integrations/new");
  await page.getByLabel("Name").fill("Broken");
  await page.getByLabel("URL").fill("not a url");
  await page.getByLabel("Interval (seconds)").fill("-5");
  await page.getByRole("button", { name: "Create integration" }).click();

  await expect(page.getByText("Enter a full http:// or https:// URL")).toBeVisible();
  await expect(page.getByText("The interval must be at least 5 seconds")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("URL")).toBeFocused();
  await expect(page).toHaveURL(/\/integrations\/new$/);
  // What the person typed is kept.
  await expect(page.getByLabel("URL")).toHaveValue("not a url");

  // Fixing the field clears its error live.
  await page.getByLabel("URL").fill("http://127.0.0.1:4110/healthy");
  await expect(page.getByText("Enter a full http:// or https:// URL")).toHaveCount(0);
  expect(await countIntegrations(sql)).toBe(before);
});

test("an unknown kind gets a field error in the form", async ({ page, sql }) => {
  const before = await countIntegrations(sql);
  await page.goto("/integrations/new?kind=smtp");
  await page.getByLabel("Name").fill("Mail relay");
  await page.getByLabel("URL").fill("http://127.0.0.1:4110/healthy");
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText(/^Unknown kind; expected one of: http, postgres/)).toBeVisible();
  expect(await countIntegrations(sql)).toBe(before);
});

test("the API answers bad input with 400 and field details, and writes nothing", async ({ api: request, sql }) => {
  const before = await countIntegrations(sql);
  const base = { name: "API bad input", kind: "http", intervalSeconds: 30, timeoutMs: 1000, config: { url: "http://127.0.0.1:4110/healthy" } };
  const cases: [unknown, string][] = [
    [{ ...base, config: { url: "nope" } }, "config.url"],
    [{ ...base, intervalSeconds: -1 }, "intervalSeconds"],
    [{ ...base, kind: "smtp" }, "kind"],
  ];
  for (const [body, field] of cases) {
    const res = await request.post("/api/integrations", { data: body });
    expect(res.status()).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("validation_failed");
    expect(Object.keys(json.error.details.fields)).toEqual([field]);
  }
  const notJson = await request.post("/api/integrations", { data: Buffer.from("{oops"), headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error).toMatchObject({ code: "bad_request", message: "The body is not valid JSON" });
  expect((await request.get("/api/integrations/not-a-uuid")).status()).toBe(404);
  expect(await countIntegrations(sql)).toBe(before);
});

test("a kind chosen by link starts from that kind's defaults, and its fields validate inline", async ({ page }) => {
  await page.goto("/integrations/new?kind=postgres");
  await expect(page.getByLabel("Port")).toHaveValue("5432");
  await expect(page.getByLabel("Query")).toHaveValue("SELECT 1");
  await page.getByLabel("Name", { exact: true }).fill("Orders DB");
  await page.getByLabel("Host").fill("postgres://db.internal");
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText("Enter only the host name, without postgres://")).toBeVisible();
  await expect(page.getByText("Enter the database name")).toBeVisible();
});
