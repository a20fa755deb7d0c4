// The PostgreSQL probe against the real test server (from the int global setup) and a few fake servers for what a
// healthy local server cannot do: ask for a password, speak TLS, speak something else, or never answer.
import tls from "node:tls";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  abortOnNextConnection,
  closeFake,
  fakeServer,
  fakeServerForTest,
  findClosedPort,
  muteServer,
  probeContext,
  probeWithBase,
  selfSignedCertificate,
  socketClosed,
  type FakeServer,
} from "../testing/harness";
import { postgresConfigSchema } from "./config";
import { postgresProbe } from "./postgres-probe";

const admin = new URL(process.env.TETHER_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const database = `tether_probe_test_${Math.random().toString(36).slice(2, 10)}`;
const real = {
  host: admin.hostname,
  port: Number(admin.port || 5432),
  user: decodeURIComponent(admin.username),
  password: admin.password ? decodeURIComponent(admin.password) : undefined,
  database,
};

const probe = probeWithBase(postgresProbe, postgresConfigSchema, real);

async function adminQuery(sql: string, db = admin.pathname.slice(1) || "postgres") {
  const url = new URL(admin);
  url.pathname = `/${db}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// --- fake servers -------------------------------------------------------------------------------------------

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

function errorResponse(code: string, text: string): Buffer {
  const field = (t: string, v: string) => Buffer.from(`${t}${v}\0`);
  return message("E", Buffer.concat([field("S", "FATAL"), field("V", "FATAL"), field("C", code), field("M", text), Buffer.from([0])]));
}

const askForCleartextPassword = message("R", Buffer.from([0, 0, 0, 3]));
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${database}`);
  await adminQuery("CREATE TABLE items (id int primary key); INSERT INTO items VALUES (1), (2), (3)", database);
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describe("PostgreSQL probe", () => {
  it("passes SELECT 1 and reports version, role and rows; a primary's lag is null and passes any limit", async () => {
    const r = await probe({ maxReplicationLagSeconds: 0 });
    expect(r).toMatchObject({ ok: true, details: { inRecovery: false, role: "primary", replicationLagSeconds: null, rows: 1 } });
    expect(r.details?.serverVersion).toMatch(/^\d+/);
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("counts the rows of the configured query", async () => {
    const r = await probe({ query: "SELECT id FROM items ORDER BY id" });
    expect(r).toMatchObject({ ok: true, details: { rows: 3 } });
  });

  it.each([
    ["a write", "INSERT INTO items VALUES (4)", /tried to write .*read-only transaction/],
    ["a write behind a COMMIT", "COMMIT; DELETE FROM items", /more than one statement/],
    ["a data-modifying CTE", "WITH gone AS (DELETE FROM items RETURNING id) SELECT count(*) FROM gone", /tried to write/],
  ])("refuses %s as an assertion failure, and the table is untouched", async (_name, query, message) => {
    const r = await probe({ query });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", retryable: false });
    if (!r.ok) expect(r.message).toMatch(message);
    const count = await adminQuery("SELECT count(*)::int AS n FROM items", database);
    expect(count.rows[0]).toEqual({ n: 3 });
  });

  it("reports a failing query as an assertion with the database's message", async () => {
    const r = await probe({ query: "SELECT * FROM no_such_table" });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      message: 'Query failed: relation "no_such_table" does not exist',
      details: { role: "primary" },
    });
  });

  it("stops a slow query at the statement timeout", async () => {
    const r = await probe({ query: "SELECT pg_sleep(10)" }, probeContext({ timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", retryable: true, message: "The query did not finish within 300 ms (statement timeout)" });
  });

  it.each([
    ["an unknown role", () => ({ user: "tether_probe_test_nobody" }), "auth", /role "tether_probe_test_nobody" does not exist/, false],
    [
      "an unknown database",
      () => ({ database: "tether_probe_test_missing" }),
      "config",
      /database "tether_probe_test_missing" does not exist; check the database name/,
      false,
    ],
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
    if (!r.ok) expect(r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
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

  it("returns timeout at once when the signal is already aborted", async () => {
    const r = await probe({}, probeContext({ signal: AbortSignal.abort(), timeoutMs: 1_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 1000 ms" });
  });

  it("reports a password the server asks for but is not configured as auth", async () => {
    const fake = await fakeServerForTest((socket) => {
      socket.once("data", () => {
        socket.write(askForCleartextPassword);
        socket.once("data", () => socket.end(errorResponse("28P01", 'password authentication failed for user "app"')));
      });
    });
    const r = await probe({ host: "127.0.0.1", port: fake.port, user: "app", password: undefined });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "auth",
      retryable: false,
      message: 'The server asked for a password and none is configured (password authentication failed for user "app")',
    });
    const withPassword = await probe({ host: "127.0.0.1", port: fake.port, user: "app", password: "wrong" });
    expect(withPassword).toMatchObject({ ok: false, errorClass: "auth", message: 'password authentication failed for user "app"' });
  });

  it("reports something that is not PostgreSQL as protocol", async () => {
    // A MySQL server speaks first: a 100-byte greeting, which pg reads as a CopyData message before login.
    const payload = Buffer.concat([Buffer.from("\n5.5.5-10.11.0-MariaDB\0"), Buffer.alloc(77)]);
    const greeting = Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]);
    const fake = await fakeServerForTest((socket) => socket.write(greeting));
    const r = await probe({ host: "127.0.0.1", port: fake.port });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
  });

  describe("TLS", () => {
    let fake: FakeServer;
    beforeAll(async () => {
      const credentials = await selfSignedCertificate();
      // Says yes to SSLRequest, then (over TLS) refuses the login, so reaching it proves the handshake passed.
      fake = await fakeServer((socket) => {
        socket.once("data", () => {
          socket.write("S");
          const secure = new tls.TLSSocket(socket, { isServer: true, ...credentials });
          secure.on("error", () => undefined);
          secure.once("data", () => secure.end(errorResponse("28P01", "reached over TLS")));
        });
      });
    });
    afterAll(() => closeFake(fake));

    it("refuses TLS to a server without it", async () => {
      const plain = await fakeServerForTest((socket) => socket.once("data", (d) => socket.write(d.equals(SSL_REQUEST) ? "N" : "E")));
      const r = await probe({ host: "127.0.0.1", port: plain.port, ssl: "require" });
      expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false, message: "The server does not support SSL connections" });
    });

    it("require encrypts without checking the certificate", async () => {
      const r = await probe({ host: "localhost", port: fake.port, ssl: "require" });
      expect(r).toMatchObject({ ok: false, errorClass: "auth", message: "reached over TLS" });
    });

    it("verify-full rejects a self-signed certificate as tls, checked against the host name", async () => {
      const r = await probe({ host: "localhost", port: fake.port, ssl: "verify-full" });
      expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false });
      if (!r.ok) expect(r.message).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    });
  });
});
