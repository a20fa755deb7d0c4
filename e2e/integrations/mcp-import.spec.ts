import { expect, test } from "../fixtures";
import { checkPage } from "../newcomer/fixtures";

test("import MCP servers: paste configs, see the preview and a broken file's line:column, fill a secret, import, open the integration", async ({
  page,
  sql,
}, testInfo) => {
  const consoleErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  const host = `mcp-${Date.now()}.example.com`;
  const vscode = JSON.stringify(
    {
      inputs: [{ type: "promptString", id: "docs-token", description: "Docs API token", password: true }],
      servers: { docs: { type: "http", url: `https://${host}/mcp`, headers: { Authorization: "Bearer ${input:docs-token}" } } },
    },
    null,
    2,
  );
  await page.goto("/");
  await page.getByRole("link", { name: "Import MCP servers" }).click();
  await expect(page.getByRole("heading", { name: "Import MCP servers" })).toBeVisible();

  await page.getByLabel("File 1 name").fill(".vscode/mcp.json");
  await page.getByLabel("File 1 content").fill(vscode);
  await page.getByRole("button", { name: "Add another file" }).click();
  await page.getByLabel("File 2 name").fill("claude_desktop_config.json");
  await page.getByLabel("File 2 content").fill('{\n  "mcpServers": {\n    "x": { "command": }\n  }\n}');
  await page.getByRole("button", { name: "Preview import" }).click();

  const preview = page.getByTestId("mcp-import-preview");
  await expect(preview.getByTestId("mcp-file-error")).toContainText("claude_desktop_config.json:3:23");
  const row = preview.getByTestId("mcp-import-row").filter({ hasText: "docs" });
  await expect(row).toContainText("VS Code");
  await expect(row).toContainText("Streamable HTTP");
  await expect(row).toContainText("Docs API token");
  await expect(row.getByRole("checkbox", { name: "Import docs" })).toBeChecked();
  const secret = row.getByLabel("DOCS_TOKEN");
  await expect(secret).toHaveAttribute("type", "password");
  await secret.fill("docs-e2e-secret-value");
  await page.screenshot({ path: testInfo.outputPath("mcp-import-preview.png"), fullPage: true });
  // WCAG 2.1 A/AA in light and dark, with the preview, the file error and the secret field showing.
  await checkPage(page, "mcp-import-preview");

  await preview.getByRole("button", { name: "Import 1 server" }).click();
  const result = page.getByTestId("mcp-import-result");
  await expect(result).toContainText("Imported 1 integration");
  await result.getByRole("link", { name: "docs" }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "docs" })).toBeVisible();
  const id = page.url().split("/").pop()!;

  // The stored rows: the config references the secret; the secret is stored encrypted; the value is in neither.
  const [integration] = await sql<{ kind: string; config: unknown }>(`SELECT kind::text AS kind, config FROM "Integration" WHERE id = $1`, [id]);
  expect(integration).toEqual({
    kind: "mcp",
    config: { transport: "http", url: `https://${host}/mcp`, headers: [{ name: "Authorization", value: "Bearer {{secret.DOCS_TOKEN}}" }] },
  });
  const secrets = await sql<{ name: string; ciphertext: string }>(`SELECT name, ciphertext FROM "IntegrationSecret" WHERE "integrationId" = $1`, [id]);
  expect(secrets.map((s) => s.name)).toEqual(["DOCS_TOKEN"]);
  expect(secrets[0]!.ciphertext).not.toContain("docs-e2e-secret-value");
  expect(consoleErrors).toEqual([]);
});
