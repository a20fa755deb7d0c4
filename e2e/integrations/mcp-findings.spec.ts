// The integration page of an MCP server shows the latest run's conformance findings: SDK fixture servers on local
// ports (lib/mcp/testing), one breaking the tool-name rules and one conforming, probed through the real worker.
import { serveFixtureHttp, type ServedMcp } from "../../lib/mcp/testing/serve";
import { expect, test } from "../fixtures";
import { checkPage } from "../newcomer/fixtures";

let duplicate: ServedMcp;
let conforming: ServedMcp;

test.beforeAll(async () => {
  duplicate = await serveFixtureHttp("duplicate-tool-name");
  conforming = await serveFixtureHttp("conforming");
});

test.afterAll(async () => {
  await Promise.all([duplicate?.close(), conforming?.close()]);
});

test("an MCP integration shows its findings, and a conforming one says there are none", async ({ page, api, sql }) => {
  test.setTimeout(150_000);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  const create = async (name: string, url: string) => {
    const res = await api.post("/api/integrations", {
      data: { name: `${name} ${Date.now()}`, kind: "mcp", intervalSeconds: 3600, timeoutMs: 10_000, config: { transport: "http", url } },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  const broken = await create("Search MCP", duplicate.url);
  await page.goto(`/integrations/${broken}`);
  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(page.getByTestId("probe-now-result").getByText("Passed")).toBeVisible();
  const card = page.getByTestId("mcp-findings");
  await expect(card.getByRole("heading", { name: "Conformance" })).toBeVisible();
  // The run's trace names the findings in one line and only counts the tool definitions.
  const trace = page.getByTestId("probe-now-result").getByTestId("run-details");
  await expect(trace).toContainText("error tool-name-duplicate (tool search)");
  await expect(trace).toContainText("1 tool definition recorded");
  await expect(card.getByText("1 error")).toBeVisible();
  const finding = card.getByTestId("finding");
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText("tool-name-duplicate");
  await expect(finding).toContainText("tool search");
  await expect(finding).toContainText("listed 2 times");
  // The readings card does not dump the findings or the tool definitions.
  await expect(page.getByTestId("readings")).not.toContainText("[object Object]");
  await checkPage(page, "mcp-findings");

  const [stored] = await sql<{ details: { findings: { rule: string }[]; toolDefinitions: { name: string }[]; transport: string } }>(
    `SELECT details FROM "ProbeRun" WHERE "integrationId" = $1 AND trigger = 'manual'`,
    [broken],
  );
  expect(stored!.details.findings.map((f) => f.rule)).toEqual(["tool-name-duplicate"]);
  expect(stored!.details.toolDefinitions.map((t) => t.name)).toEqual(["search"]);
  expect(stored!.details.transport).toBe("http");

  const clean = await create("Weather MCP", conforming.url);
  await page.goto(`/integrations/${clean}`);
  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(page.getByTestId("probe-now-result").getByText("Passed")).toBeVisible();
  await expect(page.getByTestId("mcp-findings").getByRole("heading", { name: "No findings" })).toBeVisible();
  await checkPage(page, "mcp-no-findings");
  expect(consoleErrors).toEqual([]);
});
