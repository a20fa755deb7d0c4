import { describe, expect, it } from "vitest";
import type { McpTarget } from "../mcp/types";
import { UsageError } from "./args";
import { fillFromEnvironment } from "./variables";

const stdio = (over: Partial<Extract<McpTarget, { transport: "stdio" }>>): McpTarget => ({ transport: "stdio", command: "srv", args: [], env: {}, ...over });

describe("fillFromEnvironment", () => {
  it("fills {{secret.NAME}} in headers and keeps the values it used", () => {
    const target: McpTarget = { transport: "http", url: "https://x.test/mcp", headers: { Authorization: "Bearer {{secret.GH_TOKEN}}" } };
    const { target: filled, used } = fillFromEnvironment(target, { GH_TOKEN: "ghp_123456" }, "github");
    expect(filled).toEqual({ transport: "http", url: "https://x.test/mcp", headers: { Authorization: "Bearer ghp_123456" } });
    expect([...used.keys()]).toEqual(["GH_TOKEN"]);
    expect(String(used.get("GH_TOKEN"))).toBe("[redacted]");
  });

  it("fills ${VAR}, ${env:VAR} and ${VAR:-default} as written in client configs", () => {
    const target = stdio({ args: ["--root", "${ROOT:-/srv}", "--key=${env:API_KEY}"], env: { TOKEN: "${TOKEN}" } });
    const { target: filled } = fillFromEnvironment(target, { API_KEY: "k1", TOKEN: "t1" }, "s");
    expect(filled).toEqual(stdio({ args: ["--root", "/srv", "--key=k1"], env: { TOKEN: "t1" } }));
  });

  it("names every variable that is not set, in one usage error", () => {
    const target = stdio({ args: ["{{secret.B_KEY}}", "${A_KEY}"] });
    expect(() => fillFromEnvironment(target, { A_KEY: "" }, "search")).toThrow(
      new UsageError("server search needs A_KEY, B_KEY set in the environment (they are referenced by its config)"),
    );
  });
});
