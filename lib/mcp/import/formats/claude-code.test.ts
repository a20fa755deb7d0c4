import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Claude Code config", () => {
  it("reads ~/.claude.json's user servers and each project's, with ${VAR} and ${VAR:-default}", () => {
    const { file, byName } = previewOf(fixture("claude.json", "/home/me/.claude.json"));
    expect(file).toMatchObject({ client: "claude-code", servers: 3 });
    expect(byName("sentry")).toMatchObject({
      transport: "http",
      target: { url: "https://mcp.sentry.dev/mcp", headers: { Authorization: "Bearer {{secret.SENTRY_TOKEN}}" } },
      config: { transport: "http", headers: [{ name: "Authorization", value: "Bearer {{secret.SENTRY_TOKEN}}" }] },
      secrets: [{ name: "SENTRY_TOKEN", from: "environment variable SENTRY_TOKEN", password: true }],
      importable: true,
    });
    const db = byName("db");
    expect(db.foundIn).toEqual([
      { file: "/home/me/.claude.json", client: "claude-code", name: "db", line: 10, column: 9, scope: 'projects."/home/me/shop".mcpServers' },
    ]);
    expect(db.target).toMatchObject({ args: ["-y", "@bytebase/dbhub", "--dsn", "{{secret.DATABASE_URL}}"] });
    // The default is in the file: offered to prefill, never written into the target.
    expect(db.secrets).toEqual([{ name: "DATABASE_URL", from: "environment variable DATABASE_URL", found: "postgres://localhost/shop", password: true }]);
  });

  it("reads a project's .mcp.json, a legacy SSE server included (checked over HTTP+SSE)", () => {
    const { byName } = previewOf(fixture("claude.json", ".mcp.json"));
    expect(byName("legacy")).toMatchObject({ transport: "sse", importable: true, problems: [], config: { transport: "sse" } });
  });

  it("turns an unknown transport type into that server's problem, not a crash", () => {
    const { byName } = previewOf({
      name: ".mcp.json",
      content: '{"mcpServers":{"odd":{"type":"websocket","url":"wss://x"},"ok":{"type":"http","url":"https://ok.example.com/mcp"}}}',
    });
    expect(byName("odd")).toMatchObject({ transport: null, importable: false, problems: ['Unknown transport type "websocket"; expected stdio, http or sse'] });
    expect(byName("ok").importable).toBe(true);
  });
});
