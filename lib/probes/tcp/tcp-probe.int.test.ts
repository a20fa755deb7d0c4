// The TCP probe against the local Redis and small local servers: banners, mismatches, refusals, silence, guard.
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeFake, deadlineContext, fakeServer, findClosedPort, type ContextOptions, type FakeServer } from "../testing/harness";
import { tcpConfigSchema } from "./config";
import { tcpProbe } from "./tcp-probe";

const fakes: FakeServer[] = [];

/** A local server whose connection handler plays one scripted peer; closed with all its sockets in afterAll. */
async function serve(onConnection: (socket: Socket) => void): Promise<number> {
  const fake = await fakeServer(onConnection);
  fakes.push(fake);
  return fake.port;
}

let smtp: number;
let ssh: number;
let rejecting: number;
let mute: number;
let silentCloser: number;
let closedPort: number;

beforeAll(async () => {
  smtp = await serve((s) => s.write("220 tether.test ESMTP ready\r\n"));
  ssh = await serve((s) => s.write("SSH-2.0-OpenSSH_9.6\r\n"));
  rejecting = await serve((s) => s.end("554 5.7.1 no service here\r\n"));
  mute = await serve(() => undefined);
  silentCloser = await serve((s) => s.end());
  closedPort = await findClosedPort();
});

afterAll(() => Promise.all(fakes.map(closeFake)));

const run = (config: Record<string, unknown>, opts: ContextOptions = {}) =>
  tcpProbe.run(tcpConfigSchema.parse(config), deadlineContext({ timeoutMs: 2_000, ...opts }));

describe("TCP probe", () => {
  it("passes when the banner matches, with the peer address and an excerpt", async () => {
    const r = await run({ host: "127.0.0.1", port: smtp, expect: "^220 " });
    expect(r).toMatchObject({ ok: true, details: { remoteAddress: "127.0.0.1", bannerExcerpt: "220 tether.test ESMTP ready\\r\\n" } });
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("sends a line with escapes and matches the reply of the real Redis", async () => {
    const r = await run({ host: "127.0.0.1", port: 6379, send: "PING\\r\\n", expect: "^\\+PONG" });
    expect(r).toMatchObject({ ok: true, details: { bannerExcerpt: "+PONG\\r\\n" } });
  });

  it("passes on connect alone when nothing is expected, even from a peer that never speaks", async () => {
    const r = await run({ host: "localhost", port: mute }, { timeoutMs: 500 });
    expect(r).toMatchObject({ ok: true, details: { remoteAddress: "127.0.0.1" } });
  });

  it("fails with assertion on a banner that does not match, when the peer closes", async () => {
    const r = await run({ host: "127.0.0.1", port: rejecting, expect: "^220" });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", retryable: false });
    if (r.ok) return;
    expect(r.message).toBe('The server sent "554 5.7.1 no service here\\r\\n", which does not match /^220/');
  });

  it("fails with assertion, not timeout, when the peer spoke but not what was expected and then waits", async () => {
    const r = await run({ host: "127.0.0.1", port: ssh, expect: "^220" }, { timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", details: { bannerExcerpt: "SSH-2.0-OpenSSH_9.6\\r\\n" } });
  });

  it("fails with assertion when the peer closes without a word", async () => {
    const r = await run({ host: "127.0.0.1", port: silentCloser, expect: "^220" });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: "The server closed the connection without sending anything; expected /^220/" });
  });

  it("times out a peer that accepts and never answers", async () => {
    const r = await run({ host: "127.0.0.1", port: mute, expect: "^220" }, { timeoutMs: 150 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 150 ms", latencyMs: 150, retryable: true });
  });

  it("classifies a refused connection as connect, retryable", async () => {
    const r = await run({ host: "127.0.0.1", port: closedPort });
    expect(r).toMatchObject({ ok: false, errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true });
  });

  it("refuses loopback when private targets are not allowed, before connecting", async () => {
    let connected = false;
    const watched = await serve(() => (connected = true));
    const r = await run({ host: "127.0.0.1", port: watched }, { allowPrivateNetworks: false });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    if (r.ok) return;
    expect(r.message).toMatch(/Refused to connect to 127\.0\.0\.1 .*loopback/);
    expect(connected).toBe(false);
  });
});
