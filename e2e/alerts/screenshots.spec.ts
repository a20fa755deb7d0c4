// Screenshots of every alerts page in light and dark, saved to e2e/artifacts/ for review (TETHER_SCREENSHOTS=1;
// skipped in the normal suite). Seeds a rule on the flaky demo integration so the pages have something to show.
import { expect, test } from "../fixtures";
import type { Page } from "@playwright/test";

test.skip(!process.env.TETHER_SCREENSHOTS, "screenshots only on request: TETHER_SCREENSHOTS=1");

const THEMES = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(theme));
    await page.screenshot({ path: `e2e/artifacts/${name}-${theme}.png`, fullPage: true });
  }
}

test("alerts pages in light and dark", async ({ page, api, sql }) => {
  test.setTimeout(180_000);
  const [messaging] = await sql<{ id: string }>(`SELECT id FROM "Integration" WHERE name = 'Messaging API'`);
  const stamp = Date.now();
  const rule = await api.post("/api/alerts/rules", {
    data: {
      name: `Messaging errors ${stamp}`,
      severity: "critical",
      scope: { kind: "integration", integrationId: messaging!.id },
      condition: { kind: "error_rate", thresholdPct: 20, resolvePct: 10, windowMinutes: 1, minSamples: 2 },
    },
  });
  expect(rule.status()).toBe(201);
  const ruleId = ((await rule.json()) as { id: string }).id;
  await api.post("/api/alerts/rules", {
    data: {
      name: `Payments latency ${stamp}`,
      scope: { kind: "tag", tag: "payments" },
      condition: { kind: "latency", percentile: "p95", thresholdMs: 800, windowMinutes: 5, minSamples: 3 },
      pendingSeconds: 60,
    },
  });
  await api.post("/api/alerts/silences", {
    data: { kind: "maintenance", tag: "payments", endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), reason: "Billing database upgrade" },
  });
  await expect.poll(async () => (await sql(`SELECT 1 FROM "Incident" WHERE "ruleId" = $1`, [ruleId])).length, { timeout: 120_000 }).toBeGreaterThan(0);
  const [incident] = await sql<{ id: string }>(`SELECT id FROM "Incident" WHERE "ruleId" = $1 ORDER BY "startedAt" LIMIT 1`, [ruleId]);

  await page.goto("/alerts");
  await expect(page.getByTestId("rule-row").first()).toBeVisible();
  await shoot(page, "alerts-rules");

  await page.goto(`/alerts/${ruleId}`);
  await expect(page.getByTestId("backtest-headline")).toBeVisible();
  await shoot(page, "alerts-rule-edit");

  await page.goto("/alerts/new");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByText("Give the rule a name")).toBeVisible();
  await shoot(page, "alerts-rule-new-errors");

  await page.goto("/incidents?status=all");
  await expect(page.getByTestId("incident-row").first()).toBeVisible();
  await shoot(page, "incidents");

  await page.goto(`/incidents/${incident!.id}`);
  await expect(page.getByTestId("incident-events")).toBeVisible();
  await shoot(page, "incident-detail");

  await page.goto("/alerts/silences");
  await expect(page.getByTestId("silence-row").first()).toBeVisible();
  await shoot(page, "silences");
  await page.getByRole("button", { name: "New silence" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await shoot(page, "silences-dialog");
  await page.keyboard.press("Escape");

  await page.goto(`/integrations/${messaging!.id}`);
  await expect(page.getByTestId("integration-timeline")).toBeVisible();
  await page.getByTestId("integration-timeline").scrollIntoViewIfNeeded();
  await shoot(page, "integration-timeline");
});
