// Maps network-level errors from Node and undici to the probe error classes shown to users.
import type { ProbeErrorClass } from "./types";

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ENODATA"]);
const CONNECT = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED"]);
const TIMEOUT = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ABORT_ERR"]);

/**
 * The first error code on `err` or its causes, with the error that carries it. Wrappers such as undici's
 * fetch ("fetch failed") keep the real error, and its code, in `cause`.
 */
function codeOf(err: unknown): { code: string; carrier: unknown } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return { code, carrier: e };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function classifyNetworkError(err: unknown): { errorClass: ProbeErrorClass; message: string } {
  const found = codeOf(err);
  const code = found?.code;
  const message = messageOf(err);
  const name = err instanceof Error ? err.name : "";
  // The SSRF guard's refusal names the address and the reason: report its words, not a wrapper's.
  if (code === "ERR_TETHER_BLOCKED_ADDRESS") return { errorClass: "blocked", message: messageOf(found!.carrier) };
  if (code && DNS.has(code)) return { errorClass: "dns", message: `DNS lookup failed (${code})` };
  if (code && CONNECT.has(code)) return { errorClass: "connect", message: `Connection failed (${code})` };
  if ((code && TIMEOUT.has(code)) || name === "AbortError" || name === "TimeoutError") return { errorClass: "timeout", message: "Timed out" };
  if (code && (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT")) {
    return { errorClass: "tls", message: `TLS handshake failed (${code})` };
  }
  return { errorClass: "unknown", message: code ? `${message} (${code})` : message };
}
