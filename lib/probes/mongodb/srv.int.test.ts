// mongodb+srv:// end to end: a local DNS server (dns2, speaking the DNS wire protocol) answers the SRV, TXT and A
// questions, and the probe connects to the local OP_MSG server the SRV record names. No query leaves the machine:
// every case names the local resolver.
import dgram from "node:dgram";
import { createServer, Packet, type DnsServer } from "dns2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeContext, probeWithBase } from "../testing/harness";
import { mongodbConfigSchema } from "./config";
import { mongodbProbe } from "./mongodb-probe";
import { startMongoTestServer, type MongoTestServer } from "./testing/mongo-wire-server";

type Rr = Partial<InstanceType<typeof Packet.Resource>> & { type: number };
const user = { name: "monitor", password: "s3cret-Passw0rd" };
let dns: DnsServer;
let resolver: string;
let silent: dgram.Socket;
let silentResolver: string;
let mongo: MongoTestServer;
let zone: Record<string, Rr[]> = {};

beforeAll(async () => {
  mongo = await startMongoTestServer({ user, version: "8.0.3", replicaSet: { name: "rs0", self: 0, members: [{ state: "PRIMARY", optimeDate: new Date() }] } });
  dns = createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records = zone[question!.name.toLowerCase()];
      if (!records)
        response.header.rcode = 3; // NXDOMAIN
      else
        for (const rr of records.filter((r) => r.type === question!.type))
          response.answers.push({ name: question!.name, class: Packet.CLASS.IN, ...rr } as never);
      void send(response);
    },
  });
  const addresses = await dns.listen({ udp: { port: 0, address: "127.0.0.1" } });
  resolver = `127.0.0.1:${addresses.udp!.port}`;
  silent = dgram.createSocket("udp4");
  await new Promise<void>((r) => silent.bind(0, "127.0.0.1", r));
  silentResolver = `127.0.0.1:${silent.address().port}`;
});
afterAll(async () => {
  await mongo.close();
  await dns.close();
  await new Promise<void>((r) => silent.close(r));
});

const srvZone = (target = "node1.cluster0.tether.test", txt?: string): Record<string, Rr[]> => ({
  "_mongodb._tcp.cluster0.tether.test": [{ type: Packet.TYPE.SRV, priority: 0, weight: 5, port: mongo.port, target, ttl: 60 }],
  "node1.cluster0.tether.test": [{ type: Packet.TYPE.A, address: "127.0.0.1", ttl: 60 }],
  "evil.example.org": [{ type: Packet.TYPE.A, address: "127.0.0.1", ttl: 60 }],
  ...(txt ? { "cluster0.tether.test": [{ type: Packet.TYPE.TXT, data: txt, ttl: 60 }] } : {}),
});

const probe = (connectionString: string, over: Record<string, unknown> = {}) =>
  probeWithBase(mongodbProbe, mongodbConfigSchema, { connectionString, password: user.password, resolver, ...over })({}, probeContext({ timeoutMs: 3_000 }));

describe("MongoDB probe over mongodb+srv://", () => {
  it("finds the hosts in the SRV records, takes authSource and replicaSet from the TXT record, and passes", async () => {
    zone = srvZone(undefined, "authSource=admin&replicaSet=rs0");
    const r = await probe("mongodb+srv://monitor@cluster0.tether.test/?tls=false");
    expect(r).toMatchObject({ ok: true, details: { seedlist: [`node1.cluster0.tether.test:${mongo.port}`], setName: "rs0", serverVersion: "8.0.3" } });
    expect(r.details?.host).toBe(`node1.cluster0.tether.test:${mongo.port}`);
  });

  it("refuses an SRV record that points outside the parent domain, as the spec requires", async () => {
    zone = srvZone("evil.example.org");
    const r = await probe("mongodb+srv://monitor@cluster0.tether.test/?tls=false&authSource=admin");
    expect(r).toMatchObject({ ok: false, errorClass: "dns", retryable: false });
    if (!r.ok) expect(r.message).toBe("The SRV record points to evil.example.org, which is not under tether.test; refusing it as the spec requires");
  });

  it("refuses a TXT record that sets anything but authSource and replicaSet", async () => {
    zone = srvZone(undefined, "authSource=admin&proxyHost=10.0.0.9");
    const r = await probe("mongodb+srv://monitor@cluster0.tether.test/?tls=false");
    expect(r).toMatchObject({ ok: false, errorClass: "dns" });
    if (!r.ok) expect(r.message).toContain("sets proxyHost, which only authSource and replicaSet may");
  });

  it("says so when the name has no SRV records, and times out on a resolver that never answers", async () => {
    zone = {};
    const missing = await probe("mongodb+srv://monitor@cluster0.tether.test/?tls=false");
    expect(missing).toMatchObject({ ok: false, errorClass: "dns", retryable: true });
    if (!missing.ok) expect(missing.message).toBe("No SRV records for _mongodb._tcp.cluster0.tether.test");
    const quiet = await probeWithBase(mongodbProbe, mongodbConfigSchema, {
      connectionString: "mongodb+srv://monitor@cluster0.tether.test/",
      password: user.password,
      resolver: silentResolver,
    })({}, probeContext({ timeoutMs: 500 }));
    expect(quiet).toMatchObject({ ok: false, errorClass: "timeout" });
  });

  it("treats the resolver as an outbound target: a private one is refused unless private targets are allowed", async () => {
    zone = srvZone(undefined, "authSource=admin");
    const r = await probeWithBase(mongodbProbe, mongodbConfigSchema, {
      connectionString: "mongodb+srv://monitor@cluster0.tether.test/",
      password: user.password,
      resolver,
    })({}, probeContext({ timeoutMs: 1_000, allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    expect(r.details?.seedlist).toBeUndefined();
  });

  it("turns TLS on by default for mongodb+srv://, as the driver does: a plain server then fails to connect", async () => {
    zone = srvZone(undefined, "authSource=admin");
    const r = await probe("mongodb+srv://monitor@cluster0.tether.test/");
    expect(r.ok).toBe(false);
    expect(r.details?.seedlist).toEqual([`node1.cluster0.tether.test:${mongo.port}`]);
  });
});
