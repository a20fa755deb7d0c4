// The real CLI (child processes) against the real config routes on a local port and real PostgreSQL: plan and
// apply with progress, a saved plan refused once the server changed, a change refused midway reported, a missing
// variable caught before anything is sent, the roles, and no secret value in any output.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../auth/tokens";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { serveRoutes, type RouteServer } from "../../testing/route-server";
import { runTether, type CliRun } from "../testing/run-cli";

let t: TestDb;
let app: RouteServer;
let tmp: string;
const tokens: Record<"viewer" | "editor", string> = { viewer: "", editor: "" };
const SLACK_URL = "https://hooks.slack.com/services/T1/B2/cli-int-secret-token";

const FILE = `version: 1
integrations:
  billing:
    kind: tcp
    config: { host: billing.internal, port: 443 }
    intervalSeconds: 60
    timeoutMs: 2000
channels:
  ops:
    kind: slack
    config:
      webhookUrl: \${OPS_SLACK_URL}
alertRules:
  billing-down:
    scope: { kind: integration, integration: billing }
    condition: { kind: consecutive_failures, count: 2 }
    channels: [ops]
`;

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = "cli-config-test-secret-0123456789abcdef";
  process.env.TETHER_ENCRYPTION_KEY = "1".repeat(64);
  const state = await import("../../../app/api/config/route");
  const apply = await import("../../../app/api/config/apply/route");
  app = await serveRoutes({ "/api/config": state, "/api/config/apply": apply } as unknown as Parameters<typeof serveRoutes>[0]);
  const owner = await t.db.user.create({ data: { email: "owner@test.local", role: "admin" } });
  const principal = { kind: "user" as const, userId: owner.id, email: owner.email, role: "admin" as const, label: owner.email };
  for (const role of ["viewer", "editor"] as const) tokens[role] = (await createToken(t.db, principal, { name: `cli-${role}`, role })).token;
  tmp = await mkdtemp(path.join(os.tmpdir(), "tether-cli-config-"));
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

async function tether(args: string[], env: Record<string, string> = {}, role: "viewer" | "editor" = "editor"): Promise<CliRun> {
  const run = await runTether(args, { cwd: tmp, env: { TETHER_URL: app.origin, TETHER_TOKEN: tokens[role], OPS_SLACK_URL: SLACK_URL, ...env } });
  for (const out of [run.stdout, run.stderr]) expect(out).not.toContain(SLACK_URL);
  return run;
}

describe("tether plan / apply", () => {
  it("a viewer may plan but not apply", async () => {
    await writeFile(path.join(tmp, "tether.yaml"), FILE);
    const plan = await tether(["plan", "tether.yaml"], {}, "viewer");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged.");
    const apply = await tether(["apply", "tether.yaml"], {}, "viewer");
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("[1/3] create integration billing ✗ This needs the editor role; you have viewer");
    expect(apply.stderr).toContain("Applied 0 of 3: none.");
    expect(await t.db.integration.count()).toBe(0);
  });

  it("a missing variable stops the apply before anything is sent", async () => {
    const r = await runTether(["apply", "tether.yaml"], { cwd: tmp, env: { TETHER_URL: app.origin, TETHER_TOKEN: tokens.editor } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("tether: set OPS_SLACK_URL in the environment: the plan sends these secrets (nothing was applied)");
    expect(await t.db.integration.count()).toBe(0);
  });

  it("applies with progress, in colour on request, and a second apply plans nothing", async () => {
    const apply = await tether(["apply", "tether.yaml"], { FORCE_COLOR: "1" });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("\u001b[32m+ create integration billing");
    expect(apply.stderr).toMatch(/\[1\/3\] create integration billing .*✓/);
    expect(apply.stderr).toMatch(/\[3\/3\] create alert rule billing-down .*✓/);
    const again = await tether(["apply", "tether.yaml", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ complete: true, applied: [] });
    const exported = await tether(["export"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("webhookUrl: ${CHANNEL_OPS_WEBHOOK_URL}");
    expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    const rows = await t.db.alertRule.findMany({ select: { managedBy: true, name: true } });
    expect(rows).toEqual([{ name: "billing-down", managedBy: "config" }]);
  });

  it("shows an update per property, and a saved plan is refused once the server changed", async () => {
    await writeFile(path.join(tmp, "tether.yaml"), FILE.replace("count: 2", "count: 5"));
    const plan = await tether(["plan", "tether.yaml", "--out", "plan.json"]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("~ update alert rule billing-down\n    ~ condition.count: 2 → 5\n");
    await t.db.integration.update({ where: { name: "billing" }, data: { timeoutMs: 3000 } });
    const stale = await tether(["apply", "--plan-file", "plan.json"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("The server changed since this plan was made; run tether plan again");
    expect((await t.db.alertRule.findFirstOrThrow()).condition).toEqual({ kind: "consecutive_failures", count: 2 });
  });

  it("a change refused midway says what was and was not applied", async () => {
    const channels = `channels:
  hooks:
    kind: webhook
    config:
      url: https://hooks.example.com/tether
      secret: \${HOOK_SECRET}
  backup-slack:
    kind: slack
    config:
      webhookUrl: \${OPS_SLACK_URL}
`;
    const file = FILE.replace("timeoutMs: 2000", "timeoutMs: 3000")
      .replace("channels:\n", channels)
      .replace("channels: [ops]", "channels: [ops, hooks, backup-slack]");
    await writeFile(path.join(tmp, "tether.yaml"), file);
    const r = await tether(["apply", "tether.yaml"], { HOOK_SECRET: "not-a-standard-webhooks-secret" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[1/3] create channel backup-slack ✓");
    expect(r.stderr).toContain("[2/3] create channel hooks ✗ Some fields are not valid\n    config.secret: Use whsec_ followed by base64");
    expect(r.stderr).toContain("Applied 1 of 3: channel backup-slack.\nNot applied: channel hooks, alert rule billing-down.\n");
    expect(r.stderr).not.toContain("not-a-standard-webhooks-secret");
    expect((await t.db.notificationChannel.findMany({ orderBy: { name: "asc" } })).map((c) => c.name)).toEqual(["backup-slack", "ops"]);
  });
});
