// tether.yaml end to end: the real CLI, as child processes with TETHER_URL and TETHER_TOKEN, plans and applies a
// file against the e2e server; a second plan is empty; the stored rows are managed by config and the pages say so.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runTether } from "../../lib/cli/testing/run-cli";
import { E2E } from "../env";
import { expect, sameOrigin, test } from "../fixtures";

const SECRET = "e2e-config-secret-value-9f8e7d";

const FILE = `# yaml-language-server: $schema=../docs/tether.schema.json
version: 1
integrations:
  cfg-e2e-api:
    kind: http
    config:
      url: ${E2E.demoURL}/health
      headers:
        - name: Authorization
          value: "Bearer {{secret.API_KEY}}"
    intervalSeconds: 300
    timeoutMs: 2000
    tags: [config-e2e]
    secrets:
      API_KEY: \${CFG_E2E_API_KEY}
alertRules:
  cfg-e2e-down:
    severity: critical
    scope: { kind: integration, integration: cfg-e2e-api }
    condition: { kind: consecutive_failures, count: 3 }
`;

test("tether plan and apply a file, then the UI shows it managed by config", async ({ page, sql }) => {
  // Each CLI run is a fresh Node process compiling the CLI through tsx: slow on a loaded machine.
  test.setTimeout(180_000);
  const res = await page.request.post("/api/tokens", { data: { name: `config e2e ${Date.now()}`, role: "editor" }, headers: sameOrigin });
  expect(res.status()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  const dir = await mkdtemp(path.join(os.tmpdir(), "tether-config-e2e-"));
  try {
    const file = path.join(dir, "tether.yaml");
    await writeFile(file, FILE);
    const env = { TETHER_URL: E2E.baseURL, TETHER_TOKEN: token, CFG_E2E_API_KEY: SECRET, NO_COLOR: "1" };

    const validate = await runTether(["validate", file], { env });
    expect(validate.code).toBe(0);

    const plan = await runTether(["plan", file], { env });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("+ create integration cfg-e2e-api");
    expect(plan.stdout).toContain("+ create alert rule cfg-e2e-down");
    expect(plan.stdout).toMatch(/Plan: 2 to create, 0 to update, 0 to delete/);

    const apply = await runTether(["apply", file], { env });
    expect(apply.code).toBe(0);
    expect(apply.stderr).toContain("[1/2] create integration cfg-e2e-api");
    expect(apply.stdout).toContain("Applied 2 change(s).");
    for (const out of [plan.stdout, plan.stderr, apply.stdout, apply.stderr]) expect(out).not.toContain(SECRET);

    const again = await runTether(["plan", file, "--json"], { env });
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { changes: unknown[] }).changes).toEqual([]);

    const [row] = await sql<{ id: string; managedBy: string | null }>(`SELECT id, "managedBy" FROM "Integration" WHERE name = 'cfg-e2e-api'`);
    expect(row?.managedBy).toBe("config");
    const [rule] = await sql<{ id: string; managedBy: string | null }>(`SELECT id, "managedBy" FROM "AlertRule" WHERE name = 'cfg-e2e-down'`);
    expect(rule?.managedBy).toBe("config");
    const secrets = await sql<{ name: string }>(`SELECT name FROM "IntegrationSecret" WHERE "integrationId" = $1`, [row!.id]);
    expect(secrets.map((s) => s.name)).toEqual(["API_KEY"]);

    await page.goto(`/integrations/${row!.id}`);
    await expect(page.getByRole("heading", { name: "cfg-e2e-api" })).toBeVisible();
    await expect(page.getByTestId("managed-by-config")).toBeVisible();
    await page.goto(`/integrations/${row!.id}/edit`);
    await expect(page.getByRole("note")).toContainText("managed by config");
    await page.goto(`/alerts/${rule!.id}`);
    await expect(page.getByTestId("managed-by-config").first()).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
