// The MCP conformance engine: opens a session with a target, learns what it serves (every list walked, the smoke
// call made), runs every check family of ./registry.ts over that, then the HTTP-only checks for HTTP targets.
// Used by the MCP probe (each run) and by `tether mcp check`. Never throws for anything the server does: a
// session that cannot be set up is `connected: false` with the probe's error class, one that breaks off midway
// keeps what was learned and says so in `broken`.
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { DEFAULT_OUTBOUND_POLICY, type OutboundPolicy } from "../../security/outbound";
import type { ConformanceReport, McpTarget } from "../types";
import { toToolDefinition, type ServerFacts } from "./facts";
import { classifyMcpFailure } from "./failure";
import { httpChecks } from "./http/checks";
import { openSession } from "./open";
import { DEFAULT_PAGE_CAP, walkList } from "./pagination";
import { CHECKS } from "./registry";
import { SessionOpenError, type McpSession, type SessionContext } from "./session";
import { smokeCall } from "./smoke";

export type { McpSession, SessionContext } from "./session";
export { SessionOpenError } from "./session";
export { openSession } from "./open";
export { CHECKS } from "./registry";
export { KNOWN_REVISIONS, INITIALIZE_REVISIONS, DISCOVER_REVISION, LATEST_INITIALIZE_REVISION } from "./protocol";

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ConformanceOptions {
  /** Ends everything when it fires (a deadline for the whole check). */
  signal?: AbortSignal;
  /** Per-request timeout; 30 s by default. */
  timeoutMs?: number;
  /** Which network destinations HTTP requests may reach; public addresses only by default. */
  outbound?: OutboundPolicy;
  /** The revision to ask for in initialize; the latest the SDK knows by default. */
  protocolVersion?: string;
  /** One tool to call, whose result is checked against its outputSchema. */
  smokeTool?: { name: string; arguments: Record<string, unknown> };
  /** The most pages read of each list; 50 by default. */
  pageCap?: number;
  /** Run the HTTP-only checks for HTTP targets (default true). */
  httpChecks?: boolean;
  now?: () => number;
}

export async function runConformance(target: McpTarget, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const ctx: SessionContext = {
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    outbound: options.outbound ?? DEFAULT_OUTBOUND_POLICY,
    protocolVersion: options.protocolVersion,
  };
  const requestedVersion = options.protocolVersion ?? LATEST_PROTOCOL_VERSION;

  let session: McpSession;
  try {
    session = await openSession(target, ctx);
  } catch (err) {
    const failure = err instanceof SessionOpenError ? err.failure : classifyMcpFailure(err, {}, ctx.timeoutMs);
    // Refused for want of credentials: the HTTP checks still tell whether the OAuth discovery a client needs works.
    const findings =
      failure.errorClass === "auth" && target.transport !== "stdio" && options.httpChecks !== false && !ctx.signal.aborted
        ? await httpChecks(target, { ...ctx, negotiatedVersion: undefined })
        : [];
    return { connected: false, failure, transport: target.transport, tools: [], findings, durationMs: now() - started };
  }

  const report: ConformanceReport = {
    connected: true,
    transport: session.transport,
    protocolVersion: session.protocolVersion,
    server: session.server,
    capabilities: session.capabilities,
    tools: [],
    findings: [...session.notes],
    durationMs: 0,
  };
  try {
    const caps = session.capabilities;
    const pageCap = options.pageCap ?? DEFAULT_PAGE_CAP;
    const tools = await walkList(session, "tools/list", !!caps.tools, pageCap);
    const resources = await walkList(session, "resources/list", !!caps.resources, pageCap);
    const resourceTemplates = await walkList(session, "resources/templates/list", !!caps.resources, pageCap);
    const prompts = await walkList(session, "prompts/list", !!caps.prompts, pageCap);
    const byName = new Map<string, NonNullable<ReturnType<typeof toToolDefinition>>>();
    for (const item of tools.items) {
      const tool = toToolDefinition(item);
      if (tool && !byName.has(tool.name)) byName.set(tool.name, tool);
    }
    const facts: ServerFacts = {
      session,
      requestedVersion,
      tools,
      resources,
      resourceTemplates,
      prompts,
      toolDefinitions: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
    report.tools = facts.toolDefinitions;
    if (resources.advertised) report.resources = resources.items.flatMap((r) => (typeof r.uri === "string" ? [{ uri: r.uri, name: str(r.name) }] : []));
    if (resourceTemplates.advertised)
      report.resourceTemplates = resourceTemplates.items.flatMap((t) =>
        typeof t.uriTemplate === "string" ? [{ uriTemplate: t.uriTemplate, name: str(t.name) }] : [],
      );
    if (prompts.advertised) report.prompts = prompts.items.flatMap((p) => (typeof p.name === "string" ? [{ name: p.name }] : []));

    if (options.smokeTool) {
      facts.smoke = await smokeCall(session, options.smokeTool, [...byName.keys()]);
      const { result: _result, ...smoke } = facts.smoke!;
      report.smoke = smoke;
    }
    for (const check of CHECKS) report.findings.push(...check(facts));
  } catch (err) {
    report.broken = session.describeFailure(err);
  } finally {
    await session.close();
  }
  if (target.transport !== "stdio" && options.httpChecks !== false && !report.broken && !ctx.signal.aborted) {
    report.findings.push(...(await httpChecks(target, { ...ctx, negotiatedVersion: report.protocolVersion })));
  }
  report.durationMs = now() - started;
  return report;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
