// The HTTP plug points seen through the engine (runConformance), as the probe and the CLI see them: the report
// records the transport and revision the negotiation chose, the HTTP findings sit beside the protocol ones, and a
// server behind OAuth without a token is `connected: false` with an auth failure that says it needs OAuth.
import { afterEach, describe, expect, it } from "vitest";
import type { ConformanceReport, McpTarget } from "../../types";
import { startLegacySseFixture } from "../../testing/http/legacy-sse-server";
import type { RunningServer } from "../../testing/http/listen";
import { startModernFixture } from "../../testing/http/modern-server";
import { startStreamableFixture } from "../../testing/http/streamable-server";
import { runConformance } from "../index";

const running: RunningServer[] = [];
afterEach(async () => void (await Promise.all(running.splice(0).map((s) => s.close()))));

async function check(url: string, headers: Record<string, string> = {}): Promise<ConformanceReport> {
  const target: McpTarget = { transport: "http", url, headers };
  return runConformance(target, { timeoutMs: 10_000, outbound: { allowPrivateNetworks: true }, now: () => 0 });
}
const rules = (report: ConformanceReport) => report.findings.map((f) => f.rule).sort();

describe("runConformance over HTTP", () => {
  it("a 2026-07-28 server: reached through server/discover, its tools read statelessly, no findings", async () => {
    const fixture = await startModernFixture();
    running.push(fixture);
    const report = await check(fixture.url);
    expect(report).toMatchObject({ connected: true, transport: "http", protocolVersion: "2026-07-28", server: { name: "tether-modern-fixture" } });
    expect(report.tools.map((t) => t.name)).toEqual(["echo"]);
    expect(rules(report)).toEqual([]);
    expect(fixture.methods).not.toContain("initialize");
  });

  it("a legacy HTTP+SSE server: transport sse, the deprecation warned about", async () => {
    const fixture = await startLegacySseFixture();
    running.push(fixture);
    const report = await check(fixture.url);
    expect(report).toMatchObject({ connected: true, transport: "sse" });
    expect(report.tools.map((t) => t.name).sort()).toEqual(["charge_card", "echo"]);
    expect(rules(report)).toEqual(["legacy-sse-transport"]);
  });

  it("a server with every HTTP fault at once reports each", async () => {
    const fixture = await startStreamableFixture({ acceptAnyOrigin: true, ignoreProtocolVersion: true, keepDeletedSessions: true });
    running.push(fixture);
    const report = await check(fixture.url);
    expect(report).toMatchObject({ connected: true, transport: "http", protocolVersion: "2025-11-25" });
    expect(rules(report)).toEqual(["deleted-session-still-alive", "origin-not-checked", "protocol-version-header-ignored"]);
    expect(report.findings.every((f) => f.severity === "error")).toBe(true);
  });

  it("behind OAuth without a token: not connected, an auth failure naming the authorization server", async () => {
    const fixture = await startStreamableFixture({ oauth: { metadata: "complete", token: "tok-1" } });
    running.push(fixture);
    expect(await check(fixture.url)).toMatchObject({
      connected: false,
      transport: "http",
      failure: {
        errorClass: "auth",
        message: `The server requires OAuth (authorization server ${fixture.origin}/auth); configure a valid access token in the headers`,
      },
    });
    // Not connected, yet the OAuth discovery a client would walk is still judged, as findings.
    const anonymous = await check(fixture.url);
    expect(rules(anonymous)).toContain("oauth-required");
    const broken = await startStreamableFixture({ oauth: { metadata: "no-metadata", token: "tok-1" } });
    running.push(broken);
    const brokenReport = await check(broken.url);
    expect(brokenReport).toMatchObject({ connected: false, failure: { errorClass: "auth" } });
    expect(rules(brokenReport)).toContain("oauth-protected-resource-missing");
    const withToken = await check(fixture.url, { Authorization: "Bearer tok-1" });
    expect(withToken).toMatchObject({ connected: true, protocolVersion: "2025-11-25" });
    expect(rules(withToken)).toEqual(["oauth-required"]);
  });
});
