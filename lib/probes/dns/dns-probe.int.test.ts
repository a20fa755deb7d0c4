// The DNS probe against a real DNS server (dns2, over UDP on loopback) serving a small test zone, plus a UDP
// socket that never answers. No query leaves the machine: every case names the local resolver.
import dgram from "node:dgram";
import { createServer, Packet, type DnsServer } from "dns2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineContext, type ContextOptions } from "../testing/harness";
import { dnsConfigSchema } from "./config";
import { dnsProbe } from "./dns-probe";

type Rr = Partial<InstanceType<typeof Packet.Resource>> & { type: number };

const ZONE: Record<string, Rr[]> = {
  "ok.tether.test": [
    { type: Packet.TYPE.A, address: "127.0.0.10", ttl: 300 },
    { type: Packet.TYPE.A, address: "127.0.0.11", ttl: 60 },
    { type: Packet.TYPE.AAAA, address: "2001:db8:0:0:0:0:0:1", ttl: 120 },
  ],
  "alias.tether.test": [{ type: Packet.TYPE.CNAME, domain: "target.tether.test", ttl: 300 }],
  "tether.test": [
    { type: Packet.TYPE.MX, exchange: "backup.tether.test", priority: 20, ttl: 300 },
    { type: Packet.TYPE.MX, exchange: "mail.tether.test", priority: 10, ttl: 300 },
    { type: Packet.TYPE.TXT, data: "v=spf1 -all", ttl: 300 },
    { type: Packet.TYPE.TXT, data: ["google-site-", "verification=abc"], ttl: 300 },
    { type: Packet.TYPE.NS, ns: "ns1.tether.test", ttl: 300 },
  ],
  "_sip._tcp.tether.test": [{ type: Packet.TYPE.SRV, priority: 10, weight: 5, port: 5060, target: "sip.tether.test", ttl: 300 }],
};

let server: DnsServer;
let resolver: string;
let silent: dgram.Socket;
let silentResolver: string;
let queries = 0;

beforeAll(async () => {
  server = createServer({
    udp: true,
    handle: (request, send) => {
      queries++;
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records = ZONE[question!.name.toLowerCase()];
      if (question!.name === "servfail.tether.test") response.header.rcode = 2;
      else if (!records)
        response.header.rcode = 3; // NXDOMAIN
      else
        for (const rr of records.filter((r) => r.type === question!.type))
          response.answers.push({ name: question!.name, class: Packet.CLASS.IN, ...rr } as never);
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  resolver = `127.0.0.1:${addresses.udp!.port}`;
  // Receives queries and drops them: a resolver that has gone quiet.
  silent = dgram.createSocket("udp4");
  await new Promise<void>((r) => silent.bind(0, "127.0.0.1", r));
  silentResolver = `127.0.0.1:${silent.address().port}`;
});

afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => silent.close(r));
});

const run = (config: Record<string, unknown>, opts: ContextOptions = {}) =>
  dnsProbe.run(dnsConfigSchema.parse({ resolver, ...config }), deadlineContext({ timeoutMs: 2_000, ...opts }));

describe("DNS probe", () => {
  it("passes an A lookup with every expected address, reporting answers and the smallest TTL", async () => {
    const r = await run({ name: "ok.tether.test", expect: ["127.0.0.11", "127.0.0.10"] });
    expect(r).toMatchObject({ ok: true, details: { recordType: "A", resolver, answers: ["127.0.0.10", "127.0.0.11"], ttl: 60 } });
  });

  it.each([
    ["AAAA", "ok.tether.test", ["2001:DB8::1"], ["2001:db8::1"]],
    ["CNAME", "alias.tether.test", ["Target.Tether.Test."], ["target.tether.test"]],
    ["MX", "tether.test", ["MAIL.tether.test"], ["10 mail.tether.test", "20 backup.tether.test"]],
    ["TXT", "tether.test", ["v=spf1 -all", "google-site-verification=ABC"], ["v=spf1 -all", "google-site-verification=abc"]],
    ["NS", "tether.test", ["ns1.tether.test"], ["ns1.tether.test"]],
    ["SRV", "_sip._tcp.tether.test", ["sip.tether.test:5060"], ["10 5 5060 sip.tether.test"]],
  ])("passes a %s lookup, compared case-insensitively", async (recordType, name, expected, answers) => {
    const r = await run({ name, recordType, expect: expected });
    expect(r).toMatchObject({ ok: true, details: { recordType, answers } });
  });

  it("fails with assertion when an expected value is missing, naming what was there", async () => {
    const r = await run({ name: "tether.test", recordType: "MX", expect: ["mail.tether.test", "mx.other.test"] });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      retryable: false,
      message: "The MX answer for tether.test lacks mx.other.test; it has 10 mail.tether.test, 20 backup.tether.test",
      details: { answers: ["10 mail.tether.test", "20 backup.tether.test"] },
    });
  });

  it("classifies NXDOMAIN and an empty answer as dns", async () => {
    expect(await run({ name: "missing.tether.test" })).toMatchObject({
      ok: false,
      errorClass: "dns",
      message: "missing.tether.test does not exist (NXDOMAIN)",
      retryable: true,
    });
    expect(await run({ name: "alias.tether.test", recordType: "MX" })).toMatchObject({
      ok: false,
      errorClass: "dns",
      message: "alias.tether.test has no MX records",
    });
    expect(await run({ name: "servfail.tether.test" })).toMatchObject({ ok: false, errorClass: "dns", message: expect.stringContaining("SERVFAIL") });
  });

  it("times out a resolver that never answers", async () => {
    const r = await run({ name: "ok.tether.test", resolver: silentResolver }, { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 300 ms", latencyMs: 300, retryable: true });
  });

  it("classifies a resolver port with nothing listening as connect", async () => {
    const spare = dgram.createSocket("udp4");
    await new Promise<void>((r) => spare.bind(0, "127.0.0.1", r));
    const port = spare.address().port;
    await new Promise<void>((r) => spare.close(r));
    const r = await run({ name: "ok.tether.test", resolver: `127.0.0.1:${port}` });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "connect",
      retryable: true,
      message: `The resolver (127.0.0.1:${port}) refused the connection (ECONNREFUSED)`,
    });
  });

  it("refuses a loopback resolver when private targets are not allowed, without sending a query", async () => {
    const before = queries;
    const r = await run({ name: "ok.tether.test" }, { allowPrivateNetworks: false });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    if (r.ok) return;
    expect(r.message).toMatch(new RegExp(`^Refused to query the resolver ${resolver} \\(.*loopback`));
    expect(queries).toBe(before);
  });

  it("refuses a metadata address as resolver under every policy", async () => {
    const r = await run({ name: "ok.tether.test", resolver: "169.254.169.254" });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", message: "Refused to query the resolver 169.254.169.254 (cloud metadata address)" });
  });
});
