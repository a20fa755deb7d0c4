import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Codex config.toml", () => {
  it("reads [mcp_servers.<name>] tables: env, env_vars, url, bearer_token_env_var, http_headers, env_http_headers", () => {
    const { file, byName } = previewOf(fixture("codex/config.toml", "~/.codex/config.toml"));
    expect(file).toMatchObject({ client: "codex", servers: 2 });
    expect(byName("docs")).toMatchObject({
      transport: "stdio",
      target: { command: "npx", env: { DOCS_KEY: "{{secret.DOCS_KEY}}", DOCS_REGION: "{{secret.DOCS_REGION}}" } },
      foundIn: [{ line: 3, column: 1 }],
    });
    const figma = byName("figma");
    expect(figma.target).toEqual({
      transport: "http",
      url: "https://mcp.figma.com/mcp",
      headers: { "X-Figma-Region": "{{secret.X_FIGMA_REGION}}", "X-Org": "{{secret.FIGMA_ORG}}", Authorization: "Bearer {{secret.FIGMA_OAUTH_TOKEN}}" },
    });
    expect(figma.secrets.find((s) => s.name === "FIGMA_OAUTH_TOKEN")).toEqual({
      name: "FIGMA_OAUTH_TOKEN",
      from: "environment variable FIGMA_OAUTH_TOKEN",
      password: true,
    });
  });

  it("reports broken TOML with line and column", () => {
    const { file } = previewOf(fixture("broken/config.toml", ".codex/config.toml"));
    expect(file.error).toMatchObject({ line: 4, column: 1, message: expect.stringMatching(/^Not valid TOML at line 4, column 1: /) });
  });
});
