// The certificate-expiry probe against local TLS servers with generated certificates: valid, expiring, expired,
// untrusted, wrong name; plus a silent peer, a refused port, a plain-text peer and the SSRF guard.
import type { Server, Socket } from "node:net";
import tls from "node:tls";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeFake, deadlineContext, fakeServer, findClosedPort, type ContextOptions, type FakeServer } from "../testing/harness";
import { tlsConfigSchema } from "./config";
import { tlsProbe } from "./tls-probe";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const fakes: FakeServer[] = [];
const seenServernames: string[] = [];

/** A local server playing one scripted peer (built by `make`, plain TCP by default); closed in afterAll. */
async function serve(onConnection: (socket: Socket) => void, make?: (handler: (socket: Socket) => void) => Server): Promise<number> {
  const fake = await fakeServer(onConnection, make);
  fakes.push(fake);
  return fake.port;
}

/** A TLS server whose self-signed certificate (for localhost and 127.0.0.1) is valid between the two offsets from now. */
async function tlsServer(fromMs: number, toMs: number): Promise<number> {
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now + fromMs),
    notAfterDate: new Date(now + toMs),
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return serve(
    (s) => s.end(),
    (handler) => {
      const server = tls.createServer(
        {
          key: pems.private,
          cert: pems.cert,
          // Runs while the ClientHello is read, so the name is recorded before the client's handshake completes.
          SNICallback: (servername, cb) => {
            seenServernames.push(servername);
            cb(null, undefined);
          },
        },
        handler,
      );
      server.on("tlsClientError", () => undefined);
      return server;
    },
  );
}

let valid: number;
let expiring: number;
let expired: number;
let notYet: number;
let mute: number;
let plain: number;
let closedPort: number;

beforeAll(async () => {
  [valid, expiring, expired, notYet] = await Promise.all([
    tlsServer(-DAY, 90 * DAY + HOUR),
    tlsServer(-DAY, 3 * DAY + HOUR),
    tlsServer(-30 * DAY, -(2 * DAY + HOUR)),
    tlsServer(5 * DAY, 100 * DAY),
  ]);
  mute = await serve(() => undefined);
  plain = await serve((s) => s.write("220 tether.test ESMTP\r\n"));
  closedPort = await findClosedPort();
});

afterAll(() => Promise.all(fakes.map(closeFake)));

const run = (config: Record<string, unknown>, opts: ContextOptions = {}) =>
  tlsProbe.run(tlsConfigSchema.parse(config), deadlineContext({ timeoutMs: 3_000, ...opts }));

describe("TLS certificate probe", () => {
  it("passes a certificate with 90 days left when untrusted chains are allowed, with the certificate's particulars", async () => {
    const r = await run({ host: "127.0.0.1", port: valid, allowUntrusted: true });
    expect(r).toMatchObject({
      ok: true,
      details: {
        subjectCN: "localhost",
        issuerCN: "localhost",
        daysLeft: 90,
        altNames: ["localhost", "127.0.0.1"],
        trusted: false,
        remoteAddress: "127.0.0.1",
      },
    });
    if (!r.ok) return;
    expect(r.details!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(r.details!.validTo as string)).toBeGreaterThan(Date.now() + 90 * DAY);
  });

  it("sends the configured server name as SNI and checks the certificate against it", async () => {
    seenServernames.length = 0;
    const r = await run({ host: "127.0.0.1", port: valid, servername: "localhost", allowUntrusted: true });
    expect(r.ok).toBe(true);
    expect(seenServernames).toEqual(["localhost"]);
  });

  it("fails with assertion when fewer days are left than the minimum", async () => {
    const r = await run({ host: "127.0.0.1", port: expiring, allowUntrusted: true });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", retryable: false, details: { daysLeft: 3 } });
    if (r.ok) return;
    expect(r.message).toMatch(/^Certificate for 127\.0\.0\.1 expires in 3 days \(on \d{4}-\d{2}-\d{2}\), under the minimum of 14 days$/);
    expect(await run({ host: "127.0.0.1", port: expiring, allowUntrusted: true, minDaysLeft: 3 })).toMatchObject({ ok: true });
  });

  it("fails with assertion, saying how long ago, for an expired certificate even when the chain is not trusted", async () => {
    const r = await run({ host: "127.0.0.1", port: expired });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", details: { daysLeft: -3 } });
    if (r.ok) return;
    expect(r.message).toMatch(/^Certificate for 127\.0\.0\.1 expired 2 days ago \(on \d{4}-\d{2}-\d{2}\)$/);
  });

  it("fails with assertion for a certificate that is not valid yet", async () => {
    const r = await run({ host: "127.0.0.1", port: notYet, allowUntrusted: true });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "assertion",
      message: expect.stringMatching(/^Certificate for 127\.0\.0\.1 is not valid until \d{4}-\d{2}-\d{2}$/),
    });
  });

  it("fails with tls for an untrusted chain unless allowed, and is not retried", async () => {
    const r = await run({ host: "127.0.0.1", port: valid });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "tls",
      retryable: false,
      message: "Certificate for 127.0.0.1 is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)",
    });
  });

  it("fails with tls when the certificate is for other names, even with untrusted chains allowed", async () => {
    const r = await run({ host: "127.0.0.1", port: valid, servername: "api.tether.test", allowUntrusted: true });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", message: "Certificate is not valid for api.tether.test (it covers localhost, 127.0.0.1)" });
  });

  it("fails with tls when the peer does not speak TLS", async () => {
    const r = await run({ host: "127.0.0.1", port: plain });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false, message: expect.stringMatching(/^TLS handshake failed \(ERR_SSL_/) });
  });

  it("times out a peer that accepts and never answers the handshake", async () => {
    const r = await run({ host: "127.0.0.1", port: mute }, { timeoutMs: 150 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 150 ms", latencyMs: 150, retryable: true });
  });

  it("classifies a refused connection as connect", async () => {
    expect(await run({ host: "127.0.0.1", port: closedPort })).toMatchObject({ ok: false, errorClass: "connect", retryable: true });
  });

  it("refuses loopback when private targets are not allowed", async () => {
    const r = await run({ host: "localhost", port: valid, allowUntrusted: true }, { allowPrivateNetworks: false });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "blocked",
      retryable: false,
      message: expect.stringMatching(/^Refused to connect to .* for localhost .*loopback/),
    });
  });
});
