// The MCP import against a real database: integrations and their encrypted secrets created in one go, nothing of
// a file's values or of the filled secrets in any stored config or any other row, and the role and stdio rules.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/errors";
import type { Actor } from "../../auth/actor";
import type { Role } from "../../auth/roles";
import { Keyring } from "../../secrets/crypto";
import { loadSecrets } from "../../secrets/store";
import { allRows } from "../../testing/leak-search";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { importMcpServers, previewMcpImport } from "./import-service";
import { fixture } from "./testing";

let t: TestDb;
const keys = new Keyring(randomBytes(32));
const files = [
  fixture("zed/settings.json", "~/.config/zed/settings.json"),
  fixture("vscode/mcp.json", ".vscode/mcp.json"),
  fixture("cursor/mcp.json", ".cursor/mcp.json"),
];

async function actor(role: Role): Promise<Actor> {
  const user = await t.db.user.create({ data: { email: `${role}-${randomBytes(3).toString("hex")}@test.local`, role } });
  return { principal: { kind: "user", userId: user.id, email: user.email, role, label: user.email }, ip: "127.0.0.1" };
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t.close();
});
beforeEach(async () => {
  vi.stubEnv("TETHER_ALLOW_STDIO_MCP", "true");
  await t.db.integration.deleteMany();
  await t.db.auditEvent.deleteMany();
});

describe("MCP import service", () => {
  it("creates the chosen servers' integrations with their secrets encrypted, and stores no plaintext anywhere", async () => {
    const admin = await actor("admin");
    const preview = await previewMcpImport(t.db, { files }, admin);
    const linear = preview.servers.find((s) => s.name === "linear")!;
    const postgres = preview.servers.find((s) => s.name === "postgres")!;
    const github = preview.servers.find((s) => s.name === "github")!;
    expect(linear.secrets[0]).toMatchObject({ name: "AUTHORIZATION", found: "lin_api_literal" });
    expect(github.foundIn.map((f) => f.client)).toEqual(["vscode", "cursor"]);

    const result = await importMcpServers(
      t.db,
      {
        files,
        servers: [
          { key: linear.key, secrets: { AUTHORIZATION: "lin_api_filled_by_admin" } },
          { key: postgres.key, name: "Shop database", secrets: { PGPASSWORD: "pg-filled-secret" } },
          { key: github.key, secrets: { GH_TOKEN: "ghp_filledGithubToken", HOME_REGION: "" } },
        ],
      },
      admin,
      { keys, now: Date.parse("2026-12-01T10:00:00Z") },
    );
    expect(result.created.map((c) => [c.name, c.secretsSet, c.secretsMissing])).toEqual([
      ["linear", ["AUTHORIZATION"], []],
      ["Shop database", ["PGPASSWORD"], []],
      ["github", ["GH_TOKEN"], ["HOME_REGION"]],
    ]);

    const rows = await t.db.integration.findMany({ orderBy: { name: "asc" }, include: { secrets: true } });
    expect(rows.map((r) => [r.name, r.kind, r.tags, r.intervalSeconds])).toEqual([
      ["Shop database", "mcp", ["mcp"], 60],
      ["github", "mcp", ["mcp"], 60],
      ["linear", "mcp", ["mcp"], 60],
    ]);
    expect(rows.find((r) => r.name === "linear")!.config).toEqual({
      transport: "http",
      url: "https://mcp.linear.app/mcp",
      headers: [{ name: "Authorization", value: "Bearer {{secret.AUTHORIZATION}}" }],
    });
    expect(rows.find((r) => r.name === "Shop database")!.config).toMatchObject({
      transport: "stdio",
      command: "npx",
      env: { PGPASSWORD: "{{secret.PGPASSWORD}}" },
    });
    const db = rows.find((r) => r.name === "Shop database")!;
    expect((await loadSecrets(t.db, db.id, keys)).get("PGPASSWORD")?.reveal()).toBe("pg-filled-secret");
    expect(rows.find((r) => r.name === "github")!.secrets.map((s) => s.name)).toEqual(["GH_TOKEN"]);

    // Not in any row of any table: neither what the files held nor what the admin typed.
    const everything = (await allRows(t.db)).map((r) => r.row).join("\n");
    for (const plaintext of ["lin_api_literal", "hunter2", "lin_api_filled_by_admin", "pg-filled-secret", "ghp_filledGithubToken"]) {
      expect(everything).not.toContain(plaintext);
    }

    const audit = await t.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["integration.create", "secret.set", "integration.create", "secret.set", "integration.create", "secret.set"]);
    expect(audit[0]).toMatchObject({
      actorId: admin.principal!.userId,
      summary: "Imported linear from ~/.config/zed/settings.json",
      targetId: result.created[0]!.id,
    });
    expect(audit[4]!.details).toEqual({
      importedFrom: [
        { file: ".vscode/mcp.json", client: "vscode", name: "github" },
        { file: ".cursor/mcp.json", client: "cursor", name: "github" },
      ],
    });

    // A second preview says these are already monitored, by which integration.
    const again = await previewMcpImport(t.db, { files }, admin);
    expect(again.servers.find((s) => s.name === "linear")!.alreadyMonitored).toEqual({ id: result.created[0]!.id, name: "linear" });
    expect(again.servers.find((s) => s.name === "brave")!.alreadyMonitored).toBeNull();
  });

  it("gives an imported server a name of its own when an integration already has its name", async () => {
    const admin = await actor("admin");
    await t.db.integration.create({ data: { name: "linear", kind: "http", config: { url: "https://example.com" }, intervalSeconds: 60, timeoutMs: 1000 } });
    const { servers } = await previewMcpImport(t.db, { files }, admin);
    const key = servers.find((s) => s.name === "linear")!.key;
    const { created } = await importMcpServers(t.db, { files, servers: [{ key }] }, admin, { keys });
    expect(created).toEqual([{ key, id: expect.any(String), name: "linear (zed)", secretsSet: [], secretsMissing: ["AUTHORIZATION"] }]);
  });

  it("lets an editor import HTTP servers but not stdio ones, and writes nothing when one choice is refused", async () => {
    const editor = await actor("editor");
    const preview = await previewMcpImport(t.db, { files }, editor);
    const brave = preview.servers.find((s) => s.name === "brave")!;
    const linear = preview.servers.find((s) => s.name === "linear")!;
    expect(brave).toMatchObject({ importable: false, problems: ["Only admins can configure an MCP server that runs a command"] });
    const err = await importMcpServers(t.db, { files, servers: [{ key: linear.key }, { key: brave.key }] }, editor, { keys }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, details: { fields: { "servers.1": ["Only admins can configure an MCP server that runs a command"] } } });
    expect(await t.db.integration.count()).toBe(0);
    const ok = await importMcpServers(t.db, { files, servers: [{ key: linear.key }] }, editor, { keys });
    expect(ok.created.map((c) => c.name)).toEqual(["linear"]);
  });

  it("refuses stdio where the deployment has not allowed it, even for an admin", async () => {
    vi.stubEnv("TETHER_ALLOW_STDIO_MCP", "");
    const admin = await actor("admin");
    const { servers } = await previewMcpImport(t.db, { files }, admin);
    const brave = servers.find((s) => s.name === "brave")!;
    expect(brave.problems).toEqual([expect.stringMatching(/TETHER_ALLOW_STDIO_MCP=true/)]);
    await expect(importMcpServers(t.db, { files, servers: [{ key: brave.key }] }, admin, { keys })).rejects.toMatchObject({ status: 400 });
  });

  it("answers bad requests with messages a person understands and writes nothing", async () => {
    const admin = await actor("admin");
    await expect(previewMcpImport(t.db, { files: [] }, admin)).rejects.toMatchObject({ issues: [{ message: "Paste or upload at least one config file" }] });
    await expect(importMcpServers(t.db, { files, servers: [] }, admin, { keys })).rejects.toMatchObject({
      issues: [{ message: "Choose at least one server to import" }],
    });
    const unknown = await importMcpServers(t.db, { files, servers: [{ key: "nope" }] }, admin, { keys }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ details: { fields: { "servers.0.key": ["This server is not in the files sent; preview them again"] } } });
    const { servers } = await previewMcpImport(t.db, { files }, admin);
    const linear = servers.find((s) => s.name === "linear")!;
    const wrongSecret = await importMcpServers(t.db, { files, servers: [{ key: linear.key, secrets: { OTHER: "x" } }] }, admin, { keys }).catch(
      (e: unknown) => e,
    );
    expect(wrongSecret).toMatchObject({ details: { fields: { "servers.0.secrets.OTHER": ["linear has no secret OTHER"] } } });
    const fromExtension = servers.find((s) => s.name === "from-extension")!;
    const unsupported = await importMcpServers(t.db, { files, servers: [{ key: fromExtension.key }] }, admin, { keys }).catch((e: unknown) => e);
    expect(unsupported).toMatchObject({ details: { fields: { "servers.0": ["Provided by a Zed extension: its command is not in settings.json"] } } });
    expect(await t.db.integration.count()).toBe(0);
  });
});
