// The pure parts of the API commands: argument parsing, reading TETHER_URL/TETHER_TOKEN, picking the integration
// by name, the status gate, and the probe report's text.
import { describe, expect, it } from "vitest";
import { apiConfigFrom } from "./api-client";
import type { IntegrationRow, ProbeRunView } from "./api-schemas";
import { parseCommandLine, UsageError } from "./args";
import { findIntegration } from "./probe";
import { renderProbeText } from "./report/probe-text";
import { makeStyle } from "./report/style";
import { failingIntegrations } from "./status";

const row = (over: Partial<IntegrationRow>): IntegrationRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "Payments",
  kind: "http",
  target: "https://pay.example.com",
  enabled: true,
  tags: [],
  status: "healthy",
  circuit: "closed",
  uptime: 1,
  p95Ms: 12,
  lastRunAt: null,
  lastError: null,
  ...over,
});

describe("parsing", () => {
  it("probe, status and mcp serve", () => {
    expect(parseCommandLine(["probe", "Payments", "--json"])).toEqual({ kind: "probe", args: { name: "Payments", json: true } });
    expect(parseCommandLine(["status"])).toEqual({ kind: "status", args: { json: false, failOn: "down", tags: [] } });
    expect(parseCommandLine(["status", "--tag", "a", "--tag", "b", "--fail-on", "degraded"])).toEqual({
      kind: "status",
      args: { json: false, failOn: "degraded", tags: ["a", "b"] },
    });
    expect(parseCommandLine(["mcp", "serve"])).toEqual({ kind: "serve" });
    expect(() => parseCommandLine(["probe"])).toThrow(UsageError);
    expect(() => parseCommandLine(["status", "--fail-on", "paused"])).toThrow(/Allowed choices are down, degraded/);
  });
});

describe("apiConfigFrom", () => {
  it("defaults the URL, trims a trailing slash, and refuses a missing token or a bad URL", () => {
    expect(apiConfigFrom({ TETHER_TOKEN: "tth_x" })).toEqual({ baseUrl: "http://localhost:3000", token: "tth_x" });
    expect(apiConfigFrom({ TETHER_TOKEN: "tth_x", TETHER_URL: "https://tether.example.com/base/" }).baseUrl).toBe("https://tether.example.com/base");
    expect(() => apiConfigFrom({ TETHER_URL: "http://x" })).toThrow(/TETHER_TOKEN is not set/);
    expect(() => apiConfigFrom({ TETHER_TOKEN: "t", TETHER_URL: "not a url" })).toThrow(/is not a URL/);
    expect(() => apiConfigFrom({ TETHER_TOKEN: "t", TETHER_URL: "ftp://x" })).toThrow(/http:\/\/ or https:\/\//);
  });
});

describe("findIntegration", () => {
  const rows = [
    row({}),
    row({ id: "00000000-0000-4000-8000-000000000002", name: "Search" }),
    row({ id: "00000000-0000-4000-8000-000000000003", name: "SEARCH" }),
  ];
  it("exact name, then id, then one case-insensitive match", () => {
    expect(findIntegration(rows, "SEARCH").id).toBe("00000000-0000-4000-8000-000000000003");
    expect(findIntegration(rows, "00000000-0000-4000-8000-000000000002").name).toBe("Search");
    expect(findIntegration(rows, "payments").name).toBe("Payments");
  });
  it("ambiguous or unknown names are usage errors that say what there is", () => {
    expect(() => findIntegration(rows, "search")).toThrow('"search" matches "Search", "SEARCH"; give the exact name or the id');
    expect(() => findIntegration(rows, "Billing")).toThrow('no integration is named "Billing"; there are: Payments, Search, SEARCH');
    expect(() => findIntegration([], "Billing")).toThrow(/^no integration is named "Billing"$/);
  });
});

describe("failingIntegrations", () => {
  const rows = [
    row({ name: "up" }),
    row({ name: "slow", status: "degraded" }),
    row({ name: "down", status: "down" }),
    row({ name: "off", status: "down", enabled: false }),
    row({ name: "new", status: "pending" }),
  ];
  it("down fails by default; degraded only when asked; disabled and pending never", () => {
    expect(failingIntegrations(rows, "down").map((r) => r.name)).toEqual(["down"]);
    expect(failingIntegrations(rows, "degraded").map((r) => r.name)).toEqual(["slow", "down"]);
  });
});

describe("renderProbeText", () => {
  it("a failed run after a retry: the error, each attempt, the wait between them, and the readings", () => {
    const run: ProbeRunView = {
      id: "1",
      startedAt: "2026-12-01T10:00:00.000Z",
      latencyMs: null,
      ok: false,
      httpStatus: 503,
      errorClass: "http_status",
      errorMessage: "HTTP 503",
      attempts: 2,
      circuitState: "closed",
      details: { region: "eu" },
      trace: {
        circuitBefore: "closed",
        circuitAdmission: "allowed",
        totalMs: 1250,
        policy: { retries: 1, timeoutMs: 2000 },
        attempts: [
          {
            attempt: 1,
            startedAtMs: 0,
            durationMs: 40,
            ok: false,
            status: 503,
            errorClass: "http_status",
            message: "HTTP 503",
            bodyExcerpt: "busy\n try later",
            retryDelayMs: 1000,
          },
          { attempt: 2, startedAtMs: 1040, durationMs: 210, ok: false, status: 503, errorClass: "http_status" },
        ],
      },
    };
    expect(renderProbeText("Search", run, makeStyle(false))).toBe(
      [
        "✖ Search failed: http_status — HTTP 503",
        "  HTTP 503 · 2 attempts · circuit closed",
        "  trace: circuit closed before (allowed), 1 retry allowed, timeout 2000 ms, 1250 ms in all",
        "  #1  +0 ms  40 ms  http_status HTTP 503  HTTP 503",
        "      body: busy try later",
        "      waited 1000 ms before the next attempt",
        "  #2  +1040 ms  210 ms  http_status HTTP 503",
        "  readings:",
        "    region: eu",
        "",
      ].join("\n"),
    );
  });
});
