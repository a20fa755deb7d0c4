import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("clientAddress", () => {
  it("without trusted proxies, uses the socket's peer and ignores a client's own X-Forwarded-For", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "10.9.9.9, 1.2.3.4", none)).toBe("127.0.0.1");
    expect(clientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
  });

  it("behind a trusted proxy, takes the nearest hop that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");
    expect(clientAddress("127.0.0.1", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // A client that forges its own hop in front gets the address the proxy saw, not the forged one.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.4", trusted)).toBe("198.51.100.7");
    expect(clientAddress("::1", "[2001:db8::1]:443", trusted)).toBe("2001:db8::1");
    // Only proxies all the way: the leftmost of them.
    expect(clientAddress("10.0.0.5", "10.0.0.9", trusted)).toBe("10.0.0.9");
    // No header at all: the proxy itself.
    expect(clientAddress("10.0.0.5", undefined, trusted)).toBe("10.0.0.5");
    // Garbage from upstream stops the walk at the last good hop.
    expect(clientAddress("10.0.0.5", "nonsense, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", "198.51.100.7, nonsense", trusted)).toBe("10.0.0.5");
  });

  it("a peer that is not trusted is the client even when a proxy list is configured", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", parseTrustedProxies("10.0.0.0/8"))).toBe("203.0.113.9");
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDRs, v4 and v6, and refuses anything else by name", () => {
    expect(parseTrustedProxies("10.0.0.0/8, 192.168.1.1, fd00::/8, ::1")).toHaveLength(4);
    expect(parseTrustedProxies(" ")).toEqual([]);
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow('"proxy.internal" is not an address or a CIDR range');
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow("10.0.0.0/99");
  });
});
