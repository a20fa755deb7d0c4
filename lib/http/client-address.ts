// Who is calling: the socket's peer, or, only when that peer is a trusted proxy (TETHER_TRUSTED_PROXIES, addresses
// or CIDRs), the nearest untrusted hop of X-Forwarded-For. Without that setting X-Forwarded-For is ignored, so a
// client cannot pick its own address and slip the per-address sign-in and probe limits. Pure apart from ipaddr.js.
import ipaddr from "ipaddr.js";

export type TrustedProxies = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

/** The header our own server (lib/http/web-server.ts) sets from the socket; any copy a client sends is removed first. */
export const CLIENT_ADDRESS_HEADER = "x-tether-client-address";

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let value = text.trim();
  // "[::1]:443" and "1.2.3.4:5678" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (!ipaddr.isValid(value)) return null;
  const parsed = ipaddr.parse(value);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** Parses `10.0.0.0/8, 127.0.0.1, ::1`; throws with the entry that is not an address or CIDR. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (!value?.trim()) return [];
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry.includes("/")) {
        try {
          const [address, bits] = ipaddr.parseCIDR(entry);
          const normal = address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
          return [normal, normal.kind() === address.kind() ? bits : bits - 96] as [ipaddr.IPv4 | ipaddr.IPv6, number];
        } catch {
          throw new Error(`TETHER_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range`);
        }
      }
      const address = parseAddress(entry);
      if (!address) throw new Error(`TETHER_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range`);
      return [address, address.kind() === "ipv4" ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    });
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * The client's address for a request that reached us from `peer` with this X-Forwarded-For. Trusted proxies are
 * skipped from the right (each appends the address it saw); the first hop that is not one is the client.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const peerAddress = peer ? parseAddress(peer) : null;
  if (!peerAddress) return "unknown";
  if (!isTrusted(peerAddress, trusted)) return peerAddress.toString();
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let client = peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    // A hop that is no address was written by something we do not trust: stop at the last good one.
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client.toString();
}

const TRUSTED_HEADER = Symbol.for("tether.clientAddressHeader");
type Flagged = typeof globalThis & { [TRUSTED_HEADER]?: boolean };

/**
 * Sets CLIENT_ADDRESS_HEADER on a request as it arrives at our own server, replacing any copy the client sent,
 * and marks the header as ours for this process (route handlers run in the same process, in Next's bundle).
 */
export function stampClientAddress(
  req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } },
  trusted: TrustedProxies,
): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  (globalThis as Flagged)[TRUSTED_HEADER] = true;
}

/**
 * The client's address as our server stamped it; "unknown" under a server that does not stamp it (`next dev`),
 * where no header can be believed.
 */
export function requestClientAddress(header: (name: string) => string | null | undefined): string {
  if (!(globalThis as Flagged)[TRUSTED_HEADER]) return "unknown";
  return header(CLIENT_ADDRESS_HEADER) || "unknown";
}
