// The Tool versions history of an MCP integration, seeded through the database: newest first with counts by impact,
// a version expanded to its classified changes and the diff of the changed definition; one version is the empty state.
import { expect, test, type Sql } from "../fixtures";

const search = (modes: string[]) => ({
  name: "search",
  description: "Searches the catalogue",
  inputSchema: { type: "object", properties: { q: { type: "string" }, mode: { type: "string", enum: modes } }, required: ["q"] },
});
const fetchTool = { name: "fetch", inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] } };

async function seedVersion(
  sql: Sql,
  integrationId: string,
  seq: number,
  tools: unknown[],
  changes: { impact: string; tool: string; what: string; pointer?: string }[],
) {
  const count = (impact: string) => changes.filter((c) => c.impact === impact).length;
  await sql(
    `INSERT INTO "McpToolVersion" ("integrationId", seq, "setFingerprint", tools, changes, breaking, additive, cosmetic, "firstSeenAt")
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, now() - make_interval(hours => $9))`,
    [integrationId, seq, `e2e-${seq}`, JSON.stringify(tools), JSON.stringify(changes), count("breaking"), count("additive"), count("cosmetic"), 10 - seq],
  );
}

async function mcpIntegration(api: import("@playwright/test").APIRequestContext, name: string): Promise<string> {
  const created = await api.post("/api/integrations", {
    // A closed port: its own probes fail and record no tools, so only the seeded versions show.
    data: { name, kind: "mcp", intervalSeconds: 3600, timeoutMs: 1000, retryAttempts: 0, config: { transport: "http", url: "http://127.0.0.1:9/mcp" } },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

test("an MCP integration shows its tool versions, and an expanded version names the breaking change with a diff", async ({ page, api, sql }) => {
  const id = await mcpIntegration(api, `Agent tools ${Date.now()}`);
  await seedVersion(sql, id, 1, [fetchTool, search(["fast", "exact"])], []);
  await seedVersion(
    sql,
    id,
    2,
    [fetchTool, search(["exact"])],
    [{ impact: "breaking", tool: "search", what: "enum of input property mode narrowed (removed: fast)", pointer: "/inputSchema/properties/mode/enum" }],
  );
  await seedVersion(
    sql,
    id,
    3,
    [fetchTool, { ...search(["exact"]), description: "Searches" }],
    [{ impact: "cosmetic", tool: "search", what: "description changed", pointer: "/description" }],
  );

  await page.goto(`/integrations/${id}`);
  const card = page.getByTestId("tool-versions");
  await expect(card.getByRole("heading", { name: "Tool versions" })).toBeVisible();
  const rows = card.getByTestId("tool-version");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-seq", "3");
  await expect(rows.nth(0)).toContainText("1 cosmetic");
  await expect(rows.nth(1)).toContainText("Version 2");
  await expect(rows.nth(1)).toContainText("1 breaking");
  await expect(rows.nth(2)).toContainText("first seen");

  await rows
    .nth(1)
    .getByRole("button", { name: /Version 2/ })
    .click();
  await expect(rows.nth(1).getByRole("button", { name: /Version 2/ })).toHaveAttribute("aria-expanded", "true");
  const detail = rows.nth(1).getByTestId("tool-version-detail");
  const change = detail.getByTestId("tool-change");
  await expect(change).toHaveCount(1);
  await expect(change).toHaveAttribute("data-impact", "breaking");
  await expect(change).toContainText("search: enum of input property mode narrowed (removed: fast)");
  const diff = detail.getByRole("group", { name: "Definition of search, version 1 to 2" });
  await expect(diff.locator('[data-diff="remove"]')).toHaveCount(1);
  await expect(diff.locator('[data-diff="remove"]')).toContainText('"fast"');
  await expect(diff.locator('[data-diff="add"]')).toHaveCount(0);

  // The page and the stored rows agree.
  const stored = await sql<{ seq: number; breaking: number }>(`SELECT seq, breaking FROM "McpToolVersion" WHERE "integrationId" = $1 ORDER BY seq`, [id]);
  expect(stored).toEqual([
    { seq: 1, breaking: 0 },
    { seq: 2, breaking: 1 },
    { seq: 3, breaking: 0 },
  ]);
});

test("an MCP server seen with one tool list shows the designed empty state", async ({ page, api, sql }) => {
  const id = await mcpIntegration(api, `Quiet tools ${Date.now()}`);
  await seedVersion(sql, id, 1, [fetchTool, search(["fast"])], []);
  await page.goto(`/integrations/${id}`);
  const card = page.getByTestId("tool-versions");
  await expect(card.getByRole("heading", { name: "No changes yet" })).toBeVisible();
  await expect(card).toContainText("Version 1, 2 tools");
  await expect(card.getByTestId("tool-version")).toHaveCount(0);
});
