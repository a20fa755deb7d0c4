// The HTTP side of conformance against real servers on loopback: the SDK's streamable HTTP server (good, and one
// variant per broken rule), behind OAuth (complete discovery, and each way discovery breaks), the SDK's legacy
// HTTP+SSE server, and a stateless 2026-07-28 server. Each test opens the session as the engine does
// (negotiateHttpSession) and runs the HTTP checks with the revision it negotiated; every finding is asserted by
// rule id, and the good servers yield none.
import { afterEach, describe, expect, it } from "vitest";
import type { McpTarget } from "../../types";
import { SessionOpenError, type McpSession, type SessionContext } from "../session";
import { startLegacySseFixture } from "../../testing/http/legacy-sse-server";
import { startModernFixture } from "../../testing/http/modern-server";
import { startStreamableFixture, type OAuthVariant, type StreamableFixtureOptions } from "../../testing/http/streamable-server";
import type { RunningServer } from "../../testing/http/listen";
import { httpChecks as runHttpChecks } from "./checks";
import { openHttpSession as negotiateHttpSession } from "./open";

const TOKEN = "secret-token-7f3a";
const running: RunningServer[] = [];
const sessions: McpSession[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function context(): SessionContext {
  return { signal: new AbortController().signal, timeoutMs: 5_000, outbound: { allowPrivateNetworks: true } };
}

type HttpTarget = Extract<McpTarget, { transport: "http" | "sse" }>;
const target = (url: string, headers: Record<string, string> = {}, transport: "http" | "sse" = "http"): HttpTarget => ({ transport, url, headers });

async function open(t: HttpTarget): Promise<McpSession> {
  const session = await negotiateHttpSession(t, context());
  sessions.push(session);
  return session;
}

async function streamable(options: StreamableFixtureOptions = {}) {
  const fixture = await startStreamableFixture(options);
  running.push(fixture);
  return fixture;
}

/** Opens the session as the engine does and runs the HTTP checks with what it negotiated; the rules found. */
async function checkRules(t: HttpTarget, negotiatedVersion?: string): Promise<string[]> {
  const findings = await runHttpChecks(t, { ...context(), negotiatedVersion });
  for (const f of findings) expect(f.message.length).toBeGreaterThan(10);
  return findings.map((f) => f.rule).sort();
}

async function openAndCheck(t: HttpTarget): Promise<{ session: McpSession; rules: string[] }> {
  const session = await open(t);
  return { session, rules: await checkRules(t, session.protocolVersion) };
}

describe("streamable HTTP (the SDK's server)", () => {
  it("a good server: negotiated over streamable HTTP, tools listed, and no HTTP finding", async () => {
    const fixture = await streamable();
    const { session, rules } = await openAndCheck(target(fixture.url));
    expect(session.transport).toBe("http");
    expect(session.protocolVersion).toBe("2025-11-25");
    expect(session.server).toEqual({ name: "tether-http-fixture", version: "1.2.3" });
    expect(session.notes).toEqual([]);
    const listed = await session.request("tools/list");
    expect((listed.tools as { name: string }[]).map((t) => t.name).sort()).toEqual(["charge_card", "echo"]);
    expect(rules).toEqual([]);
    // The checks end the sessions they open: only the engine's own session is left.
    expect(fixture.sessionCount()).toBe(1);
  });

  it("a server that accepts any Origin is an error", async () => {
    const fixture = await streamable({ acceptAnyOrigin: true });
    const t = target(fixture.url);
    const findings = await runHttpChecks(t, { ...context(), negotiatedVersion: (await open(t)).protocolVersion });
    expect(findings).toEqual([
      expect.objectContaining({ rule: "origin-not-checked", severity: "error", detail: "Origin https://tether-origin-check.invalid answered HTTP 200" }),
    ]);
  });

  it("a server that ignores MCP-Protocol-Version is an error", async () => {
    const fixture = await streamable({ ignoreProtocolVersion: true });
    const t = target(fixture.url);
    const findings = await runHttpChecks(t, { ...context(), negotiatedVersion: (await open(t)).protocolVersion });
    expect(findings).toEqual([
      expect.objectContaining({ rule: "protocol-version-header-ignored", severity: "error", detail: "MCP-Protocol-Version 1999-01-01 answered HTTP 200" }),
    ]);
  });

  it("the header check is skipped for a revision that predates the header", async () => {
    const fixture = await streamable({ ignoreProtocolVersion: true });
    expect(await checkRules(target(fixture.url), "2025-03-26")).toEqual([]);
  });

  it("a server that keeps deleted sessions alive is an error", async () => {
    const fixture = await streamable({ keepDeletedSessions: true });
    const { rules } = await openAndCheck(target(fixture.url));
    expect(rules).toEqual(["deleted-session-still-alive"]);
  });
});

describe("behind OAuth", () => {
  const oauth = (metadata: OAuthVariant) => streamable({ oauth: { metadata, token: TOKEN } });

  it("without a token the session fails as auth, saying the server needs OAuth, and discovery is complete", async () => {
    const fixture = await oauth("complete");
    const t = target(fixture.url);
    const failed = await negotiateHttpSession(t, context()).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(SessionOpenError);
    expect((failed as SessionOpenError).failure).toEqual({
      errorClass: "auth",
      message: `The server requires OAuth (authorization server ${fixture.origin}/auth); configure a valid access token in the headers`,
      retryable: false,
    });
    const findings = await runHttpChecks(t, context());
    expect(findings.map((f) => f.rule).sort()).toEqual(["http-checks-need-credentials", "oauth-required"]);
    expect(findings.find((f) => f.rule === "oauth-required")).toMatchObject({ severity: "info", detail: `${fixture.origin}/auth` });
  });

  it("with the token, the session opens and every other check runs clean; the token never shows", async () => {
    const fixture = await oauth("complete");
    const t = target(fixture.url, { Authorization: `Bearer ${TOKEN}` });
    const session = await open(t);
    expect(session.protocolVersion).toBe("2025-11-25");
    const findings = await runHttpChecks(t, { ...context(), negotiatedVersion: session.protocolVersion });
    expect(findings.map((f) => f.rule)).toEqual(["oauth-required"]);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });

  it("metadata found only at the path-suffixed well-known URL is fine; the missing resource_metadata is info", async () => {
    const fixture = await oauth("well-known-only");
    expect(await checkRules(target(fixture.url))).toEqual(["http-checks-need-credentials", "oauth-required", "oauth-www-authenticate-no-resource-metadata"]);
  });

  it("an authorization server with only OpenID Connect discovery is found through the fallback", async () => {
    const fixture = await oauth("openid-only");
    expect(await checkRules(target(fixture.url))).toEqual(["http-checks-need-credentials", "oauth-required"]);
  });

  it("no protected-resource metadata anywhere is an error, and the session failure says discovery is broken", async () => {
    const fixture = await oauth("no-metadata");
    const failed = await negotiateHttpSession(target(fixture.url), context()).catch((err: unknown) => err);
    expect((failed as SessionOpenError).failure).toMatchObject({
      errorClass: "auth",
      message: expect.stringContaining("its OAuth discovery is broken: The server requires authorization but publishes no OAuth protected-resource metadata"),
    });
    const findings = await runHttpChecks(target(fixture.url), context());
    expect(findings.map((f) => f.rule).sort()).toEqual([
      "http-checks-need-credentials",
      "oauth-protected-resource-missing",
      "oauth-www-authenticate-no-resource-metadata",
    ]);
    expect(findings.find((f) => f.rule === "oauth-protected-resource-missing")).toMatchObject({
      severity: "error",
      detail: "tried /.well-known/oauth-protected-resource/mcp (HTTP 404), /.well-known/oauth-protected-resource (HTTP 404)",
    });
  });

  it("a document for another resource is an error", async () => {
    const fixture = await oauth("wrong-resource");
    expect(await checkRules(target(fixture.url))).toEqual(["http-checks-need-credentials", "oauth-required", "oauth-resource-mismatch"]);
  });

  it("a resource_metadata URL at the cloud metadata address is refused by the SSRF guard, never fetched", async () => {
    const fixture = await oauth("metadata-ssrf");
    const findings = await runHttpChecks(target(fixture.url), context());
    expect(findings.map((f) => f.rule).sort()).toEqual(["http-checks-need-credentials", "oauth-resource-metadata-unreachable"]);
    expect(findings.find((f) => f.rule === "oauth-resource-metadata-unreachable")?.detail).toContain(
      "Refused to connect to 169.254.169.254 (cloud metadata address)",
    );
  });

  it("an authorization server without metadata is an error", async () => {
    const fixture = await oauth("no-as-metadata");
    const findings = await runHttpChecks(target(fixture.url), context());
    expect(findings.find((f) => f.rule === "oauth-authorization-server-metadata-missing")).toMatchObject({
      severity: "error",
      subject: `${fixture.origin}/nowhere`,
    });
  });
});

describe("legacy HTTP+SSE (the SDK's SSEServerTransport)", () => {
  it("an http target falls back to HTTP+SSE after the POST is refused, and says so", async () => {
    const fixture = await startLegacySseFixture();
    running.push(fixture);
    const { session, rules } = await openAndCheck(target(fixture.url));
    expect(session.transport).toBe("sse");
    expect(session.notes.map((n) => [n.rule, n.detail])).toEqual([["legacy-sse-transport", "streamable HTTP POST answered HTTP 405"]]);
    const listed = await session.request("tools/list");
    expect((listed.tools as unknown[]).length).toBe(2);
    // Origin is checked on the GET that opens the stream; the fixture refuses a foreign one.
    expect(rules).toEqual([]);
  });

  it("an HTTP+SSE server whose GET serves any Origin is an error", async () => {
    const fixture = await startLegacySseFixture({ acceptAnyOrigin: true });
    running.push(fixture);
    const findings = await runHttpChecks(target(fixture.url, {}, "sse"), context());
    expect(findings).toEqual([expect.objectContaining({ rule: "origin-not-checked", subject: `GET ${fixture.url}` })]);
  });

  it("an sse target goes to HTTP+SSE directly", async () => {
    const fixture = await startLegacySseFixture();
    running.push(fixture);
    const session = await open(target(fixture.url, {}, "sse"));
    expect(session.transport).toBe("sse");
    expect(session.notes.map((n) => n.detail)).toEqual(["configured as sse"]);
  });
});

describe("revision 2026-07-28 (server/discover)", () => {
  it("negotiates through server/discover without initialize, lists and calls tools statelessly, and passes the checks", async () => {
    const fixture = await startModernFixture();
    running.push(fixture);
    const { session, rules } = await openAndCheck(target(fixture.url));
    expect(session).toMatchObject({ transport: "http", protocolVersion: "2026-07-28", server: { name: "tether-modern-fixture", version: "2.0.0" }, notes: [] });
    expect(session.capabilities).toEqual({ tools: {} });
    expect(session.instructions).toBe("An echo server.");
    const listed = await session.request("tools/list");
    expect((listed.tools as { name: string }[]).map((t) => t.name)).toEqual(["echo"]);
    const called = await session.request("tools/call", { name: "echo", arguments: { text: "héllo" } });
    expect(called.content).toEqual([{ type: "text", text: "echo: héllo" }]);
    expect(fixture.methods).not.toContain("initialize");
    expect(fixture.methods[0]).toBe("server/discover");
    expect(rules).toEqual([]);
  });

  it("a modern server offering only a revision Tether does not speak fails as protocol, without falling back", async () => {
    const fixture = await startModernFixture({ versions: ["2099-01-01"] });
    running.push(fixture);
    const failed = await negotiateHttpSession(target(fixture.url), context()).catch((err: unknown) => err);
    expect((failed as SessionOpenError).failure).toEqual({
      errorClass: "protocol",
      message: "The server speaks stateless MCP but not as Tether does (it supports only 2099-01-01)",
      retryable: false,
    });
    expect(fixture.methods).toEqual(["server/discover"]);
  });

  it("a JSON-RPC error from a modern server is thrown as the SDK's McpError", async () => {
    const fixture = await startModernFixture();
    running.push(fixture);
    const session = await open(target(fixture.url));
    await expect(session.request("prompts/list")).rejects.toMatchObject({ name: "McpError", code: -32601 });
  });
});
