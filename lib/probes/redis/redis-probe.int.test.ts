// The Redis probe against the real local server (a scratch ACL user for the auth cases) and fake servers for
// what it cannot do here: present a certificate, speak something else, hang up, or never answer.
import type { Socket } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  abortOnNextConnection,
  closeFake,
  fakeServerForTest,
  findClosedPort,
  muteServer,
  probeContext,
  probeWithBase,
  selfSignedTlsServer,
  socketClosed,
  type FakeServer,
} from "../testing/harness";
import { redisConfigSchema } from "./config";
import { redisProbe } from "./redis-probe";

const target = new URL(process.env.TETHER_TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const real = { host: target.hostname, port: Number(target.port || 6379), password: target.password ? decodeURIComponent(target.password) : undefined };
const user = `tether_probe_test_${Math.random().toString(36).slice(2, 10)}`;
const pingOnly = `${user}_ping`;
const password = `pw-${Math.random().toString(36).slice(2)}`;

// Stays connected for the whole file: an admin for the ACL users, and a second client for the client-limit case.
let admin: Redis;

const probe = probeWithBase(redisProbe, redisConfigSchema, real);

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  admin = new Redis({ host: real.host, port: real.port, password: real.password, lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  await admin.call("ACL", "SETUSER", user, "on", `>${password}`, "~*", "+@all");
  await admin.call("ACL", "SETUSER", pingOnly, "on", `>${password}`, "+ping");
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
  await admin.call("ACL", "DELUSER", user, pingOnly);
  await admin.quit();
});

describe("Redis probe", () => {
  it("passes PING and INFO and reports version, memory, clients and role", async () => {
    const r = await probe({});
    expect(r).toMatchObject({ ok: true, details: { role: "primary" } });
    expect(r.details?.redisVersion).toMatch(/^\d+\.\d+/);
    expect(r.details?.usedMemoryBytes).toBeGreaterThan(0);
    expect(r.details?.connectedClients).toBeGreaterThanOrEqual(2); // the admin and the probe itself
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("logs in as an ACL user, selects another database, and passes generous limits", async () => {
    const r = await probe({ username: user, password, db: 1, maxMemoryBytes: 1024 ** 4, maxConnectedClients: 100_000 });
    expect(r).toMatchObject({ ok: true });
  });

  it("fails the memory limit as an assertion naming both numbers", async () => {
    const r = await probe({ maxMemoryBytes: 1024 });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/^Used memory [\d.]+ MiB \(\d+ bytes\) is over the limit of 1\.0 KiB \(1024 bytes\)$/);
    expect(r.details?.usedMemoryBytes).toBeGreaterThan(1024);
  });

  it("fails the client limit as an assertion naming both numbers", async () => {
    const r = await probe({ maxConnectedClients: 1 });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion" });
    if (!r.ok) expect(r.message).toMatch(/^Connected clients \d+ is over the limit of 1$/);
  });

  it.each([
    ["a wrong password", () => ({ username: user, password: "wrong" }), "auth", /^WRONGPASS/, false],
    ["a user without INFO", () => ({ username: pingOnly, password }), "auth", /^NOPERM/, false],
    ["a database index out of range", () => ({ db: 9_999 }), "config", /DB index is out of range; check the database index$/, false],
    ["a refused connection", () => ({ host: "127.0.0.1", port: closedPort }), "connect", /ECONNREFUSED/, true],
    ["an unresolvable host", () => ({ host: "tether-nonexistent.invalid" }), "dns", /DNS lookup failed/, true],
  ])("classifies %s", async (_name, config, errorClass, message, retryable) => {
    const r = await probe(config());
    expect(r).toMatchObject({ ok: false, errorClass, retryable });
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("refuses a loopback target unless private networks are allowed", async () => {
    const r = await probe({}, probeContext({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
  });

  it("times out on abort against a server that never answers, and closes its socket", async () => {
    const abort = abortOnNextConnection(hanging);
    const r = await probe({ host: "127.0.0.1", port: hanging.port }, probeContext({ timeoutMs: 250, signal: abort.signal }));
    expect(r).toEqual({ ok: false, errorClass: "timeout", message: "No response within 250 ms", latencyMs: 250, retryable: true });
    await socketClosed(await abort.socket);
    expect(hanging.sockets.size).toBe(0);
  });

  it("times out by itself (command timeout) when nobody aborts", async () => {
    const r = await probe({ host: "127.0.0.1", port: hanging.port }, probeContext({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms", retryable: true });
  });

  it.each([
    ["an HTTP server", (s: Socket) => s.once("data", () => s.write("HTTP/1.1 400 Bad Request\r\n\r\n")), /^Not a Redis server\? Unknown RESP type 72 "H"/],
    ["a server that answers PING with something else", (s: Socket) => s.on("data", () => s.write("+HELLO\r\n")), /^PING answered "HELLO", expected PONG$/],
  ])("reports %s as protocol", async (_name, behave, message) => {
    const fake = await fakeServerForTest(behave);
    const r = await probe({ host: "127.0.0.1", port: fake.port });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("reports a server that hangs up without a word as connect", async () => {
    const fake = await fakeServerForTest((s) => s.once("data", () => s.end()));
    const r = await probe({ host: "127.0.0.1", port: fake.port });
    expect(r).toMatchObject({ ok: false, errorClass: "connect", retryable: true, message: "The server closed the connection before answering" });
  });

  it("checks the certificate with tls on: a self-signed one fails as tls, against the host name", async () => {
    const fake = await selfSignedTlsServer();
    const r = await probe({ host: "localhost", port: fake.port, tls: true });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
  });
});
