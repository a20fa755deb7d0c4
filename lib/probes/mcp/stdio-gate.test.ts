import { describe, expect, it } from "vitest";
import { stdioGate } from "./stdio-gate";

const stdio = { transport: "stdio" as const, command: "node", args: [], env: {} };
const allowed = { TETHER_ALLOW_STDIO_MCP: "true" };

describe("MCP stdio gate", () => {
  it("lets HTTP servers through whoever saves them", () => {
    expect(stdioGate({ transport: "http", url: "https://mcp.example.com/mcp", headers: [] }, { admin: false }, {})).toBeNull();
  });

  it("refuses stdio where the deployment has not switched it on, before a run and on save", () => {
    expect(stdioGate(stdio, null, {})).toMatchObject({
      reason: "disabled",
      field: "config.transport",
      message: expect.stringMatching(/TETHER_ALLOW_STDIO_MCP/),
    });
    expect(stdioGate(stdio, { admin: true }, { TETHER_ALLOW_STDIO_MCP: "1" })).toMatchObject({ reason: "disabled" });
  });

  it("where switched on, runs it and lets only admins save it", () => {
    expect(stdioGate(stdio, null, allowed)).toBeNull();
    expect(stdioGate(stdio, { admin: true }, allowed)).toBeNull();
    expect(stdioGate(stdio, { admin: false }, allowed)).toMatchObject({ reason: "admin_only", field: "config.transport" });
  });
});
