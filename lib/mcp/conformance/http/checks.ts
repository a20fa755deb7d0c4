// The HTTP-only checks (protected-resource metadata per RFC 9728, the authorization server's metadata, a foreign
// Origin refused, the MCP-Protocol-Version header honoured, a deleted session answering 404). Run by the engine
// (lib/mcp/conformance/index.ts) for "http" and "sse" targets after the protocol and content checks, with the
// session's negotiated revision. Signature stable; the checks themselves are not written yet, so none are found.
import type { Finding } from "../../types";
import type { HttpTarget, SessionContext } from "../session";

export interface HttpCheckContext extends SessionContext {
  /** The revision the main session negotiated, when one was set up. */
  negotiatedVersion?: string;
}

export async function httpChecks(_target: HttpTarget, _ctx: HttpCheckContext): Promise<Finding[]> {
  return [];
}
