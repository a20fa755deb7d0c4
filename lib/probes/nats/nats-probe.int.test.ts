// The NATS probe against the real local server (a scratch JetStream stream and durable consumer for the pending
// cases) and fake servers for what it cannot do here: refuse credentials (it runs without auth), speak
// something else, or never answer.
import type { Socket } from "node:net";
import { AckPolicy, connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  abortOnNextConnection,
  closeFake,
  fakeServerForTest,
  findClosedPort,
  muteServer,
  probeContext,
  probeWithBase,
  socketClosed,
  type FakeServer,
} from "../testing/harness";
import { natsConfigSchema } from "./config";
import { natsProbe } from "./nats-probe";

const real = { host: "127.0.0.1", port: 4222 };
const stream = `tether_probe_test_${Math.random().toString(36).slice(2, 10)}`;
const consumer = `${stream}_worker`;
const MESSAGES = 6;

let admin: NatsConnection;

const probe = probeWithBase(natsProbe, natsConfigSchema, real);

/** Opens like a NATS server that requires auth, and answers CONNECT as nats-server does to bad credentials. */
function refusingNatsServer(socket: Socket) {
  const info = {
    server_id: "FAKE",
    server_name: "fake",
    version: "2.10.0",
    proto: 1,
    host: "127.0.0.1",
    port: 4222,
    max_payload: 1048576,
    auth_required: true,
  };
  socket.write(`INFO ${JSON.stringify(info)}\r\n`);
  let received = "";
  socket.on("data", (chunk) => {
    received += chunk.toString("utf8");
    if (received.includes("CONNECT ")) socket.end("-ERR 'Authorization Violation'\r\n");
  });
}

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  admin = await connect({ servers: `${real.host}:${real.port}`, reconnect: false });
  const jsm = await admin.jetstreamManager();
  await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
  await jsm.consumers.add(stream, { durable_name: consumer, ack_policy: AckPolicy.Explicit });
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
  const jsm = await admin.jetstreamManager();
  await jsm.streams.delete(stream);
  await admin.close();
});

describe("NATS probe", () => {
  it("connects, times a round trip and reports the server version", async () => {
    const r = await probe({});
    expect(r).toMatchObject({ ok: true });
    const details = r.details as { serverVersion: string; rttMs: number };
    expect(details.serverVersion).toMatch(/^\d+\.\d+/);
    expect(details.rttMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(details.rttMs);
  });

  it("reads an existing stream and an idle consumer within the limits", async () => {
    const r = await probe({ stream, consumer, maxConsumerPending: 0, maxAckPending: 0 });
    expect(r).toMatchObject({ ok: true, details: { stream, streamMessages: 0, consumer, consumerPending: 0, ackPending: 0 } });
  });

  describe("with messages waiting", () => {
    beforeAll(async () => {
      const js = admin.jetstream();
      for (let i = 0; i < MESSAGES; i++) await js.publish(`${stream}.orders`, `order ${i}`);
    });

    it("fails a consumer with more pending messages than the limit as an assertion", async () => {
      const r = await probe({ stream, consumer, maxConsumerPending: MESSAGES - 2 });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "assertion",
        message: `Consumer ${consumer} has ${MESSAGES} pending messages, over the limit of ${MESSAGES - 2}`,
        retryable: false,
        details: { streamMessages: MESSAGES, consumerPending: MESSAGES, ackPending: 0 },
      });
    });

    it("fails a consumer with too many unacknowledged deliveries as an assertion", async () => {
      // Deliver two messages and leave them unacknowledged (the ack wait is 30 s, longer than this test).
      const pull = await admin.jetstream().consumers.get(stream, consumer);
      const batch = await pull.fetch({ max_messages: 2, expires: 2_000 });
      let delivered = 0;
      for await (const _message of batch) if (++delivered === 2) break;
      const r = await probe({ stream, consumer, maxAckPending: 1 });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "assertion",
        message: `Consumer ${consumer} has 2 messages awaiting acknowledgement, over the limit of 1`,
        details: { consumerPending: MESSAGES - 2, ackPending: 2 },
      });
    });
  });

  it("fails a missing stream as an assertion", async () => {
    const r = await probe({ stream: `${stream}_absent` });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: `Stream ${stream}_absent does not exist`, retryable: false });
  });

  it("fails a missing consumer as an assertion", async () => {
    const r = await probe({ stream, consumer: "absent" });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: `Consumer absent does not exist on stream ${stream}`, retryable: false });
  });

  it("classifies refused credentials as auth, not retried (fake server: the local NATS has no auth)", async () => {
    const refusing = await fakeServerForTest(refusingNatsServer);
    const r = await probe({ port: refusing.port, username: "probe", password: "wrong" });
    expect(r).toMatchObject({ ok: false, errorClass: "auth", message: "The server refused the credentials (Authorization Violation)", retryable: false });
  });

  it("classifies a refused connection as connect, retryable", async () => {
    expect(await probe({ port: closedPort })).toMatchObject({ ok: false, errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true });
  });

  it("refuses a loopback server unless private targets are allowed, as blocked", async () => {
    const r = await probe({}, probeContext({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    expect(r.ok || r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
  });

  it("classifies TLS against a server that does not offer it as tls", async () => {
    expect(await probe({ tls: true })).toMatchObject({
      ok: false,
      errorClass: "tls",
      message: "TLS is required here, but the server does not offer it",
      retryable: false,
    });
  });

  it("times out on abort while the server never sends INFO, and closes the socket", async () => {
    const abort = abortOnNextConnection(hanging);
    const r = await probe({ port: hanging.port }, probeContext({ signal: abort.signal, timeoutMs: 5_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 5000 ms", latencyMs: 5_000, retryable: true });
    await socketClosed(await abort.socket);
  });

  it("times out through the client's own connect timeout, and still closes the socket", async () => {
    const connection = hanging.nextConnection();
    const r = await probe({ port: hanging.port }, probeContext({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms", retryable: true });
    // nats.js alone leaves this socket open; the probe's tracked transport closes it.
    await socketClosed(await connection);
  });

  it("classifies a server that does not speak NATS as protocol", async () => {
    const http = await fakeServerForTest((s) => s.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"));
    const r = await probe({ port: http.port });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    expect(r.ok || r.message).toMatch(/does not speak NATS/);
  });
});
