// Real undici requests through the safe dispatcher: blocked target forms, DNS rebinding and redirects. Nothing
// here may leave the machine, even with a broken guard: every dispatcher whose targets are not loopback gets a
// transport that opens sockets to 127.0.0.0/8 and ::1 only and records what it was asked for, so a refusal is
// proven by "refused, and the transport was never reached". Only loopback spellings, whose worst case is a
// connection to our own listener, also run through the production transport.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import net from "node:net";
import { Agent, buildConnector, interceptors, request, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOCKED_ADDRESS_CODE, classifyAddress, closeSafeDispatchers, createSafeDispatcher, type AddressCategory, type LookupFunction } from "./outbound";

// The one thing a broken guard could do is connect; this listener counts every connection it is offered.
interface Listener {
  server: Server;
  port: number;
  connections: number;
  requests: number;
}

async function listen(host: string, handler: Parameters<typeof createServer>[1] = (_req, res) => res.end("reached")): Promise<Listener> {
  const server = createServer(handler);
  const l: Listener = { server, port: 0, connections: 0, requests: 0 };
  server.on("connection", () => l.connections++);
  server.on("request", () => l.requests++);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  l.port = (server.address() as net.AddressInfo).port;
  return l;
}

async function close(l: Listener | undefined) {
  if (!l) return;
  l.server.closeAllConnections();
  await new Promise((r) => l.server.close(r));
}

let v4: Listener;
let v6: Listener | undefined; // ::1 may be missing on some machines; its rows are skipped then
let redirector: Listener;
const owned: Dispatcher[] = [];

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");

// The transport under test dispatchers: real sockets to loopback, a recorded refusal for anything else.
function onMachineTransport() {
  const real = buildConnector({ timeout: 1_000 });
  const calls: string[] = [];
  const transport: buildConnector.connector = (options, callback) => {
    calls.push(options.hostname);
    const local = (net.isIPv4(options.hostname) && LOOPBACK.check(options.hostname, "ipv4")) || options.hostname === "::1";
    if (!local) {
      return callback(Object.assign(new Error(`test transport will not leave the machine (${options.hostname})`), { code: "ETEST_OFF_MACHINE" }), null);
    }
    real(options, callback);
  };
  return { transport, calls };
}

function mappedLookup(table: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) return queueMicrotask(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []));
    const addrs: LookupAddress[] = answers.map((address) => ({ address, family: net.isIP(address) }));
    queueMicrotask(() => callback(null, addrs));
  };
  return { lookup, calls };
}

function dispatcher(opts: Parameters<typeof createSafeDispatcher>[0]): Dispatcher {
  const d = createSafeDispatcher(opts);
  owned.push(d);
  return d;
}

async function outcome(url: string, d: Dispatcher): Promise<{ status?: number; error?: Error & { code?: string; category?: string; address?: string } }> {
  try {
    const res = await request(url, { dispatcher: d, signal: AbortSignal.timeout(5_000) });
    await res.body.dump();
    return { status: res.statusCode };
  } catch (error) {
    return { error: error as Error & { code?: string } };
  }
}

beforeAll(async () => {
  v4 = await listen("127.0.0.1");
  v6 = await listen("::1").catch(() => undefined);
  redirector = await listen("127.0.0.1", (req, res) => {
    const to: Record<string, string> = {
      "/to-metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "/to-metadata-v6": "http://[fd00:ec2::254]/latest/meta-data/",
      "/to-metadata-name": "http://metadata.google.internal/computeMetadata/v1/",
      "/to-metadata-hex": "http://0xa9fea9fe/",
      "/to-listener": `http://127.0.0.1:${v4.port}/`,
    };
    const location = to[req.url ?? ""];
    if (location) res.writeHead(302, { location }).end();
    else res.writeHead(404).end();
  });
});

afterAll(async () => {
  await Promise.all(owned.map((d) => d.close()));
  await closeSafeDispatchers();
  await Promise.all([close(v4), close(v6), close(redirector)]);
});

interface Row {
  name: string;
  url: () => string;
  /** allowPrivateNetworks */
  open: boolean;
  /** Resolver answers; without it the system resolver (dns.lookup) is used. */
  dns?: Record<string, string[]>;
  category: AddressCategory;
  address: string;
  /** Spelled loopback: a guard failure would only reach our own listener, so the production transport runs it too. */
  loopback?: "v4" | "v6";
}

const P = () => v4.port;
const P6 = () => v6?.port ?? 9;

const BLOCKED: Row[] = [
  // cloud metadata: refused under both policies
  { name: "metadata, closed", url: () => "http://169.254.169.254/latest/meta-data/", open: false, category: "metadata", address: "169.254.169.254" },
  { name: "metadata, open", url: () => "http://169.254.169.254/latest/meta-data/", open: true, category: "metadata", address: "169.254.169.254" },
  { name: "metadata, trailing dot", url: () => "http://169.254.169.254./", open: true, category: "metadata", address: "169.254.169.254" },
  { name: "metadata, hex octets", url: () => "http://0xa9.0xfe.0xa9.0xfe/", open: true, category: "metadata", address: "169.254.169.254" },
  { name: "metadata, one decimal", url: () => "http://2852039166/", open: true, category: "metadata", address: "169.254.169.254" },
  {
    name: "metadata.google.internal",
    url: () => "http://metadata.google.internal/computeMetadata/v1/",
    open: true,
    dns: { "metadata.google.internal": ["169.254.169.254"] },
    category: "metadata",
    address: "metadata.google.internal",
  },
  {
    name: "a name resolving to metadata",
    url: () => "http://imds.attacker.example/",
    open: true,
    dns: { "imds.attacker.example": ["169.254.169.254"] },
    category: "metadata",
    address: "169.254.169.254",
  },
  { name: "AWS IMDS IPv6", url: () => "http://[fd00:ec2::254]/latest/meta-data/", open: true, category: "metadata", address: "fd00:ec2::254" },
  { name: "Alibaba metadata", url: () => "http://100.100.100.200/latest/meta-data/", open: true, category: "metadata", address: "100.100.100.200" },
  { name: "metadata, IPv4-mapped", url: () => "http://[::ffff:169.254.169.254]/", open: true, category: "metadata", address: "::ffff:a9fe:a9fe" },
  { name: "metadata, NAT64", url: () => "http://[64:ff9b::a9fe:a9fe]/", open: true, category: "metadata", address: "64:ff9b::a9fe:a9fe" },
  { name: "metadata, 6to4", url: () => "http://[2002:a9fe:a9fe::]/", open: true, category: "metadata", address: "2002:a9fe:a9fe::" },
  { name: "metadata, IPv4-compatible", url: () => "http://[::a9fe:a9fe]/", open: true, category: "metadata", address: "::a9fe:a9fe" },
  { name: "OpenStack metadata IPv6", url: () => "http://[fe80::a9fe:a9fe]/", open: true, category: "metadata", address: "fe80::a9fe:a9fe" },
  // loopback spellings against a real listener, closed policy, system resolver
  { name: "0x7f.1", url: () => `http://0x7f.1:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "127.1", url: () => `http://127.1:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "017700000001", url: () => `http://017700000001:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "2130706433", url: () => `http://2130706433:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "0177.0.0.1", url: () => `http://0177.0.0.1:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "127.0.0.1", url: () => `http://127.0.0.1:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "[::ffff:127.0.0.1]", url: () => `http://[::ffff:127.0.0.1]:${P()}/`, open: false, category: "loopback", address: "::ffff:7f00:1", loopback: "v4" },
  { name: "[::ffff:7f00:1]", url: () => `http://[::ffff:7f00:1]:${P()}/`, open: false, category: "loopback", address: "::ffff:7f00:1", loopback: "v4" },
  {
    name: "[0:0:0:0:0:ffff:127.0.0.1]",
    url: () => `http://[0:0:0:0:0:ffff:127.0.0.1]:${P()}/`,
    open: false,
    category: "loopback",
    address: "::ffff:7f00:1",
    loopback: "v4",
  },
  { name: "localhost (system resolver)", url: () => `http://localhost:${P()}/`, open: false, category: "loopback", address: "127.0.0.1", loopback: "v4" },
  { name: "[::1]", url: () => `http://[::1]:${P6()}/`, open: false, category: "loopback", address: "::1", loopback: "v6" },
  {
    name: "a name resolving to loopback",
    url: () => `http://loop.attacker.example:${P()}/`,
    open: false,
    dns: { "loop.attacker.example": ["127.0.0.1"] },
    category: "loopback",
    address: "127.0.0.1",
  },
  // unspecified: the kernel would route these to this host, so they go through the recording transport only
  { name: "0.0.0.0", url: () => `http://0.0.0.0:${P()}/`, open: false, category: "unspecified", address: "0.0.0.0" },
  { name: "[::]", url: () => `http://[::]:${P6()}/`, open: false, category: "unspecified", address: "::" },
  // private, link-local, CGNAT, multicast, reserved
  { name: "10.0.0.1", url: () => "http://10.0.0.1/", open: false, category: "private", address: "10.0.0.1" },
  { name: "10.0.0.1 over TLS", url: () => "https://10.0.0.1/", open: false, category: "private", address: "10.0.0.1" },
  { name: "192.168.1.1", url: () => "http://192.168.1.1/", open: false, category: "private", address: "192.168.1.1" },
  { name: "172.16.0.1", url: () => "http://172.16.0.1/", open: false, category: "private", address: "172.16.0.1" },
  { name: "100.64.0.1", url: () => "http://100.64.0.1/", open: false, category: "cgnat", address: "100.64.0.1" },
  { name: "169.254.10.10", url: () => "http://169.254.10.10/", open: false, category: "link_local", address: "169.254.10.10" },
  { name: "[fe80::1]", url: () => "http://[fe80::1]/", open: false, category: "link_local", address: "fe80::1" },
  { name: "[fc00::1]", url: () => "http://[fc00::1]/", open: false, category: "private", address: "fc00::1" },
  { name: "[::ffff:10.0.0.1]", url: () => "http://[::ffff:10.0.0.1]/", open: false, category: "private", address: "::ffff:a00:1" },
  { name: "224.0.0.1", url: () => "http://224.0.0.1/", open: false, category: "multicast", address: "224.0.0.1" },
  { name: "255.255.255.255", url: () => "http://255.255.255.255/", open: false, category: "reserved", address: "255.255.255.255" },
  {
    name: "a name resolving to 10/8",
    url: () => "http://internal.example.test/",
    open: false,
    dns: { "internal.example.test": ["10.1.2.3"] },
    category: "private",
    address: "10.1.2.3",
  },
  {
    name: "a name with one private answer among public ones",
    url: () => "http://mixed.example.test/",
    open: false,
    dns: { "mixed.example.test": ["93.184.216.34", "192.168.0.10"] },
    category: "private",
    address: "192.168.0.10",
  },
  {
    name: "a name resolving to a ULA",
    url: () => "https://v6.example.test/",
    open: false,
    dns: { "v6.example.test": ["fd12:3456::1"] },
    category: "private",
    address: "fd12:3456::1",
  },
];

function skipRow(row: Row) {
  return row.loopback === "v6" && !v6;
}

describe("safe dispatcher refuses blocked targets before any connection", () => {
  it.each(BLOCKED.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
    if (skipRow(row)) return;
    const t = onMachineTransport();
    const dns = row.dns ? mappedLookup(row.dns) : undefined;
    const before = { v4: v4.connections, v6: v6?.connections ?? 0 };
    const d = dispatcher({ allowPrivateNetworks: row.open, transport: t.transport, lookup: dns?.lookup, connectTimeoutMs: 1_000 });
    const { status, error } = await outcome(row.url(), d);
    expect(status).toBeUndefined();
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: row.category, address: row.address });
    expect(error?.message).toMatch(/^Refused to connect to \S+ (for \S+ )?\(.+\)$/);
    expect(t.calls).toEqual([]);
    expect({ v4: v4.connections, v6: v6?.connections ?? 0 }).toEqual(before);
  });

  it("covers at least 20 forms", () => {
    expect(BLOCKED.length).toBeGreaterThanOrEqual(20);
  });
});

describe("the production dispatcher (system resolver, undici's own connector)", () => {
  const loopbackRows = BLOCKED.filter((r) => r.loopback);

  it("refuses every loopback spelling with no socket created", async () => {
    let sockets = 0;
    const count = () => sockets++;
    subscribe("net.client.socket", count);
    try {
      const d = createSafeDispatcher({ allowPrivateNetworks: false });
      for (const row of loopbackRows.filter((r) => !skipRow(r))) {
        const { error } = await outcome(row.url(), d);
        expect(error, row.name).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "loopback", address: row.address });
      }
    } finally {
      unsubscribe("net.client.socket", count);
    }
    expect(sockets).toBe(0);
    expect(v4.connections).toBe(0);
    expect(v6?.connections ?? 0).toBe(0);
  });

  it("control: the same spellings do reach the listener without the guard", async () => {
    const plain = new Agent({ connect: { timeout: 1_000 } });
    owned.push(plain);
    for (const row of loopbackRows.filter((r) => !skipRow(r))) {
      // Requests, not connections: every 127.0.0.1 spelling is one origin to undici, so the socket is reused.
      const before = v4.requests + (v6?.requests ?? 0);
      const { status } = await outcome(row.url(), plain);
      expect(status, row.name).toBe(200);
      expect(v4.requests + (v6?.requests ?? 0), row.name).toBe(before + 1);
    }
  });

  it("allows a local server when private targets are allowed, by IP and by name", async () => {
    const d = createSafeDispatcher({ allowPrivateNetworks: true });
    expect(createSafeDispatcher({ allowPrivateNetworks: true })).toBe(d); // one agent per policy
    expect(createSafeDispatcher({ allowPrivateNetworks: false })).not.toBe(d);
    const before = v4.connections;
    expect(await outcome(`http://127.0.0.1:${v4.port}/`, d)).toEqual({ status: 200 });
    expect(await outcome(`http://localhost:${v4.port}/x`, d)).toEqual({ status: 200 });
    expect(v4.connections).toBeGreaterThan(before);
    if (v6) expect(await outcome(`http://[::1]:${v6.port}/`, d)).toEqual({ status: 200 });
  });

  it("still refuses metadata when private targets are allowed", async () => {
    // Through the recording transport: this is the one row a broken guard would send off the machine.
    const t = onMachineTransport();
    const { error } = await outcome("http://169.254.169.254/latest/meta-data/", dispatcher({ allowPrivateNetworks: true, transport: t.transport }));
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS_CODE, message: "Refused to connect to 169.254.169.254 (cloud metadata address)" });
    expect(t.calls).toEqual([]);
  });
});

describe("an allowed public target", () => {
  it("passes the guard and is handed to the transport as the checked IP", async () => {
    const t = onMachineTransport();
    const dns = mappedLookup({ "api.example.test": ["93.184.216.34"] });
    const { error } = await outcome(
      "https://api.example.test/v1/health",
      dispatcher({ allowPrivateNetworks: false, transport: t.transport, lookup: dns.lookup }),
    );
    // The guard let it through; only the test transport stopped it, where a real connector would have connected.
    expect(error).toMatchObject({ code: "ETEST_OFF_MACHINE" });
    expect(t.calls).toEqual(["93.184.216.34"]);
    expect(classifyAddress("93.184.216.34").allowed).toBe(true);
  });
});

describe("DNS rebinding", () => {
  it("refuses when the connect-time answer is metadata, though an earlier check of the name saw a public address", async () => {
    const answers = [["93.184.216.34"], ["169.254.169.254"]];
    let n = 0;
    const lookup: LookupFunction = (_host, _opts, cb) => {
      const addrs = (answers[Math.min(n++, answers.length - 1)] ?? []).map((address) => ({ address, family: 4 }));
      queueMicrotask(() => cb(null, addrs));
    };
    // What a pre-check would do: resolve and classify. It sees a public address.
    const precheck = await new Promise<string>((resolve) => lookup("rebind.attacker.example", { all: true }, (_e, a) => resolve(a[0]!.address)));
    expect(classifyAddress(precheck).allowed).toBe(true);
    // The connection resolves for itself, gets the rebound answer, and checks that.
    const t = onMachineTransport();
    const { error } = await outcome("http://rebind.attacker.example/", dispatcher({ allowPrivateNetworks: true, transport: t.transport, lookup }));
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "metadata", address: "169.254.169.254", hostname: "rebind.attacker.example" });
    expect(t.calls).toEqual([]);
  });

  it("connects to exactly the address it checked, resolving once per connection", async () => {
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    const calls: string[] = [];
    const lookup: LookupFunction = (host, _opts, cb) => {
      const addrs = (answers[Math.min(calls.length, answers.length - 1)] ?? []).map((address) => ({ address, family: 4 }));
      calls.push(host);
      queueMicrotask(() => cb(null, addrs));
    };
    const t = onMachineTransport();
    const d = dispatcher({ allowPrivateNetworks: false, transport: t.transport, lookup });
    const url = `http://rebind2.attacker.example:${v4.port}/`;
    const connectionsBefore = v4.connections;
    const first = await outcome(url, d);
    expect(first.error).toMatchObject({ code: "ETEST_OFF_MACHINE" }); // it went for the checked public address...
    expect(calls).toHaveLength(1); // ...without asking DNS a second time
    expect(t.calls).toEqual(["93.184.216.34"]);
    const second = await outcome(url, d); // the rebound answer is checked on the next connection
    expect(second.error).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "loopback", address: "127.0.0.1" });
    expect(t.calls).toEqual(["93.184.216.34"]);
    expect(v4.connections).toBe(connectionsBefore);
  });
});

describe("redirects followed with undici's redirect interceptor", () => {
  const follow = (d: Dispatcher) => d.compose(interceptors.redirect({ maxRedirections: 3 }));

  it("control: a redirect to an allowed target is followed through the same dispatcher", async () => {
    const t = onMachineTransport();
    const { status } = await outcome(
      `http://127.0.0.1:${redirector.port}/to-listener`,
      follow(dispatcher({ allowPrivateNetworks: true, transport: t.transport })),
    );
    expect(status).toBe(200);
    expect(t.calls).toEqual(["127.0.0.1", "127.0.0.1"]);
  });

  it.each([
    ["/to-metadata", "169.254.169.254"],
    ["/to-metadata-v6", "fd00:ec2::254"],
    ["/to-metadata-name", "metadata.google.internal"],
    ["/to-metadata-hex", "169.254.169.254"],
  ])("refuses the hop from %s to %s", async (path, address) => {
    const t = onMachineTransport();
    const { status, error } = await outcome(
      `http://127.0.0.1:${redirector.port}${path}`,
      follow(dispatcher({ allowPrivateNetworks: true, transport: t.transport })),
    );
    expect(status).toBeUndefined();
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS_CODE, category: "metadata", address });
    expect(t.calls).toEqual(["127.0.0.1"]); // only the first hop connected
  });

  it("without the interceptor the 302 comes back as is (today's probe behaviour)", async () => {
    const { status } = await outcome(`http://127.0.0.1:${redirector.port}/to-metadata`, createSafeDispatcher({ allowPrivateNetworks: true }));
    expect(status).toBe(302);
  });
});
