// Test-only helpers for the probes' integration tests: probe contexts, scripted local servers, a port nothing
// listens on, and aborts timed to what a server sees. Production code never imports this.
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import tls from "node:tls";
import { generate } from "selfsigned";
import { onTestFinished } from "vitest";
import type { Probe, ProbeContext } from "../types";

export interface ContextOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  allowPrivateNetworks?: boolean;
}

/**
 * A context whose signal aborts only when the test aborts it, so a probe's own timeouts show. The test servers
 * listen on loopback, which is allowed unless `allowPrivateNetworks` is false.
 */
export function probeContext(opts: ContextOptions = {}): ProbeContext {
  return {
    signal: opts.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? 5_000,
    now: Date.now,
    outbound: { allowPrivateNetworks: opts.allowPrivateNetworks ?? true },
  };
}

/** A context as the runner gives one: its signal aborts once `timeoutMs` has passed. */
export function deadlineContext(opts: Omit<ContextOptions, "signal"> & { timeoutMs: number }): ProbeContext {
  return probeContext({ ...opts, signal: AbortSignal.timeout(opts.timeoutMs) });
}

/** Runs `probe` with `base` overridden by `config`, parsed as the API parses it; in a probeContext() by default. */
export function probeWithBase<Config>(probe: Probe<Config>, schema: { parse(input: unknown): Config }, base: Record<string, unknown>) {
  return (config: Record<string, unknown>, context: ProbeContext = probeContext()) => probe.run(schema.parse({ ...base, ...config }), context);
}

export interface FakeServer {
  server: Server;
  port: number;
  /** The TCP sockets still open, for a TLS server too: closeFake destroys them. */
  sockets: Set<Socket>;
  /** Resolves with the socket of the next connection to arrive. */
  nextConnection: () => Promise<Socket>;
}

type Handler = (socket: Socket) => void;

/**
 * A server on 127.0.0.1 whose connection handler plays one scripted peer. `make` builds the server around the
 * handler (a TLS server, say); by default it is plain TCP.
 */
export async function fakeServer(onConnection: Handler, make: (handler: Handler) => Server = (handler) => net.createServer(handler)): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const waiting: Handler[] = [];
  const server = make((socket) => {
    socket.on("error", () => undefined);
    waiting.shift()?.(socket);
    onConnection(socket);
  });
  // Tracked at the TCP level, so closing the fake never waits on a lingering client, TLS or not.
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets, nextConnection: () => new Promise((resolve) => waiting.push(resolve)) };
}

export async function closeFake(fake: FakeServer): Promise<void> {
  for (const socket of fake.sockets) socket.destroy();
  await new Promise((resolve) => fake.server.close(resolve));
}

/** A fakeServer for one test: closed when the test finishes, passed or failed. Call it inside a test. */
export async function fakeServerForTest(...args: Parameters<typeof fakeServer>): Promise<FakeServer> {
  const fake = await fakeServer(...args);
  onTestFinished(() => closeFake(fake));
  return fake;
}

/** Accepts connections and never answers: the honest way to exercise a timeout. */
export function muteServer(): Promise<FakeServer> {
  return fakeServer(() => undefined);
}

/** A port on 127.0.0.1 that was free a moment ago: nothing listens there, so a connect is refused. */
export async function findClosedPort(): Promise<number> {
  const spare = await muteServer();
  await closeFake(spare);
  return spare.port;
}

/** A key and a self-signed certificate for localhost, which no client trusts. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], { keySize: 2048 });
  return { key: pems.private, cert: pems.cert };
}

/** A TLS server presenting a self-signed certificate for localhost, silent after the handshake; for one test. */
export async function selfSignedTlsServer(): Promise<FakeServer> {
  const credentials = await selfSignedCertificate();
  return fakeServerForTest(
    () => undefined,
    (handler) => {
      const server = tls.createServer(credentials, handler);
      server.on("tlsClientError", () => undefined);
      return server;
    },
  );
}

/**
 * A signal that aborts when `fake`'s next connection arrives ("connected"), or once that connection has sent
 * its first bytes ("sent": the probe is waiting for the server's answer); and that connection's socket.
 */
export function abortOnNextConnection(fake: FakeServer, when: "connected" | "sent" = "connected"): { signal: AbortSignal; socket: Promise<Socket> } {
  const controller = new AbortController();
  const socket = fake.nextConnection().then((arrived) => {
    if (when === "connected") controller.abort();
    else arrived.once("data", () => controller.abort());
    return arrived;
  });
  return { signal: controller.signal, socket };
}

/** Resolves once the socket has closed; at once if it already has. */
export async function socketClosed(socket: Socket): Promise<void> {
  if (!socket.closed) await new Promise((resolve) => socket.once("close", resolve));
}
