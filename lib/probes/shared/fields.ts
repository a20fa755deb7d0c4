// The host and port fields every network probe kind asks for, with the messages its form shows. Pure zod: the
// kinds' config schemas also validate forms in the browser, so nothing here may import node: modules.
import { z } from "zod";

// Letters, digits, hyphens and underscores (Docker service names, SRV-style labels such as _sip), dot-separated
// labels of at most 63 characters, an optional final dot.
const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
// An IPv6 zone ("fe80::1%eth0"): the SSRF guard reads it, zod's IPv6 format does not.
const ZONE = /%[A-Za-z0-9_.-]+$/;
const HOST_WITH_PORT = /^[^:]+:\d*$/;
const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** A blank form value means "not given", so an optional or defaulted field accepts an empty input. */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

/** A host name or an IP literal (IPv6 possibly bracketed, possibly with a zone). */
function isHost(host: string): boolean {
  const bare = unbracket(host);
  return HOST_NAME.test(bare) || ipv4.safeParse(bare).success || ipv6.safeParse(bare.replace(ZONE, "")).success;
}

interface Wording {
  missingHost: string;
  longHost: string;
  withScheme: string;
  withPort: string;
  invalidHost: string;
  missingPort: string;
  portRange: string;
}

// A plain network check (TCP, TLS) has no scheme to name: any scheme, port or path is the same mistake.
const NETWORK_TARGET = "Enter a host name or IP address, without a scheme, port or path";
const NETWORK_WORDING: Wording = {
  missingHost: "Enter a host name or IP address",
  longHost: NETWORK_TARGET,
  withScheme: NETWORK_TARGET,
  withPort: NETWORK_TARGET,
  invalidHost: NETWORK_TARGET,
  missingPort: "Enter a port number",
  portRange: "The port must be between 1 and 65535",
};

function serviceWording(scheme: string): Wording {
  return {
    missingHost: "Enter the host name or IP address",
    longHost: "A host name is at most 253 characters",
    withScheme: `Enter only the host name, without ${scheme}://`,
    withPort: "Put the port in the Port field, not in the host",
    invalidHost: "Not a valid host name or IP address",
    missingPort: "Enter the port number",
    portRange: "Ports run from 1 to 65535",
  };
}

/**
 * The host and port fields of a kind. With `scheme` (a service people reach by a URL such as postgres://), the
 * messages name the scheme and the Port field; without it (TCP, TLS), they speak of any host and port. The host
 * is trimmed and loses IPv6 brackets; the SSRF guard judges it at run time. The port is a bare number: add
 * `.default(...)`, `.optional()` or a blank-to-undefined preprocess as the kind needs.
 */
export function addressFields(scheme?: string) {
  const wording = scheme === undefined ? NETWORK_WORDING : serviceWording(scheme);
  const host = z
    .string({ error: wording.missingHost })
    .trim()
    .min(1, { error: wording.missingHost, abort: true })
    .max(253, { error: wording.longHost, abort: true })
    .superRefine((value, ctx) => {
      if (value.includes("://")) ctx.addIssue({ code: "custom", message: wording.withScheme });
      else if (HOST_WITH_PORT.test(value)) ctx.addIssue({ code: "custom", message: wording.withPort });
      else if (!isHost(value)) ctx.addIssue({ code: "custom", message: wording.invalidHost });
    })
    .transform(unbracket);
  const port = z.number({ error: wording.missingPort }).int("The port is a whole number").min(1, wording.portRange).max(65_535, wording.portRange);
  return { host, port };
}

/** An RFC 9110 token: what a header name may be. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Request headers a check sends (values may hold {{secret.NAME}}): the MCP and GraphQL kinds' list. */
export const headerListSchema = z
  .array(
    z.object({
      name: z.string().trim().regex(HEADER_NAME, "Not a valid header name"),
      value: z.string().max(4_096, "A header value may be at most 4096 characters"),
    }),
  )
  .max(50, "At most 50 headers")
  .default([]);
