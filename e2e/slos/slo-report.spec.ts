// Editing an SLO through its form, the monthly report (page and CSV) over rollups and an incident seeded in the
// last full month, and an OpenSLO export imported back as a new SLO. Each asserts the page and the stored rows.
import { readFile } from "node:fs/promises";
import { E2E } from "../env";
import { expect, test, type Sql } from "../fixtures";
import type { APIRequestContext } from "@playwright/test";

async function pausedIntegration(api: APIRequestContext, name: string): Promise<string> {
  // Paused, so the worker adds no runs of its own while the test reads the figures.
  const res = await api.post("/api/integrations", {
    data: { name, kind: "http", enabled: false, intervalSeconds: 60, timeoutMs: 1000, config: { url: `${E2E.demoURL}/healthy` } },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function slo(api: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const res = await api.post("/api/slos", { data });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The first instant of the last full UTC month, and its name as the page's month picker holds it. */
function lastMonth(): { start: Date; month: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { start, month: start.toISOString().slice(0, 7) };
}

const seedHours = (sql: Sql, id: string, start: Date) =>
  // Ten hours of 60 runs from the month's first instant, 6 failed in the first: 594 of 600 good (99%).
  sql(
    `INSERT INTO "ProbeRollupHour" ("integrationId", bucket, count, failures, "latencySumMs", "latencyMaxMs", "histIdx", "histCnt")
     SELECT $1, $2::timestamp + make_interval(hours => h), 60, CASE WHEN h = 0 THEN 6 ELSE 0 END, 0, 0, '{}', '{}' FROM generate_series(0, 9) AS h`,
    [id, start.toISOString()],
  );

test("an SLO is edited through the create form, and the change is stored", async ({ page, api, sql }) => {
  const name = `Edit me ${Date.now()}`;
  const integrationId = await pausedIntegration(api, name);
  const id = await slo(api, { name, scope: { kind: "integration", integrationId }, objectivePct: 99, window: "rolling_30d", sli: { kind: "availability" } });

  await page.goto(`/slos/${id}`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveURL(`/slos/${id}/edit`);
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Objective (%)")).toHaveValue("99");
  // A bad value is refused in place, and nothing is stored.
  await page.getByLabel("Objective (%)").fill("100");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "below 100%" })).toBeVisible();
  await page.getByLabel("Objective (%)").fill("99.5");
  await page.getByLabel("Contracted SLA (%)").fill("99");
  await page.getByLabel("Name").fill(`${name} (edited)`);
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(`/slos/${id}`);
  await expect(page.getByRole("heading", { name: `${name} (edited)` })).toBeVisible();
  const [stored] = await sql<{ name: string; objectivePct: number; slaPct: number }>(`SELECT name, "objectivePct", "slaPct" FROM "Slo" WHERE id = $1`, [id]);
  expect(stored).toEqual({ name: `${name} (edited)`, objectivePct: 99.5, slaPct: 99 });
});

test("the monthly report judges last month's rollups and incidents, on the page and in its CSV", async ({ page, api, sql }) => {
  const name = `Report ${Date.now()}`;
  const { start, month } = lastMonth();
  const integrationId = await pausedIntegration(api, name);
  await seedHours(sql, integrationId, start);
  await sql(
    `INSERT INTO "Incident" (id, "ruleName", "conditionKind", "integrationId", severity, status, "startedAt", "resolvedAt", summary, unit)
     VALUES (gen_random_uuid(), $2, 'error_rate', $1, 'critical', 'resolved', $3::timestamp + interval '10 minutes', $3::timestamp + interval '55 minutes', 'Error rate 10%', '%')`,
    [integrationId, `${name} failing`, start.toISOString()],
  );
  await slo(api, {
    name: `${name} SLO`,
    scope: { kind: "integration", integrationId },
    objectivePct: 99.5,
    window: "rolling_7d",
    sli: { kind: "availability" },
    slaPct: 98.5,
  });

  await page.goto("/slos");
  await page.getByRole("link", { name: "Monthly report" }).click();
  await expect(page).toHaveURL("/slos/report");
  await expect(page.getByLabel("Month (UTC)")).toHaveValue(month);
  await expect(page.getByTestId("report-coverage")).toContainText("the last full calendar month (UTC)");
  const row = page.getByTestId("report-slo").filter({ hasText: `${name} SLO` });
  await expect(row).toContainText("99%");
  await expect(row).toContainText("99.5%");
  await expect(row).toContainText("Missed");
  await expect(row).toContainText("98.5%");
  await expect(row).toContainText("Met");
  await expect(row).toContainText("6 min");
  await expect(page.getByRole("table", { name: "Incidents" }).getByRole("row", { name: new RegExp(`${name} failing`) })).toContainText("45 min");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`tether-slo-report-${month}.csv`);
  const csv = await readFile(await file.path(), "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toMatch(
    /^record,name,month,through,integrations,achieved_pct,objective_pct,sla_pct,objective_met,sla_met,budget_spent_pct,downtime_minutes/,
  );
  expect(lines).toContain(
    `slo,${name} SLO,${month},${new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)).toISOString()},${name},99,99.5,98.5,missed,met,200,6,600,1,,,,,,`,
  );
  expect(lines.some((l) => l.startsWith(`slo_incident,${name} SLO,${month},`) && l.includes(`,${name} failing,${name},critical,`) && l.endsWith(",45"))).toBe(
    true,
  );

  // Another month through the picker: no data, said so.
  await page.getByLabel("Month (UTC)").fill("2020-01");
  await expect(page).toHaveURL("/slos/report?month=2020-01");
  await expect(page.getByTestId("report-coverage")).toContainText("January 2020 (UTC).");
  await expect(page.getByTestId("report-slo").filter({ hasText: `${name} SLO` })).toContainText("No data");
});

test("an SLO exported as OpenSLO imports back as a new SLO after a preview, and a bad file names its line", async ({ page, api, sql }) => {
  const name = `OpenSLO ${Date.now()}`;
  const integrationId = await pausedIntegration(api, name);
  const id = await slo(api, {
    name,
    scope: { kind: "integration", integrationId },
    objectivePct: 99.9,
    window: "calendar_month",
    sli: { kind: "latency", thresholdMs: 400 },
    slaPct: 99.5,
  });

  await page.goto(`/slos/${id}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "OpenSLO", exact: true }).click();
  const yaml = await readFile(await (await download).path(), "utf8");
  expect(yaml).toContain("apiVersion: openslo/v1");
  expect(yaml).toContain(`displayName: ${name}`);
  expect(yaml).toContain("budgetingMethod: Occurrences");
  expect(yaml).toContain("target: 0.999");

  await page.goto("/slos");
  await expect(page.getByRole("link", { name: "Export OpenSLO" })).toHaveAttribute("href", "/api/slos/openslo");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Import OpenSLO" });
  await dialog.getByLabel("OpenSLO YAML").fill(yaml.replace("target: 0.999", "target: 1.2"));
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByRole("alert")).toContainText(/line \d+, column \d+, at spec\.objectives\.0\.target: target is a share below 1/);

  await dialog.getByLabel("OpenSLO YAML").fill(yaml.replace(`displayName: ${name}\n`, `displayName: ${name} imported\n`));
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByTestId("openslo-preview");
  await expect(preview).toContainText(`${name} imported`);
  await expect(preview).toContainText("99.9% of runs under 400 ms over calendar month");
  await expect(preview).toContainText("contracted SLA 99.5%");
  expect(await sql(`SELECT 1 FROM "Slo" WHERE name = $1`, [`${name} imported`])).toHaveLength(0);
  await dialog.getByRole("button", { name: "Import 1 SLO" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Imported 1 SLO.");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("slos-table").getByRole("link", { name: `${name} imported` })).toBeVisible();

  const stored = await sql<{ objectivePct: number; window: string; sli: unknown; scope: unknown; slaPct: number }>(
    `SELECT "objectivePct", "window", sli, scope, "slaPct" FROM "Slo" WHERE name = $1`,
    [`${name} imported`],
  );
  expect(stored).toEqual([
    { objectivePct: 99.9, window: "calendar_month", sli: { kind: "latency", thresholdMs: 400 }, scope: { kind: "integration", integrationId }, slaPct: 99.5 },
  ]);
});
