// The address classifier, URL pre-check, policy parsing and the guarded connector's decisions, with no sockets:
// the connector runs against a scripted resolver and a transport that only records what it was asked to open.
import type { LookupAddress } from "node:dns";
import type { Socket } from "node:net";
import type { buildConnector } from "undici";
import { describe, expect, it } from "vitest";
import {
  resolveSafeAddresses,
  BLOCKED_ADDRESS_CODE,
  BlockedAddressError,
  assertSafeUrl,
  classifyAddress,
  createGuardedConnector,
  isBlockedAddressError,
  outboundPolicyFromEnv,
  type AddressCategory,
  type LookupFunction,
} from "./outbound";

const closed = { allowPrivateNetworks: false };
const open = { allowPrivateNetworks: true };

// [input, canonical address, category]. Allowed: public always; metadata/invalid never; the rest only when open.
const TABLE: [string, string, AddressCategory][] = [
  // IPv4, plain
  ["8.8.8.8", "8.8.8.8", "public"],
  ["93.184.216.34", "93.184.216.34", "public"],
  ["127.0.0.1", "127.0.0.1", "loopback"],
  ["127.255.255.254", "127.255.255.254", "loopback"],
  ["10.0.0.1", "10.0.0.1", "private"],
  ["172.16.0.1", "172.16.0.1", "private"],
  ["172.31.255.255", "172.31.255.255", "private"],
  ["172.32.0.1", "172.32.0.1", "public"],
  ["192.168.1.1", "192.168.1.1", "private"],
  ["169.254.1.1", "169.254.1.1", "link_local"],
  ["100.64.0.1", "100.64.0.1", "cgnat"],
  ["100.127.255.255", "100.127.255.255", "cgnat"],
  ["0.0.0.0", "0.0.0.0", "unspecified"],
  ["0.1.2.3", "0.1.2.3", "unspecified"],
  ["224.0.0.1", "224.0.0.1", "multicast"],
  ["239.255.255.250", "239.255.255.250", "multicast"],
  ["255.255.255.255", "255.255.255.255", "reserved"],
  ["240.0.0.1", "240.0.0.1", "reserved"],
  ["192.0.2.1", "192.0.2.1", "reserved"],
  ["198.18.0.1", "198.18.0.1", "reserved"],
  ["203.0.113.7", "203.0.113.7", "reserved"],
  // metadata
  ["169.254.169.254", "169.254.169.254", "metadata"],
  ["169.254.170.2", "169.254.170.2", "metadata"],
  ["100.100.100.200", "100.100.100.200", "metadata"],
  ["168.63.129.16", "168.63.129.16", "metadata"],
  ["fd00:ec2::254", "fd00:ec2::254", "metadata"],
  ["FD00:0EC2:0000:0000:0000:0000:0000:0254", "fd00:ec2::254", "metadata"],
  ["fe80::a9fe:a9fe", "fe80::a9fe:a9fe", "metadata"],
  // odd IPv4 spellings (inet_aton forms)
  ["0x7f.1", "127.0.0.1", "loopback"],
  ["127.1", "127.0.0.1", "loopback"],
  ["017700000001", "127.0.0.1", "loopback"],
  ["2130706433", "127.0.0.1", "loopback"],
  ["0177.0.0.1", "127.0.0.1", "loopback"],
  ["0x7f000001", "127.0.0.1", "loopback"],
  ["0xa9.0xfe.0xa9.0xfe", "169.254.169.254", "metadata"],
  ["2852039166", "169.254.169.254", "metadata"],
  ["012.0.0.1", "10.0.0.1", "private"],
  // IPv6
  ["::1", "::1", "loopback"],
  ["[::1]", "::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "::1", "loopback"],
  ["::", "::", "unspecified"],
  ["fe80::1", "fe80::1", "link_local"],
  ["fe80::1%eth0", "fe80::1%eth0", "link_local"],
  ["fe80::a9fe:a9fe%2", "fe80::a9fe:a9fe%2", "metadata"],
  ["fc00::1", "fc00::1", "private"],
  ["fd12:3456::1", "fd12:3456::1", "private"],
  ["fec0::1", "fec0::1", "private"],
  ["ff02::1", "ff02::1", "multicast"],
  ["2001:db8::1", "2001:db8::1", "reserved"],
  ["2001::1", "2001::1", "reserved"], // Teredo: the real endpoint is hidden
  ["4000::1", "4000::1", "reserved"], // outside 2000::/3, unassigned
  ["2606:4700:4700::1111", "2606:4700:4700::1111", "public"],
  // IPv4 inside IPv6
  ["::ffff:127.0.0.1", "::ffff:7f00:1", "loopback"],
  ["::ffff:7f00:1", "::ffff:7f00:1", "loopback"],
  ["[0:0:0:0:0:ffff:127.0.0.1]", "::ffff:7f00:1", "loopback"],
  ["::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "metadata"],
  ["::ffff:10.0.0.1", "::ffff:a00:1", "private"],
  ["::ffff:8.8.8.8", "::ffff:808:808", "public"],
  ["::ffff:0:127.0.0.1", "::ffff:0:7f00:1", "loopback"],
  ["::127.0.0.1", "::7f00:1", "loopback"],
  ["::a9fe:a9fe", "::a9fe:a9fe", "metadata"],
  ["::8.8.8.8", "::808:808", "reserved"],
  ["64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "metadata"],
  ["64:ff9b::127.0.0.1", "64:ff9b::7f00:1", "loopback"],
  ["64:ff9b::8.8.8.8", "64:ff9b::808:808", "public"],
  ["64:ff9b:1::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "metadata"],
  ["64:ff9b:1:a9fe:a9:fe00::", "64:ff9b:1:a9fe:a9:fe00::", "metadata"], // /48 local-use, address split round the u octet
  ["64:ff9b:1::808:808", "64:ff9b:1::808:808", "private"],
  ["2002:a9fe:a9fe::", "2002:a9fe:a9fe::", "metadata"],
  ["2002:7f00:1::1", "2002:7f00:1::1", "loopback"],
  ["2002:0a00:0001::", "2002:a00:1::", "private"],
  ["2002:808:808::1", "2002:808:808::1", "public"],
  // not addresses
  ["localhost", "localhost", "invalid"],
  ["256.0.0.1", "256.0.0.1", "invalid"],
  ["1.2.3.4.5", "1.2.3.4.5", "invalid"],
  ["", "", "invalid"],
  [" 127.0.0.1", " 127.0.0.1", "invalid"],
];

describe("classifyAddress", () => {
  it.each(TABLE)("%s is %s, %s", (input, address, category) => {
    const c = classifyAddress(input, closed);
    const o = classifyAddress(input, open);
    expect(c).toMatchObject({ address, category });
    expect(o).toMatchObject({ address, category });
    const always = category === "public";
    const never = category === "metadata" || category === "invalid";
    expect(c.allowed).toBe(always);
    expect(o.allowed).toBe(!never);
    if (!c.allowed) expect(c.reason).toBeTruthy();
    if (o.allowed) expect(o.reason).toBeUndefined();
  });

  it("defaults to the closed policy", () => {
    expect(classifyAddress("10.0.0.1").allowed).toBe(false);
  });

  it("says why, naming the policy when it is the policy that refuses", () => {
    expect(classifyAddress("169.254.169.254", open).reason).toBe("cloud metadata address");
    expect(classifyAddress("127.0.0.1", closed).reason).toBe("loopback address; private network targets are not allowed");
    expect(classifyAddress("64:ff9b::a9fe:a9fe", open).reason).toBe("cloud metadata address: 169.254.169.254 embedded via NAT64");
  });
});

describe("assertSafeUrl", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "metadata"],
    ["http://169.254.169.254./", "metadata"],
    ["http://[fd00:ec2::254]/", "metadata"],
    ["http://metadata.google.internal/computeMetadata/v1/", "metadata"],
    ["http://METADATA.GOOGLE.INTERNAL./", "metadata"],
    ["http://0x7f.1:8080/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://localhost:3000/", "loopback"],
    ["http://api.localhost/", "loopback"],
    ["http://10.0.0.1/", "private"],
    ["http://[::]/", "unspecified"],
    ["ftp://example.com/", "scheme"],
    ["file:///etc/passwd", "scheme"],
    ["gopher://127.0.0.1:6379/_", "scheme"],
    ["not a url", "invalid"],
  ])("refuses %s (%s)", (url, category) => {
    let caught: unknown;
    try {
      assertSafeUrl(url, closed);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BlockedAddressError);
    expect(caught).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category });
  });

  it("allows public hosts, and private ones when the policy does, but never metadata", () => {
    expect(assertSafeUrl("https://api.stripe.com/v1/charges", closed).hostname).toBe("api.stripe.com");
    expect(assertSafeUrl("http://8.8.8.8/", closed).hostname).toBe("8.8.8.8");
    expect(assertSafeUrl("http://127.0.0.1:4010/healthy", open).port).toBe("4010");
    expect(assertSafeUrl("http://localhost:4010/", open).hostname).toBe("localhost");
    expect(() => assertSafeUrl("http://169.254.169.254/", open)).toThrow("Refused to connect to 169.254.169.254 (cloud metadata address)");
  });

  it("keeps paths, queries and credentials out of the message", () => {
    expect(() => assertSafeUrl("http://user:hunter2@10.0.0.1/x?token=s3cret", closed)).toThrow(
      /^Refused to connect to 10\.0\.0\.1 \(private network address; private network targets are not allowed\)$/,
    );
    expect(() => assertSafeUrl("http://user:hunter2@exa mple.com/?token=s3cret", closed)).toThrow(/^Not a valid URL$/);
  });
});

describe("outboundPolicyFromEnv", () => {
  it("defaults to closed, reads true/false, and fails loudly on anything else", () => {
    expect(outboundPolicyFromEnv({})).toEqual({ allowPrivateNetworks: false });
    expect(outboundPolicyFromEnv({ TETHER_ALLOW_PRIVATE_TARGETS: "" })).toEqual({ allowPrivateNetworks: false });
    expect(outboundPolicyFromEnv({ TETHER_ALLOW_PRIVATE_TARGETS: "false" })).toEqual({ allowPrivateNetworks: false });
    expect(outboundPolicyFromEnv({ TETHER_ALLOW_PRIVATE_TARGETS: "true" })).toEqual({ allowPrivateNetworks: true });
    expect(() => outboundPolicyFromEnv({ TETHER_ALLOW_PRIVATE_TARGETS: "yes" })).toThrow(/TETHER_ALLOW_PRIVATE_TARGETS/);
  });
});

// A resolver that answers from a script, one entry per call, and counts its calls.
function scriptedLookup(answers: (string[] | NodeJS.ErrnoException)[]) {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    calls.push(hostname);
    const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (next instanceof Error) return queueMicrotask(() => callback(next, []));
    const addrs: LookupAddress[] = next.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    queueMicrotask(() => callback(null, addrs));
  };
  return { lookup, calls };
}

// A transport that opens nothing: it records the options it got and answers from a script per address.
function recordingTransport(fail: Record<string, string> = {}) {
  const calls: buildConnector.Options[] = [];
  const transport: buildConnector.connector = (options, callback) => {
    calls.push(options);
    const code = fail[options.hostname];
    if (code) return queueMicrotask(() => callback(Object.assign(new Error(code), { code }), null));
    // A stand-in socket: the connector reads only remoteAddress and may call destroy().
    const socket = { remoteAddress: options.hostname, destroy() {} } as unknown as Socket;
    queueMicrotask(() => callback(null, socket));
  };
  return { transport, calls };
}

function connectOnce(connector: buildConnector.connector, hostname: string, protocol = "http:"): Promise<{ err: Error | null; socket: Socket | null }> {
  return new Promise((resolve) => {
    connector({ hostname, host: `${hostname}:443`, protocol, port: "" }, (err, socket) => resolve({ err, socket: socket as Socket | null }));
  });
}

describe("createGuardedConnector", () => {
  it("hands the transport only the checked IP, keeping the name for TLS", async () => {
    const dns = scriptedLookup([["93.184.216.34"]]);
    const t = recordingTransport();
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: dns.lookup, transport: t.transport });
    const { err } = await connectOnce(connector, "api.example.com", "https:");
    expect(err).toBeNull();
    expect(t.calls).toEqual([expect.objectContaining({ hostname: "93.184.216.34", servername: "api.example.com" })]);
  });

  it("is DNS-rebinding safe: one lookup per connection, and the answer checked is the one connected to", async () => {
    const dns = scriptedLookup([["93.184.216.34"], ["169.254.169.254"], ["127.0.0.1"]]);
    const t = recordingTransport();
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: dns.lookup, transport: t.transport });
    expect((await connectOnce(connector, "rebind.example")).err).toBeNull();
    expect(dns.calls).toHaveLength(1);
    expect(t.calls.map((c) => c.hostname)).toEqual(["93.184.216.34"]);
    // The next connection asks again and gets the rebound answers: refused, transport untouched.
    const second = await connectOnce(connector, "rebind.example");
    expect(second.err).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "metadata", address: "169.254.169.254", hostname: "rebind.example" });
    expect(second.err?.message).toBe("Refused to connect to 169.254.169.254 for rebind.example (cloud metadata address)");
    const third = await connectOnce(connector, "rebind.example");
    expect(third.err).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "loopback" });
    expect(t.calls).toHaveLength(1);
  });

  it("refuses the whole name when any answer is refused", async () => {
    const dns = scriptedLookup([["93.184.216.34", "10.0.0.5"]]);
    const t = recordingTransport();
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: dns.lookup, transport: t.transport });
    expect((await connectOnce(connector, "mixed.example")).err).toMatchObject({ code: BLOCKED_ADDRESS_CODE, address: "10.0.0.5" });
    expect(t.calls).toHaveLength(0);
  });

  it("refuses literal IPs without a lookup, and metadata names before one", async () => {
    const dns = scriptedLookup([["93.184.216.34"]]);
    const t = recordingTransport();
    const connector = createGuardedConnector({ allowPrivateNetworks: true, lookup: dns.lookup, transport: t.transport });
    expect((await connectOnce(connector, "169.254.169.254")).err).toMatchObject({ category: "metadata" });
    expect((await connectOnce(connector, "[fd00:ec2::254]")).err).toMatchObject({ category: "metadata" });
    expect((await connectOnce(connector, "metadata.google.internal")).err).toMatchObject({ category: "metadata" });
    expect(dns.calls).toHaveLength(0);
    expect(t.calls).toHaveLength(0);
  });

  it("connects to the canonical form of a resolver's odd answer, never to a string that would be resolved again", async () => {
    const dns = scriptedLookup([["0x5d.184.216.34"]]);
    const t = recordingTransport();
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: dns.lookup, transport: t.transport });
    expect((await connectOnce(connector, "odd.example")).err).toBeNull();
    expect(t.calls.map((c) => c.hostname)).toEqual(["93.184.216.34"]);
  });

  it("passes lookup errors through unchanged, so they still classify as DNS failures", async () => {
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND nope.example"), { code: "ENOTFOUND" });
    const dns = scriptedLookup([notFound]);
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: dns.lookup, transport: recordingTransport().transport });
    expect((await connectOnce(connector, "nope.example")).err).toBe(notFound);
    const empty = createGuardedConnector({ allowPrivateNetworks: false, lookup: scriptedLookup([[]]).lookup, transport: recordingTransport().transport });
    expect((await connectOnce(empty, "empty.example")).err).toMatchObject({ code: "ENOTFOUND" });
  });

  it("falls back to the next checked address when one is unreachable, but not after other failures", async () => {
    const t = recordingTransport({ "2606:4700::1": "ENETUNREACH", "93.184.216.34": "ERR_TLS_CERT_ALTNAME_INVALID" });
    const connector = createGuardedConnector({
      allowPrivateNetworks: false,
      lookup: scriptedLookup([["2606:4700::1", "8.8.8.8"]]).lookup,
      transport: t.transport,
    });
    expect((await connectOnce(connector, "dual.example")).err).toBeNull();
    expect(t.calls.map((c) => c.hostname)).toEqual(["2606:4700::1", "8.8.8.8"]);

    const t2 = recordingTransport({ "93.184.216.34": "ERR_TLS_CERT_ALTNAME_INVALID" });
    const c2 = createGuardedConnector({ allowPrivateNetworks: false, lookup: scriptedLookup([["93.184.216.34", "8.8.8.8"]]).lookup, transport: t2.transport });
    expect((await connectOnce(c2, "tls.example")).err).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
    expect(t2.calls).toHaveLength(1);
  });

  it("refuses a socket whose peer turns out not to be allowed", async () => {
    let destroyed = false;
    const lying: buildConnector.connector = (_options, callback) => {
      // Stand-in socket: claims a loopback peer whatever it was asked for.
      const socket = { remoteAddress: "127.0.0.1", destroy: () => (destroyed = true) } as unknown as Socket;
      queueMicrotask(() => callback(null, socket));
    };
    const connector = createGuardedConnector({ allowPrivateNetworks: false, lookup: scriptedLookup([["93.184.216.34"]]).lookup, transport: lying });
    const { err } = await connectOnce(connector, "liar.example");
    expect(isBlockedAddressError(err)).toBe(true);
    expect(destroyed).toBe(true);
  });
});

describe("resolveSafeAddresses", () => {
  const fakeLookup = (answers: string[]) =>
    ((_host: string, _opts: unknown, cb: (err: Error | null, result: { address: string; family: number }[]) => void) =>
      cb(
        null,
        answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      )) as unknown as Parameters<typeof resolveSafeAddresses>[2];

  it("returns the checked addresses for a name, and refuses the name if any answer is refused", async () => {
    expect(await resolveSafeAddresses("db.example.com", { allowPrivateNetworks: false }, fakeLookup(["93.184.216.34"]))).toEqual(["93.184.216.34"]);
    await expect(resolveSafeAddresses("db.example.com", { allowPrivateNetworks: false }, fakeLookup(["93.184.216.34", "10.0.0.5"]))).rejects.toMatchObject({
      code: "ERR_TETHER_BLOCKED_ADDRESS",
      category: "private",
    });
    await expect(resolveSafeAddresses("0x7f.1", { allowPrivateNetworks: false })).rejects.toMatchObject({ code: "ERR_TETHER_BLOCKED_ADDRESS" });
    expect(await resolveSafeAddresses("127.0.0.1", { allowPrivateNetworks: true })).toEqual(["127.0.0.1"]);
    await expect(resolveSafeAddresses("169.254.169.254", { allowPrivateNetworks: true })).rejects.toMatchObject({ category: "metadata" });
  });
});
