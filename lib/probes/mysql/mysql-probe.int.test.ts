// The MySQL / MariaDB probe against the real local server, plus fake servers for what it cannot do here: speak
// TLS, be some other service, or never answer.
import net from "node:net";
import mysql from "mysql2/promise";
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
import { mysqlConfigSchema } from "./config";
import { mysqlProbe } from "./mysql-probe";

const admin = new URL(process.env.TETHER_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306");
const scratch = `tether_probe_test_${Math.random().toString(36).slice(2, 10)}`;
const scratchPassword = `pw-${Math.random().toString(36).slice(2)}`;
const real = { host: admin.hostname, port: Number(admin.port || 3306), user: decodeURIComponent(admin.username), password: decodeURIComponent(admin.password) };
// The scratch user is created for the host the probe connects from (the server sees the loopback address).
const scratchUser = `'${scratch}'@'${admin.hostname === "localhost" ? "localhost" : "127.0.0.1"}'`;

const probe = probeWithBase(mysqlProbe, mysqlConfigSchema, real);

async function adminQuery(sql: string) {
  const conn = await mysql.createConnection({ host: real.host, port: real.port, user: real.user, password: real.password });
  try {
    const [rows] = await conn.query(sql);
    return rows;
  } finally {
    await conn.end();
  }
}

// --- fake servers -------------------------------------------------------------------------------------------

function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
}

/** A protocol-10 greeting that offers TLS (CLIENT_SSL) with the usual 4.1 capabilities. */
function greetingWithTls(): Buffer {
  const capabilities = 0x0001 | 0x0004 | 0x0200 | 0x0800 | 0x8000 | 0x0008_0000;
  const low = Buffer.alloc(2);
  low.writeUInt16LE(capabilities & 0xffff);
  const high = Buffer.alloc(2);
  high.writeUInt16LE(capabilities >>> 16);
  return packet(
    0,
    Buffer.concat([
      Buffer.from([10]),
      Buffer.from("8.0.99-fake\0"),
      Buffer.from([1, 0, 0, 0]),
      Buffer.from("abcdefgh\0"),
      low,
      Buffer.from([33, 2, 0]),
      high,
      Buffer.from([21]),
      Buffer.alloc(10),
      Buffer.from("ijklmnopqrst\0mysql_native_password\0"),
    ]),
  );
}

const SSL_REQUEST_BYTES = 4 + 32;

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${scratch}`);
  await adminQuery(`CREATE TABLE ${scratch}.items (id int primary key)`);
  await adminQuery(`INSERT INTO ${scratch}.items VALUES (1), (2), (3)`);
  await adminQuery(`CREATE USER ${scratchUser} IDENTIFIED BY '${scratchPassword}'`);
  await adminQuery(`GRANT SELECT ON ${scratch}.* TO ${scratchUser}`);
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
  await adminQuery(`DROP USER IF EXISTS ${scratchUser}`);
  await adminQuery(`DROP DATABASE IF EXISTS ${scratch}`);
});

describe("MySQL probe", () => {
  it("passes SELECT 1 and reports the server version and rows", async () => {
    const r = await probe({});
    expect(r).toMatchObject({ ok: true, details: { rows: 1 } });
    expect(r.details?.serverVersion).toMatch(/^\d+\.\d+/);
    expect(r.details).not.toHaveProperty("replicationLagSeconds");
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("logs in with a password and counts the rows of the configured query", async () => {
    const r = await probe({ user: scratch, password: scratchPassword, database: scratch, query: "SELECT id FROM items" });
    expect(r).toMatchObject({ ok: true, details: { rows: 3 } });
  });

  it("passes a lag limit on a server that is not a replica", async () => {
    const r = await probe({ maxReplicationLagSeconds: 0 });
    expect(r).toMatchObject({ ok: true, details: { isReplica: false, replicationLagSeconds: null } });
  });

  it("reports a user who may not read the replica status as auth, naming the step", async () => {
    const r = await probe({ user: scratch, password: scratchPassword, maxReplicationLagSeconds: 10 });
    expect(r).toMatchObject({ ok: false, errorClass: "auth", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/^Could not read the replica status: Access denied/);
  });

  it.each([
    ["a write", () => `INSERT INTO ${scratch}.items VALUES (4)`, /tried to write .*READ ONLY transaction/],
    ["a second statement", () => `SELECT 1; DELETE FROM ${scratch}.items`, /^Query failed: You have an error in your SQL syntax/],
    ["DDL, which would commit implicitly", () => `DROP TABLE ${scratch}.items`, /tried to write/],
  ])("refuses %s, and the table is untouched", async (_name, query, message) => {
    const r = await probe({ query: query() });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", retryable: false });
    if (!r.ok) expect(r.message).toMatch(message);
    expect(await adminQuery(`SELECT count(*) AS n FROM ${scratch}.items`)).toEqual([{ n: 3 }]);
  });

  it("reports a failing query as an assertion with the server's message", async () => {
    const r = await probe({ database: scratch, query: "SELECT * FROM no_such_table" });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: `Query failed: Table '${scratch}.no_such_table' doesn't exist` });
  });

  it("stops a slow query at the server-side time limit", async () => {
    const r = await probe({ query: "SELECT SLEEP(10)" }, probeContext({ timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", retryable: true });
    // MariaDB's max_statement_time interrupts SLEEP with an error (MySQL's SLEEP would return 1 instead).
    if (!r.ok) expect(r.message).toBe("The query did not finish within 300 ms (statement time limit)");
  });

  it.each([
    ["a wrong password", () => ({ user: scratch, password: "wrong" }), "auth", /^Access denied for user/, false],
    ["a table the user may not read", () => ({ user: scratch, password: scratchPassword, query: "SELECT * FROM mysql.user" }), "auth", /denied/, false],
    ["an unknown database", () => ({ database: `${scratch}_missing` }), "config", /^Unknown database .*; check the database name$/, false],
    ["a refused connection", () => ({ host: "127.0.0.1", port: closedPort }), "connect", /ECONNREFUSED/, true],
    ["an unresolvable host", () => ({ host: "tether-nonexistent.invalid" }), "dns", /DNS lookup failed/, true],
    ["TLS to a server without it", () => ({ ssl: true }), "tls", /^The server does not support TLS$/, false],
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

  it("times out by itself (connect timeout) when nobody aborts", async () => {
    const r = await probe({ host: "127.0.0.1", port: hanging.port }, probeContext({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms" });
  });

  it("reports another service on the port as protocol, quoting its greeting", async () => {
    const fake = await fakeServerForTest((socket) => socket.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
    const r = await probe({ host: "127.0.0.1", port: fake.port });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "protocol",
      retryable: false,
      message: 'Not a MySQL server: it greeted with "SSH-2.0-OpenSSH_9.2p1 Debian-2"',
    });
  });

  it("checks the server certificate with ssl on: a self-signed one fails as tls", async () => {
    const tlsServer = await selfSignedTlsServer();
    // Greets offering TLS, then hands everything after the client's SSL request to a real TLS server.
    const fake = await fakeServerForTest((socket) => {
      socket.write(greetingWithTls());
      socket.once("data", (chunk) => {
        const upstream = net.connect(tlsServer.port, "127.0.0.1");
        upstream.on("error", () => undefined);
        upstream.write(chunk.subarray(SSL_REQUEST_BYTES));
        socket.pipe(upstream).pipe(socket);
      });
    });
    const r = await probe({ host: "localhost", port: fake.port, ssl: true });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false, message: "TLS handshake failed (self-signed certificate)" });
  });
});
