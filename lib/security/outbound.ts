// Outbound-request safety (SSRF guard) for probe and webhook-forward targets. The real guard is the undici
// connector from createSafeDispatcher: it resolves the name itself, classifies every address, and opens the
// socket only to an address it has just checked, so DNS rebinding and odd IP spellings cannot slip past it and
// every redirect hop is checked again. Cloud metadata addresses are refused under every policy.
import dns, { type LookupAddress } from "node:dns";
import net, { type Socket } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, type Dispatcher } from "undici";
import { z } from "zod";

export const BLOCKED_ADDRESS_CODE = "ERR_TETHER_BLOCKED_ADDRESS";

export interface OutboundPolicy {
  /** Lets targets on loopback, private, link-local, CGNAT and other non-public ranges through. Never metadata. */
  allowPrivateNetworks: boolean;
}

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = { allowPrivateNetworks: false };

export type AddressCategory = "public" | "metadata" | "loopback" | "private" | "link_local" | "cgnat" | "unspecified" | "multicast" | "reserved" | "invalid";

export interface AddressVerdict {
  /** The address in canonical form (IPv4 dotted decimal, IPv6 RFC 5952): the form that is connected to. */
  address: string;
  category: AddressCategory;
  allowed: boolean;
  /** Why it was refused; absent when allowed. */
  reason?: string;
}

/** Why a URL or address was refused: an address category, or a URL that is not one we may fetch at all. */
export type BlockedCategory = Exclude<AddressCategory, "public"> | "scheme";

export class BlockedAddressError extends Error {
  readonly code = BLOCKED_ADDRESS_CODE;
  readonly category: BlockedCategory;
  /** The refused IP address (or host name, when refused by name before any lookup). */
  readonly address: string;
  readonly hostname?: string;

  constructor(args: { category: BlockedCategory; address: string; hostname?: string; reason: string; message?: string }) {
    // Only the host and address are named: paths, queries and credentials in the URL may be secret.
    const target = args.hostname && args.hostname !== args.address ? `${args.address} for ${args.hostname}` : args.address;
    super(args.message ?? `Refused to connect to ${target} (${args.reason})`);
    this.name = "BlockedAddressError";
    this.category = args.category;
    this.address = args.address;
    this.hostname = args.hostname;
  }
}

export function isBlockedAddressError(err: unknown): err is BlockedAddressError {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === BLOCKED_ADDRESS_CODE;
}

// Instance-metadata and credential endpoints, as published by the providers. Exact addresses: the ranges around
// them are already non-public, and these stay refused even when private networks are allowed.
const METADATA_V4 = new Set([
  "169.254.169.254", // AWS, GCP, Azure, Oracle, OpenStack, DigitalOcean, Hetzner...
  "169.254.170.2", // AWS ECS task credentials
  "169.254.170.23", // AWS EKS Pod Identity
  "169.254.0.23", // Tencent Cloud
  "100.100.100.200", // Alibaba Cloud
  "168.63.129.16", // Azure WireServer (a public address, hence listed)
  "192.0.0.192", // Oracle Cloud, legacy
]);
const METADATA_V6 = new Set([
  "fd00:ec2::254", // AWS IMDS over IPv6
  "fd00:ec2::23", // AWS EKS Pod Identity over IPv6
  "fe80::a9fe:a9fe", // OpenStack metadata over IPv6
]);
// Names refused before any lookup: they only ever mean the metadata server, whatever DNS says today.
const METADATA_HOSTNAMES = new Set(["metadata.google.internal", "metadata.goog"]);

const REASONS: Record<Exclude<AddressCategory, "public">, string> = {
  metadata: "cloud metadata address",
  loopback: "loopback address",
  private: "private network address",
  link_local: "link-local address",
  cgnat: "carrier-grade NAT address",
  unspecified: "unspecified address",
  multicast: "multicast address",
  reserved: "reserved or non-routable address",
  invalid: "not an IP address",
};
const PRIVATE_DISABLED = "private network targets are not allowed";

type Classified = { address: string; category: AddressCategory; detail?: string };

function classifyV4(addr: ipaddr.IPv4): Classified {
  const address = addr.toString();
  if (METADATA_V4.has(address)) return { address, category: "metadata" };
  switch (addr.range()) {
    case "unicast":
    case "amt":
    case "as112":
      return { address, category: "public" };
    case "loopback":
      return { address, category: "loopback" };
    case "private":
      return { address, category: "private" };
    case "linkLocal":
      return { address, category: "link_local" };
    case "carrierGradeNat":
      return { address, category: "cgnat" };
    case "unspecified":
      return { address, category: "unspecified" };
    case "multicast":
      return { address, category: "multicast" };
    default:
      // broadcast, reserved, benchmarking, documentation... and any range a newer ipaddr.js adds: fail closed.
      return { address, category: "reserved" };
  }
}

function v4FromParts(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

type EmbedKind = "mapped" | "nat64" | "nat64_local" | "6to4" | "compatible" | "translated";

/** IPv4 addresses an IPv6 address carries inside it, where traffic to it may end up at that IPv4 address. */
function embeddedV4(addr: ipaddr.IPv6): { v4: ipaddr.IPv4[]; kind: EmbedKind } | null {
  const p = addr.parts as [number, number, number, number, number, number, number, number];
  const range = addr.range();
  if (range === "ipv4Mapped") return { v4: [v4FromParts(p[6], p[7])], kind: "mapped" };
  if (range === "rfc6145") return { v4: [v4FromParts(p[6], p[7])], kind: "translated" };
  if (range === "6to4") return { v4: [v4FromParts(p[1], p[2])], kind: "6to4" };
  if (range === "rfc6052") {
    if (p[1] === 0xff9b && p[2] === 0) return { v4: [v4FromParts(p[6], p[7])], kind: "nat64" };
    // Local-use prefix 64:ff9b:1::/48 (RFC 8215): the operator picks the prefix length, so every RFC 6052
    // position is a candidate (bits 64-71 are the reserved "u" octet).
    const byte = (i: number) => (i % 2 === 0 ? p[i / 2]! >> 8 : p[(i - 1) / 2]! & 0xff);
    const at = (...idx: number[]) => new ipaddr.IPv4(idx.map(byte));
    return { v4: [at(6, 7, 9, 10), at(7, 9, 10, 11), at(9, 10, 11, 12), at(12, 13, 14, 15)], kind: "nat64_local" };
  }
  // Deprecated IPv4-compatible ::a.b.c.d (RFC 4291 2.5.5.1); :: and ::1 are not this.
  if (p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || p[7] > 1)) return { v4: [v4FromParts(p[6], p[7])], kind: "compatible" };
  return null;
}

const EMBED_LABEL: Record<EmbedKind, string> = {
  mapped: "IPv4-mapped",
  nat64: "NAT64",
  nat64_local: "local-use NAT64",
  "6to4": "6to4",
  compatible: "IPv4-compatible",
  translated: "IPv4-translated",
};

function classifyV6(addr: ipaddr.IPv6): Classified {
  const address = addr.toString();
  const bare = address.split("%")[0]!; // a zone id does not change where the address points
  if (METADATA_V6.has(bare)) return { address, category: "metadata" };

  const embedded = embeddedV4(addr);
  if (embedded) {
    const inner = embedded.v4.map(classifyV4);
    const label = EMBED_LABEL[embedded.kind];
    const metadata = inner.find((c) => c.category === "metadata");
    if (metadata) return { address, category: "metadata", detail: `${metadata.address} embedded via ${label}` };
    // Local-use NAT64 only exists inside an operator's network; its other candidate positions are just noise.
    if (embedded.kind === "nat64_local") return { address, category: "private", detail: label };
    const worst = inner.find((c) => c.category !== "public");
    if (worst) return { address, category: worst.category, detail: `${worst.address} embedded via ${label}` };
    // A public IPv4 behind a mapped/NAT64/6to4 address is an ordinary public target; the deprecated forms are not.
    if (embedded.kind === "compatible" || embedded.kind === "translated") return { address, category: "reserved", detail: `deprecated ${label} form` };
    return { address, category: "public" };
  }

  // As string: ipaddr.js returns range names (deprecatedSiteLocal, discard...) that its type does not list.
  switch (addr.range() as string) {
    case "unicast":
    case "amt":
    case "as112v6":
      // Only 2000::/3 is allocated for global unicast; anything else ipaddr.js calls unicast is unassigned space.
      return addr.match(ipaddr.IPv6.parse("2000::"), 3) ? { address, category: "public" } : { address, category: "reserved" };
    case "loopback":
      return { address, category: "loopback" };
    case "uniqueLocal":
    case "deprecatedSiteLocal":
      return { address, category: "private" };
    case "linkLocal":
      return { address, category: "link_local" };
    case "unspecified":
      return { address, category: "unspecified" };
    case "multicast":
      return { address, category: "multicast" };
    default:
      // Teredo hides its real endpoint; documentation, benchmarking, ORCHID, discard... are not targets.
      return { address, category: "reserved" };
  }
}

function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    if (!text.includes(":")) return ipaddr.IPv4.parse(text); // dotted, short, octal and hex forms, as inet_aton
    // IPv6 goes through the WHATWG host parser first: ipaddr.js reads "::a.b.c.d" as IPv4-mapped, where the OS
    // (and a URL) mean IPv4-compatible, and the address we classify must be the one we connect to.
    const zone = text.indexOf("%");
    const bare = zone === -1 ? text : text.slice(0, zone);
    const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    const v6 = ipaddr.IPv6.parse(canonical);
    if (zone !== -1) v6.zoneId = text.slice(zone + 1);
    return v6;
  } catch {
    return null;
  }
}

/**
 * Classifies one IP address (any spelling ipaddr.js accepts: `127.1`, `0x7f.1`, `::ffff:7f00:1`...) under a
 * policy. Pure. Metadata is never allowed; other non-public categories only with `allowPrivateNetworks`.
 */
export function classifyAddress(ip: string, policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY): AddressVerdict {
  const text = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const parsed = parseIp(text);
  if (!parsed) return { address: ip, category: "invalid", allowed: false, reason: REASONS.invalid };
  const c = parsed.kind() === "ipv4" ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
  if (c.category === "public") return { address: c.address, category: "public", allowed: true };
  const base = c.detail ? `${REASONS[c.category]}: ${c.detail}` : REASONS[c.category];
  if (c.category === "metadata" || c.category === "invalid") return { address: c.address, category: c.category, allowed: false, reason: base };
  if (policy.allowPrivateNetworks) return { address: c.address, category: c.category, allowed: true };
  return { address: c.address, category: c.category, allowed: false, reason: `${base}; ${PRIVATE_DISABLED}` };
}

function blocked(verdict: AddressVerdict, hostname?: string): BlockedAddressError {
  return new BlockedAddressError({
    category: verdict.category as BlockedCategory,
    address: verdict.address,
    hostname,
    reason: verdict.reason ?? REASONS.invalid,
  });
}

function unbracket(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

function refuseMetadataName(host: string): BlockedAddressError | null {
  const name = host.toLowerCase().replace(/\.$/, "");
  return METADATA_HOSTNAMES.has(name) ? new BlockedAddressError({ category: "metadata", address: name, reason: "cloud metadata host name" }) : null;
}

/**
 * Cheap pre-check for forms: http(s) only, metadata and (unless allowed) localhost names refused, literal-IP
 * hosts classified. It does not resolve names; the connect-time check in createSafeDispatcher is the real guard.
 */
export function assertSafeUrl(url: string | URL, policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY): URL {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw new BlockedAddressError({ category: "invalid", address: "", reason: "", message: "Not a valid URL" });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new BlockedAddressError({
      category: "scheme",
      address: parsed.protocol,
      reason: "",
      message: `Refused URL scheme ${parsed.protocol} (only http: and https: are allowed)`,
    });
  }
  const host = unbracket(parsed.hostname);
  if (net.isIP(host)) {
    const verdict = classifyAddress(host, policy);
    if (!verdict.allowed) throw blocked(verdict);
    return parsed;
  }
  const byName = refuseMetadataName(host);
  if (byName) throw byName;
  // Only a form hint (RFC 6761 names); at connect time localhost is refused for the address it resolves to.
  const name = host.replace(/\.$/, ""); // URL hostnames are already lower-case
  if (!policy.allowPrivateNetworks && (name === "localhost" || name.endsWith(".localhost"))) {
    throw new BlockedAddressError({ category: "loopback", address: name, reason: `loopback host name; ${PRIVATE_DISABLED}` });
  }
  return parsed;
}

const envSchema = z.object({
  TETHER_ALLOW_PRIVATE_TARGETS: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["true", "false"]).default("false")),
});

/** Reads TETHER_ALLOW_PRIVATE_TARGETS ("true" | "false", default false); any other value fails loudly. */
export function outboundPolicyFromEnv(env: Record<string, string | undefined> = process.env): OutboundPolicy {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error('Invalid configuration:\n  TETHER_ALLOW_PRIVATE_TARGETS: must be "true" or "false"');
  return { allowPrivateNetworks: parsed.data.TETHER_ALLOW_PRIVATE_TARGETS === "true" };
}

/** The resolver shape the guard needs; `dns.lookup` itself fits. */
export type LookupFunction = (
  hostname: string,
  options: { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface SafeConnectorOptions extends OutboundPolicy {
  /** Name resolver; defaults to the system's (`dns.lookup`). */
  lookup?: LookupFunction;
  /** Connect timeout per address, in ms (undici's default is 10 s). */
  connectTimeoutMs?: number;
  /**
   * Opens the socket once an address has passed the check; it only ever receives IP literals. Defaults to
   * undici's own connector. Tests inject one that cannot leave the machine, to prove the guard refuses first.
   */
  transport?: buildConnector.connector;
}

// Worth trying the next resolved address after these; anything else (TLS, a refusal) ends the attempt.
const TRY_NEXT = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * An undici connector that refuses non-allowed targets at connect time. Literal IPs are classified as given;
 * names are resolved here, once, every answer is classified (one bad answer refuses the whole name, so a
 * mixed public/private record cannot be played), and the socket is opened to those very addresses.
 */
export function createGuardedConnector(opts: SafeConnectorOptions): buildConnector.connector {
  const policy: OutboundPolicy = { allowPrivateNetworks: opts.allowPrivateNetworks };
  const lookup: LookupFunction = opts.lookup ?? dns.lookup;
  const transport = opts.transport ?? buildConnector(opts.connectTimeoutMs === undefined ? {} : { timeout: opts.connectTimeoutMs });

  const connectTo = (addresses: string[], options: buildConnector.Options, hostname: string | undefined, callback: buildConnector.Callback) => {
    // Keep SNI and certificate checks on the name the caller asked for, not on the IP we connect to.
    const servername = options.servername || (hostname && !net.isIP(hostname) ? hostname : undefined);
    let i = 0;
    const attempt = () => {
      const ip = addresses[i++]!;
      // Never hand the transport anything but an IP literal: a name there would be resolved again, unchecked.
      if (!net.isIP(ip)) return callback(blocked({ address: ip, category: "invalid", allowed: false, reason: REASONS.invalid }, hostname), null);
      transport({ ...options, hostname: ip, servername }, (err, socket) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (i < addresses.length && code && TRY_NEXT.has(code)) return attempt();
          return callback(err, null);
        }
        // Belt and braces: the peer we ended up talking to must itself pass.
        const peer = (socket as Socket).remoteAddress;
        const verdict = peer ? classifyAddress(peer, policy) : null;
        if (verdict && !verdict.allowed) {
          (socket as Socket).destroy();
          return callback(blocked(verdict, hostname), null);
        }
        callback(null, socket as Socket);
      });
    };
    attempt();
  };

  return (options, callback) => {
    // The name is resolved as given (a trailing dot or case change could alter what DNS answers), every
    // answer is checked, and only checked IP literals reach the transport.
    const host = unbracket(options.hostname);
    resolveSafeAddresses(host, policy, lookup).then(
      (addresses) => connectTo(addresses, options, net.isIP(host) ? undefined : host, callback),
      (err: Error) => callback(err, null),
    );
  };
}

export type SafeDispatcherOptions = SafeConnectorOptions;

// One agent per policy: agents pool connections, so one per request would defeat keep-alive and leak sockets.
const shared = new Map<boolean, Agent>();

/**
 * An undici dispatcher whose every connection goes through the guarded connector; redirect hops followed with
 * `interceptors.redirect` are connections too, so each is checked. Calls with only a policy share a cached
 * agent (do not close it; see closeSafeDispatchers). Calls with a custom lookup, timeout or transport get a
 * fresh agent that the caller owns and closes.
 */
export function createSafeDispatcher(opts: SafeDispatcherOptions): Dispatcher {
  const custom = opts.lookup !== undefined || opts.transport !== undefined || opts.connectTimeoutMs !== undefined;
  if (custom) return new Agent({ connect: createGuardedConnector(opts) });
  let agent = shared.get(opts.allowPrivateNetworks);
  if (!agent) {
    agent = new Agent({ connect: createGuardedConnector({ allowPrivateNetworks: opts.allowPrivateNetworks }) });
    shared.set(opts.allowPrivateNetworks, agent);
  }
  return agent;
}

/** Closes the cached agents, for a worker's graceful shutdown. */
export async function closeSafeDispatchers(): Promise<void> {
  const agents = [...shared.values()];
  shared.clear();
  await Promise.all(agents.map((a) => a.close()));
}

/**
 * Resolves a host for a client that opens its own sockets (database drivers, brokers, raw TCP/TLS) and returns
 * the checked IP addresses to connect to. Connecting to one of these, never to the name, keeps the check
 * DNS-rebinding safe; pass the original name as the TLS server name. Throws BlockedAddressError when any
 * answer is refused, as the HTTP connector does.
 */
export async function resolveSafeAddresses(hostname: string, policy: OutboundPolicy, lookup: LookupFunction = dns.lookup): Promise<string[]> {
  const host = unbracket(hostname);
  if (net.isIP(host)) {
    const verdict = classifyAddress(host, policy);
    if (!verdict.allowed) throw blocked(verdict);
    return [verdict.address];
  }
  const byName = refuseMetadataName(host);
  if (byName) throw byName;
  const answers = await new Promise<{ address: string; family: number }[]>((resolve, reject) =>
    lookup(host, { all: true }, (err, result) => (err ? reject(err) : resolve((result ?? []) as { address: string; family: number }[]))),
  );
  if (answers.length === 0) throw Object.assign(new Error(`DNS lookup for ${host} returned no addresses`), { code: "ENOTFOUND" });
  const verdicts = answers.map((a) => classifyAddress(a.address, policy));
  const refused = verdicts.find((v) => !v.allowed);
  if (refused) throw blocked(refused, host);
  return [...new Set(verdicts.map((v) => v.address))];
}
