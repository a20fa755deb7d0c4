import { describe, expect, it } from "vitest";
import { discoverFindings, encodeHeaderValue, isModernError, modernRequest } from "./modern-session";

describe("2026-07-28 request framing", () => {
  it("mirrors the method, the revision and the tool name into headers, and carries _meta in the body", () => {
    const { headers, message } = modernRequest("tools/call", { name: "get_weather", arguments: { city: "Oslo" } }, 7);
    expect(headers).toEqual({ "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "get_weather" });
    expect(message).toEqual({
      id: 7,
      method: "tools/call",
      params: {
        name: "get_weather",
        arguments: { city: "Oslo" },
        _meta: {
          "io.modelcontextprotocol/protocolVersion": "2026-07-28",
          "io.modelcontextprotocol/clientInfo": { name: "tether-probe", version: "1.0.0" },
          "io.modelcontextprotocol/clientCapabilities": {},
        },
      },
    });
  });

  it("names the resource URI for resources/read and nothing for a list", () => {
    expect(modernRequest("resources/read", { uri: "file:///a.txt" }).headers["mcp-name"]).toBe("file:///a.txt");
    expect(modernRequest("tools/list").headers).not.toHaveProperty("mcp-name");
  });

  it("puts the same revision in the header and in _meta, so a bogus one tests the server honestly", () => {
    const { headers, message } = modernRequest("server/discover", {}, 1, "1999-01-01");
    expect(headers["mcp-protocol-version"]).toBe("1999-01-01");
    expect((message.params._meta as Record<string, unknown>)["io.modelcontextprotocol/protocolVersion"]).toBe("1999-01-01");
  });

  it("encodes values that are not plain header text with the Base64 sentinel, as the spec's table does", () => {
    expect(encodeHeaderValue("us-west1")).toBe("us-west1");
    expect(encodeHeaderValue("Hello, 世界")).toBe("=?base64?SGVsbG8sIOS4lueVjA==?=");
    expect(encodeHeaderValue(" padded ")).toBe("=?base64?IHBhZGRlZCA=?=");
    expect(encodeHeaderValue("line1\nline2")).toBe("=?base64?bGluZTEKbGluZTI=?=");
    expect(encodeHeaderValue("=?base64?literal?=")).toBe("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
  });

  it("tells a modern server's errors from a legacy server's 4xx", () => {
    expect(isModernError(400, { error: { code: -32022, message: "Unsupported protocol version" } })).toBe(true);
    expect(isModernError(404, { error: { code: -32601, message: "Method not found" } })).toBe(true);
    expect(isModernError(400, { error: { code: -32000, message: "Bad Request: Server not initialized" } })).toBe(false);
    expect(isModernError(405, undefined)).toBe(false);
  });
});

describe("the DiscoverResult", () => {
  it("passes a complete one", () => {
    expect(discoverFindings({ resultType: "complete", supportedVersions: ["2026-07-28"], capabilities: {}, ttlMs: 0, cacheScope: "private" })).toEqual([]);
  });

  it("names every required field that is missing or malformed", () => {
    expect(discoverFindings({ supportedVersions: "2026-07-28", capabilities: {}, cacheScope: "everyone" })).toEqual([
      expect.objectContaining({
        rule: "discover-result-invalid",
        severity: "error",
        detail: "missing or malformed: supportedVersions, resultType, ttlMs, cacheScope",
      }),
    ]);
  });
});
