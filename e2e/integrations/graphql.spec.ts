// The GraphQL kind through the browser: made in the generated form (an assertion row, schema watch on) against a real
// graphql-js server the test starts, probed, then a field removed on the server: the page shows the breaking change.
import { startGraphqlServer } from "../../lib/probes/graphql/testing/graphql-server";
import { expect, test } from "../fixtures";

const SDL = "type Query { viewer: User! } type User { login: String!, email: String! }";

test("a GraphQL check with an assertion row and schema watch shows a breaking schema change on its page", async ({ page, sql }, testInfo) => {
  const server = await startGraphqlServer({ sdl: SDL, root: { viewer: { login: "ada", email: "ada@example.com" } } });
  try {
    const name = `Accounts GraphQL ${Date.now()}`;
    await page.goto("/integrations/new?kind=graphql");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Endpoint").fill(`${server.url}/graphql`);
    await page.getByLabel("Query").fill("{ viewer { login } }");
    await page.getByRole("button", { name: "Add assertion" }).click();
    await expect(page.getByTestId("assertion-row")).toHaveCount(1);
    await page.getByRole("switch", { name: "Watch the schema" }).click();
    await page.getByRole("button", { name: "Create integration" }).click();

    await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    const [stored] = await sql<{ config: { assertions: unknown[]; watchSchema: boolean } }>(`SELECT config FROM "Integration" WHERE id = $1`, [id]);
    expect(stored!.config).toMatchObject({ watchSchema: true, assertions: [{ source: "status", comparison: "equals", target: "200" }] });

    await page.getByRole("button", { name: "Probe now" }).click();
    await expect(page.getByTestId("probe-now-result").getByText("Passed", { exact: true })).toBeVisible();

    server.setSchema("type Query { viewer: User! } type User { login: String! }", { viewer: { login: "ada" } });
    await page.getByRole("button", { name: "Probe now" }).click();
    const card = page.getByTestId("contract-change");
    await expect(card).toContainText("breaking");
    await expect(card).toContainText("User.email was removed.");
    const runs = await sql<{ change: string | null }>(
      `SELECT details->'schemaChange'->'breaking'->0->>'type' AS change FROM "ProbeRun" WHERE "integrationId" = $1 AND trigger = 'manual' ORDER BY "startedAt"`,
      [id],
    );
    expect(runs.map((r) => r.change)).toEqual([null, "FIELD_REMOVED"]);
    await expect(page.getByTestId("check-assertions")).toHaveText("status equals 200");
    await page.screenshot({ path: testInfo.outputPath("graphql-contract.png"), fullPage: true });
  } finally {
    await server.close();
  }
});
