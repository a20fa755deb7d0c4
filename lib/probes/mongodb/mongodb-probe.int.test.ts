// The MongoDB probe on the official driver against a local server speaking the wire protocol (OP_MSG, BSON,
// SCRAM-SHA-256), since no MongoDB server can be installed on these machines: a standalone server, replica-set
// members with and without lag, a wrong password, a reply held back, a refused port and a server that never answers.
import { afterEach, describe, expect, it } from "vitest";
import { closeFake, findClosedPort, muteServer, probeContext, probeWithBase, selfSignedCertificate } from "../testing/harness";
import { mongodbConfigSchema } from "./config";
import { mongodbProbe } from "./mongodb-probe";
import { startMongoTestServer, type MongoTestServer, type MongoTestServerOptions } from "./testing/mongo-wire-server";

const user = { name: "monitor", password: "s3cret-Passw0rd" };
const now = new Date("2026-12-01T12:00:00Z");
const secondsBefore = (s: number) => new Date(now.getTime() - s * 1000);

let servers: MongoTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const started = await startMongoTestServer({ user, ...options });
  servers.push(started);
  return started;
}

const probeAt = (port: number, connection = `mongodb://monitor@127.0.0.1:${port}/?authSource=admin`) =>
  probeWithBase(mongodbProbe, mongodbConfigSchema, { connectionString: connection, password: user.password });

const replicaSet = (lagSeconds: number, self = 0): MongoTestServerOptions["replicaSet"] => ({
  name: "rs0",
  self,
  members: [{ state: "PRIMARY", optimeDate: now }, { state: "SECONDARY", optimeDate: secondsBefore(lagSeconds) }, { state: "ARBITER" }],
});

describe("MongoDB probe", () => {
  it("passes against a standalone server: authenticates with SCRAM-SHA-256, reports version and role, and finds one document", async () => {
    const mongo = await server({
      version: "7.0.14",
      collections: {
        "app.orders": [
          { _id: 1, status: "open" },
          { _id: 2, status: "paid" },
        ],
      },
    });
    const r = await probeAt(mongo.port)({ database: "app", collection: "orders", filter: { status: "paid" }, maxReplicationLagSeconds: 5 });
    expect(r).toMatchObject({ ok: true, details: { serverVersion: "7.0.14", role: "standalone", rows: 1 } });
    expect(r.details).not.toHaveProperty("setName");
    expect(mongo.commands).toEqual(expect.arrayContaining(["saslStart", "saslContinue", "hello", "ping", "buildInfo", "find"]));
    expect(mongo.commands).not.toContain("replSetGetStatus");
    // The driver opens each connection with the legacy isMaster over OP_QUERY, then speaks OP_MSG.
    expect(mongo.opcodes.query).toBeGreaterThan(0);
    expect(mongo.opcodes.msg).toBeGreaterThan(mongo.opcodes.query);
    expect(mongo.finds[0]).toMatchObject({ find: "orders", $db: "app", filter: { status: "paid" }, limit: 1 });
  });

  it("counts no rows when the filter matches nothing, and still passes", async () => {
    const mongo = await server({ collections: { "app.orders": [{ _id: 1, status: "open" }] } });
    const r = await probeAt(mongo.port)({ database: "app", collection: "orders", filter: { status: "gone" } });
    expect(r).toMatchObject({ ok: true, details: { rows: 0 } });
  });

  it("reads a replica set's state and member lag from a secondary, within the limit", async () => {
    const mongo = await server({ replicaSet: replicaSet(3, 1) });
    const r = await probeAt(mongo.port)({ maxReplicationLagSeconds: 10 });
    expect(r).toMatchObject({ ok: true, details: { role: "secondary", setName: "rs0", replicationLagSeconds: 3 } });
    expect(r.details?.members).toEqual([
      { name: `127.0.0.1:${mongo.port}`, state: "PRIMARY", healthy: true, lagSeconds: null },
      { name: `127.0.0.1:${mongo.port + 1}`, state: "SECONDARY", healthy: true, lagSeconds: 3 },
      { name: `127.0.0.1:${mongo.port + 2}`, state: "ARBITER", healthy: true, lagSeconds: null },
    ]);
  });

  it("fails as an assertion when a member lags more than the limit", async () => {
    const mongo = await server({ replicaSet: replicaSet(45) });
    const r = await probeAt(mongo.port)({ maxReplicationLagSeconds: 30 });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      retryable: false,
      message: `Member 127.0.0.1:${mongo.port + 1} is 45 s behind the primary, over the limit of 30 s`,
      details: { role: "primary", replicationLagSeconds: 45 },
    });
  });

  it("reports a wrong password as auth, not retried", async () => {
    const mongo = await server();
    const r = await probeAt(mongo.port)({ password: "not-the-password" });
    expect(r).toMatchObject({ ok: false, errorClass: "auth", retryable: false, message: "Authentication failed." });
    expect(mongo.commands).toContain("saslContinue");
  });

  it("reports a command the user may not run as auth", async () => {
    const mongo = await server({ replicaSet: replicaSet(0) });
    const r = await probeAt(mongo.port, `mongodb://127.0.0.1:${mongo.port}/`)({ password: undefined });
    expect(r).toMatchObject({ ok: false, errorClass: "auth", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/^Could not read the replica set's state: The user may not run this/);
  });

  it("reports a refused port as connect, without waiting out server selection", async () => {
    const port = await findClosedPort();
    const r = await probeAt(port)({}, probeContext({ timeoutMs: 4_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "connect", retryable: true });
    if (!r.ok) expect(r.message).toMatch(/ECONNREFUSED/);
    expect(r.latencyMs).toBeLessThan(4_000);
  });

  it("times out when the server holds back its reply to ping", async () => {
    const mongo = await server({ delayMs: { ping: 60_000 } });
    const r = await probeAt(mongo.port)({}, probeContext({ timeoutMs: 400 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", retryable: true, message: "No response within 400 ms", latencyMs: 400 });
    expect(mongo.commands).toContain("ping");
  });

  it("times out against a server that accepts and never answers", async () => {
    const mute = await muteServer();
    try {
      const r = await probeAt(mute.port)({}, probeContext({ timeoutMs: 300 }));
      expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 300 ms" });
    } finally {
      await closeFake(mute);
    }
  });

  it("reports a server too old for the driver (MongoDB 3.4, wire version 5) as protocol", async () => {
    const mongo = await server({ version: "3.4.24", maxWireVersion: 5 });
    const r = await probeAt(mongo.port)({});
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/wire version 5/);
  });

  it("speaks TLS when the string asks for it, and reports an untrusted certificate as tls, not retried", async () => {
    const mongo = await server({ tls: await selfSignedCertificate() });
    const connection = (options: string) => `mongodb://monitor@127.0.0.1:${mongo.port}/?authSource=admin&${options}`;
    const trusted = await probeAt(mongo.port, connection("tls=true&tlsAllowInvalidCertificates=true"))({});
    expect(trusted).toMatchObject({ ok: true, details: { role: "standalone" } });
    const checked = await probeAt(mongo.port, connection("tls=true"))({});
    expect(checked).toMatchObject({ ok: false, errorClass: "tls", retryable: false });
  });

  it("refuses a loopback target unless private networks are allowed", async () => {
    const mongo = await server();
    const r = await probeAt(mongo.port)({}, probeContext({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
    expect(mongo.commands).toEqual([]);
  });

  it("refuses an option a secret smuggled into the connection string as config, before connecting", async () => {
    const mongo = await server();
    const r = await probeAt(mongo.port)({});
    expect(r).toMatchObject({ ok: true });
    const smuggled = { connectionString: `mongodb://monitor@127.0.0.1:${mongo.port}/?proxyHost=10.0.0.1`, password: user.password };
    const refused = await mongodbProbe.run(smuggled as never, probeContext());
    expect(refused).toMatchObject({ ok: false, errorClass: "config", retryable: false });
    if (!refused.ok) expect(refused.message).toMatch(/The option proxyHost is not supported here/);
    expect(mongo.commands.filter((c) => c === "saslStart")).toHaveLength(1);
  });

  it("moves on to the next host of the string when the first refuses", async () => {
    const mongo = await server();
    const closed = await findClosedPort();
    const r = await probeAt(mongo.port, `mongodb://monitor@127.0.0.1:${closed},127.0.0.1:${mongo.port}/?authSource=admin`)({});
    expect(r).toMatchObject({ ok: true, details: { host: `127.0.0.1:${mongo.port}` } });
  });
});
