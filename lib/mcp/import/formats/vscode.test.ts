import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("VS Code mcp.json", () => {
  it("reads JSONC with comments and trailing commas; ${input:id} becomes a secret hinted by the input's description", () => {
    const { file, byName } = previewOf(fixture("vscode/mcp.json", ".vscode/mcp.json"));
    expect(file).toMatchObject({ client: "vscode", servers: 2, problems: [] });
    const p = byName("Perplexity");
    expect(p.secrets).toEqual([{ name: "PERPLEXITY_KEY", from: "VS Code input perplexity-key", hint: "Perplexity API Key", password: true }]);
    expect(p.target).toMatchObject({ env: { PERPLEXITY_API_KEY: "{{secret.PERPLEXITY_KEY}}", ROOT: "${workspaceFolder}/data" } });
    expect(p.warnings).toEqual([
      "envFile ${workspaceFolder}/.env is not read: set the variables it holds as secrets on the integration",
      "${workspaceFolder} is left as written: the project directory is not known here; edit it after import",
    ]);
    const gh = byName("github");
    expect(gh.target).toEqual({
      transport: "http",
      url: "https://api.githubcopilot.com/mcp/",
      headers: { Authorization: "Bearer {{secret.GH_TOKEN}}", "X-Home": "{{secret.HOME_REGION}}" },
    });
    expect(gh.secrets.map((s) => [s.name, s.from, s.hint])).toEqual([
      ["GH_TOKEN", "VS Code input gh-token", "GitHub token with repo scope"],
      ["HOME_REGION", "environment variable HOME_REGION", undefined],
    ]);
  });

  it("resolves ${workspaceFolder} when the project directory is known", () => {
    const { byName } = previewOf(fixture("vscode/mcp.json", ".vscode/mcp.json"), { admin: true, env: { TETHER_ALLOW_STDIO_MCP: "true" }, dir: "/work/app" });
    expect(byName("Perplexity").target).toMatchObject({ env: { ROOT: "/work/app/data" } });
    expect(byName("Perplexity").warnings).toHaveLength(1);
  });

  it("reads the mcp block of a user settings.json and a pasted file by its shape", () => {
    const settings = previewOf({
      name: "settings.json",
      content: '{ "editor.fontSize": 13, "mcp": { "servers": { "s": { "url": "https://s.example.com/mcp" } } } }',
    });
    expect(settings.file.client).toBe("vscode");
    expect(settings.byName("s")).toMatchObject({ transport: "http", importable: true });
  });
});
