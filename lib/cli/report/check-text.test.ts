import { describe, expect, it } from "vitest";
import type { ConformanceReport } from "../../mcp/types";
import type { ServerResult } from "../check-result";
import { failingFindings } from "../exit-codes";
import { renderServerText, renderVerdict } from "./check-text";
import { colorEnabled, makeStyle } from "./style";

const plain = makeStyle(false);
const rep: ConformanceReport = {
  connected: true,
  transport: "http",
  protocolVersion: "2025-11-25",
  server: { name: "docs", version: "2.0.0" },
  tools: [{ name: "search", inputSchema: {} }],
  prompts: [],
  findings: [
    { rule: "origin-not-checked", severity: "warning", message: "A foreign Origin was accepted", subject: "POST /mcp", detail: "Origin: https://evil.example" },
    { rule: "tool-name-invalid", severity: "error", message: "Tool name has a space" },
    { rule: "protocol-version", severity: "info", message: "Negotiated 2025-11-25" },
  ],
  durationMs: 231.6,
};
const result: ServerResult = {
  name: "docs",
  target: { transport: "http", url: "https://docs.example/mcp", headers: ["Authorization"] },
  report: rep,
  failing: failingFindings(rep.findings, "error"),
  baseline: {
    kind: "compared",
    changes: [
      { impact: "breaking", tool: "search", what: "tool removed" },
      { impact: "cosmetic", tool: "fetch", what: "description changed" },
    ],
  },
};

describe("text report", () => {
  it("shows the facts, findings grouped by severity (errors first), and the baseline changes", () => {
    expect(renderServerText(result, plain)).toBe(
      [
        "docs  http: https://docs.example/mcp",
        "  over http · protocol 2025-11-25 · docs 2.0.0 · 1 tool, 0 prompts · 232 ms",
        "  ✖ 1 error",
        "    tool-name-invalid: Tool name has a space",
        "  ▲ 1 warning",
        "    origin-not-checked (POST /mcp): A foreign Origin was accepted",
        "      Origin: https://evil.example",
        "  i 1 info",
        "    protocol-version: Negotiated 2025-11-25",
        "  baseline: 1 breaking, 0 additive, 1 cosmetic",
        "    breaking  search: tool removed",
        "    cosmetic  fetch: description changed",
        "",
      ].join("\n"),
    );
  });

  it("says why a server could not be reached", () => {
    const down: ServerResult = {
      ...result,
      baseline: { kind: "not-saved" },
      report: { ...rep, connected: false, findings: [], failure: { errorClass: "connect", message: "Connection refused" } },
    };
    const text = renderServerText(down, plain);
    expect(text).toContain("✖ could not connect: Connection refused (connect)");
    expect(text).toContain("baseline: not saved (the server could not be checked)");
    expect(renderVerdict([down, result], "error", 2, plain)).toBe(
      "\nFAIL 2 servers checked, 1 could not be reached, 1 with findings at or above error or breaking changes (exit 2)\n",
    );
  });

  it("says PASS when nothing failed", () => {
    const clean: ServerResult = { ...result, baseline: { kind: "saved", tools: 1 }, report: { ...rep, findings: [] }, failing: [] };
    expect(renderServerText(clean, plain, "tools.json")).toContain("✔ no findings\n  baseline: saved 1 tools to tools.json");
    expect(renderVerdict([clean], "error", 0, plain)).toBe("\nPASS 1 server checked (exit 0)\n");
  });

  it("colours only on a terminal, never with NO_COLOR, and with FORCE_COLOR", () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(renderServerText(result, makeStyle(true))).toContain("\u001b[31m✖ 1 error\u001b[39m");
    expect(renderServerText(result, plain)).not.toContain("\u001b[");
  });
});
