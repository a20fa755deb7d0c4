// The PostgreSQL probe against the real test server (from the int global setup) and a few fake servers for what a
// healthy local server cannot do: ask for a password, speak TLS, speak something else, or never answer.
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import tls from "node:tls";
import pg from "pg";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProbeContext } from "../types";
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

function ctx(opts: { timeoutMs?: number; signal?: AbortSignal; allowPrivateNetworks?: boolean } = {}): ProbeContext {
  return {
    signal: opts.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? 5_000,
    now: Date.now,
    outbound: { allowPrivateNetworks: opts.allowPrivateNetworks ?? true },
  };
}

function probe(config: Record<string, unknown>, context: ProbeContext = ctx()) {
  return postgresProbe.run(postgresConfigSchema.parse({ ...real, ...config }), context);
}

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

interface Fake {
  server: Server;
  port: number;
  sockets: Set<Socket>;
  /** Resolves with each connection's socket as it arrives. */
  nextConnection: () => Promise<Socket>;
}

async function fakeServer(onConnection: (socket: Socket) => void): Promise<Fake> {
  const sockets = new Set<Socket>();
  const waiting: ((s: Socket) => void)[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    waiting.shift()?.(socket);
    onConnection(socket);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, sockets, nextConnection: () => new Promise((r) => waiting.push(r)) };
}

async function closeFake(fake: Fake) {
  for (const s of fake.sockets) s.destroy();
  await new Promise((r) => fake.server.close(r));
}

let hanging: Fake;
let closedPort: number;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${database}`);
  await adminQuery("CREATE TABLE items (id int primary key); INSERT INTO items VALUES (1), (2), (3)", database);
  // Accepts the connection and never answers: the honest way to exercise a timeout.
  hanging = await fakeServer(() => undefined);
  const spare = await fakeServer(() => undefined);
  closedPort = spare.port;
  await closeFake(spare);
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
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: 'Query failed: relation "no_such_table" does not exist', details: { role: "primary" } });
  });

  it("stops a slow query at the statement timeout", async () => {
    const r = await probe({ query: "SELECT pg_sleep(10)" }, ctx({ timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", retryable: true, message: "The query did not finish within 300 ms (statement timeout)" });
  });

  it.each([
    ["an unknown role", () => ({ user: "tether_probe_test_nobody" }), "auth", /role "tether_probe_test_nobody" does not exist/, false],
    ["an unknown database", () => ({ database: "tether_probe_test_missing" }), "config", /database "tether_probe_test_missing" does not exist; check the database name/, false],
    ["a refused connection", () => ({ host: "127.0.0.1", port: closedPort }), "connect", /ECONNREFUSED/, true],
    ["an unresolvable host", () => ({ host: "tether-nonexistent.invalid" }), "dns", /DNS lookup failed/, true],
  ])("classifies %s", async (_name, config, errorClass, message, retryable) => {
    const r = await probe(config());
    expect(r).toMatchObject({ ok: false, errorClass, retryable });
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("refuses a loopback target unless private networks are allowed", async () => {
    const r = await probe({}, ctx({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    if (!r.ok) expect(r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
  });

  it("times out on abort against a server that never answers, and closes its socket", async () => {
    const controller = new AbortController();
    const arrived = hanging.nextConnection().then((socket) => {
      controller.abort();
      return socket;
    });
    const r = await probe({ host: "127.0.0.1", port: hanging.port }, ctx({ timeoutMs: 250, signal: controller.signal }));
    expect(r).toEqual({ ok: false, errorClass: "timeout", message: "No response within 250 ms", latencyMs: 250, retryable: true });
    const socket = await arrived;
    if (!socket.closed) await new Promise((resolve) => socket.once("close", resolve));
    expect(hanging.sockets.size).toBe(0);
  });

  it("times out by itself (connect timeout) when nobody aborts", async () => {
    const r = await probe({ host: "127.0.0.1", port: hanging.port }, ctx({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms" });
  });

  it("returns timeout at once when the signal is already aborted", async () => {
    const r = await probe({}, ctx({ signal: AbortSignal.abort(), timeoutMs: 1_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 1000 ms" });
  });

  it("reports a password the server asks for but is not configured as auth", async () => {
    const fake = await fakeServer((socket) => {
      socket.once("data", () => {
        socket.write(askForCleartextPassword);
        socket.once("data", () => socket.end(errorResponse("28P01", 'password authentication failed for user "app"')));
      });
    });
    try {
      const r = await probe({ host: "127.0.0.1", port: fake.port, user: "app", password: undefined });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "auth",
        retryable: false,
        message: 'The server asked for a password and none is configured (password authentication failed for user "app")',
      });
      const withPassword = await probe({ host: "127.0.0.1", port: fake.port, user: "app", password: "wrong" });
      expect(withPassword).toMatchObject({ ok: false, errorClass: "auth", message: 'password authentication failed for user "app"' });
    } finally {
      await closeFake(fake);
    }
  });

  it("reports something that is not PostgreSQL as protocol", async () => {
    // A MySQL server speaks first: a 100-byte greeting, which pg reads as a CopyData message before login.
    const payload = Buffer.concat([Buffer.from("\n5.5.5-10.11.0-MariaDB\0"), Buffer.alloc(77)]);
    const greeting = Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]);
    const fake = await fakeServer((socket) => socket.write(greeting));
    try {
      const r = await probe({ host: "127.0.0.1", port: fake.port });
      expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    } finally {
      await closeFake(fake);
    }
  });

  describe("TLS", () => {
    let fake: Fake;
    beforeAll(async () => {
      const pems = await generate([{ name: "commonName", value: "localhost" }], { keySize: 2048 });
      // Says yes to SSLRequest, then (over TLS) refuses the login, so reaching it proves the handshake passed.
      fake = await fakeServer((socket) => {
        socket.once("data", () => {
          socket.write("S");
          const secure = new tls.TLSSocket(socket, { isServer: true, key: pems.private, cert: pems.cert });
          secure.on("error", () => undefined);
          secure.once("data", () => secure.end(errorResponse("28P01", "reached over TLS")));
        });
      });
    });
    afterAll(() => closeFake(fake));

    it("refuses TLS to a server without it", async () => {
      const plain = await fakeServer((socket) => socket.once("data", (d) => socket.write(d.equals(SSL_REQUEST) ? "N" : "E")));
      try {
        const r = await probe({ host: "127.0.0.1", port: plain.port, ssl: "require" });
        expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false, message: "The server does not support SSL connections" });
      } finally {
        await closeFake(plain);
      }
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
