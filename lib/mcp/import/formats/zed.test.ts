import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Zed settings.json", () => {
  it("reads context_servers in the current and the older command: { path, args, env } form", () => {
    const { file, byName } = previewOf(fixture("zed/settings.json", "~/.config/zed/settings.json"));
    expect(file).toMatchObject({ client: "zed", servers: 4, problems: [] });
    expect(byName("postgres")).toMatchObject({
      transport: "stdio",
      target: { command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres"], env: { PGPASSWORD: "{{secret.PGPASSWORD}}" } },
      secrets: [{ name: "PGPASSWORD", found: "hunter2" }],
      foundIn: [{ line: 5, column: 5 }],
    });
    expect(byName("brave")).toMatchObject({ transport: "stdio", target: { command: "npx", args: ["-y", "brave-search-mcp"] } });
    // An Authorization header keeps its scheme; only the credential moves to the secret.
    expect(byName("linear")).toMatchObject({
      target: { url: "https://mcp.linear.app/mcp", headers: { Authorization: "Bearer {{secret.AUTHORIZATION}}" } },
      secrets: [{ name: "AUTHORIZATION", found: "lin_api_literal" }],
    });
    expect(byName("from-extension")).toMatchObject({ importable: false, problems: ["Provided by a Zed extension: its command is not in settings.json"] });
  });

  it("is recognised by context_servers when pasted as settings.json", () => {
    expect(previewOf(fixture("zed/settings.json", "settings.json")).file.client).toBe("zed");
  });
});
