// The RabbitMQ probe against the real local broker (a scratch queue for the depth and consumer cases) and fake
// servers for what the broker cannot do here: present a certificate, speak something else, or never answer.
import { connect, type ChannelModel, type ConfirmChannel } from "amqplib";
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
import { rabbitmqConfigSchema } from "./config";
import { rabbitmqProbe } from "./rabbitmq-probe";

const real = { host: "127.0.0.1", port: 5672, username: "guest", password: "guest" };
const queue = `tether_probe_test_${Math.random().toString(36).slice(2, 10)}`;
const MESSAGES = 5;

let admin: ChannelModel;
let adminChannel: ConfirmChannel;

const probe = probeWithBase(rabbitmqProbe, rabbitmqConfigSchema, real);

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  admin = await connect({ protocol: "amqp", hostname: real.host, port: real.port, username: real.username, password: real.password, heartbeat: 0 });
  adminChannel = await admin.createConfirmChannel();
  await adminChannel.assertQueue(queue, { durable: false });
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
  await adminChannel.deleteQueue(queue);
  await admin.close();
});

describe("RabbitMQ probe", () => {
  it("connects and reports the broker's product and version", async () => {
    const r = await probe({});
    expect(r).toMatchObject({ ok: true, details: { serverProduct: "RabbitMQ" } });
    expect((r.details as { serverVersion: string }).serverVersion).toMatch(/^\d+\.\d+/);
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it("reads an empty queue's depth and consumers within the limits", async () => {
    const r = await probe({ queue, maxQueueDepth: 0 });
    expect(r).toMatchObject({ ok: true, details: { queue, queueDepth: 0, consumers: 0 } });
  });

  describe("with messages waiting", () => {
    beforeAll(async () => {
      for (let i = 0; i < MESSAGES; i++) adminChannel.sendToQueue(queue, Buffer.from(`message ${i}`));
      await adminChannel.waitForConfirms();
    });
    afterAll(async () => {
      await adminChannel.purgeQueue(queue);
    });

    it("fails a queue deeper than the limit as an assertion, with the depth and the limit", async () => {
      const r = await probe({ queue, maxQueueDepth: MESSAGES - 2 });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "assertion",
        message: `Queue ${queue} depth ${MESSAGES} is over the limit of ${MESSAGES - 2}`,
        retryable: false,
        details: { queueDepth: MESSAGES, consumers: 0 },
      });
    });

    it("passes when the depth is within the limit", async () => {
      expect(await probe({ queue, maxQueueDepth: MESSAGES })).toMatchObject({ ok: true, details: { queueDepth: MESSAGES } });
    });
  });

  it("fails a queue with too few consumers, and passes once one is attached", async () => {
    const missing = await probe({ queue, minConsumers: 1 });
    expect(missing).toMatchObject({ ok: false, errorClass: "assertion", message: `Queue ${queue} has 0 consumers, fewer than the minimum of 1` });
    const consumer = await adminChannel.consume(queue, () => undefined);
    try {
      expect(await probe({ queue, minConsumers: 1 })).toMatchObject({ ok: true, details: { consumers: 1 } });
    } finally {
      await adminChannel.cancel(consumer.consumerTag);
    }
  });

  it("fails a missing queue as an assertion and never creates it", async () => {
    const absent = `${queue}_absent`;
    const r = await probe({ queue: absent });
    expect(r).toMatchObject({ ok: false, errorClass: "assertion", message: `Queue ${absent} does not exist in vhost /`, retryable: false });
    expect(r.details).toMatchObject({ serverProduct: "RabbitMQ" });
    // A passive declare of our own, on a throwaway channel (the 404 closes it), proves the probe made nothing.
    const check = await admin.createChannel();
    check.on("error", () => undefined);
    await expect(check.checkQueue(absent)).rejects.toMatchObject({ code: 404 });
  });

  it("classifies a wrong password as auth, not retried", async () => {
    const r = await probe({ password: "not-the-password" });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "auth",
      retryable: false,
      message: "Login refused for user guest: wrong user name or password (ACCESS_REFUSED)",
    });
  });

  it("classifies a vhost the user may not open as auth", async () => {
    const r = await probe({ vhost: `${queue}_no_such_vhost` });
    expect(r).toMatchObject({ ok: false, errorClass: "auth", retryable: false });
    expect(r.ok || r.message).toMatch(/Access to vhost tether_probe_test_\w+_no_such_vhost was refused/);
  });

  it("classifies a refused connection as connect, retryable", async () => {
    const r = await probe({ port: closedPort });
    expect(r).toMatchObject({ ok: false, errorClass: "connect", retryable: true, message: "Connection failed (ECONNREFUSED)" });
  });

  it("refuses a loopback broker unless private targets are allowed, as blocked", async () => {
    const r = await probe({}, probeContext({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    expect(r.ok || r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
  });

  it("times out on abort while a server sits on the handshake, and closes the socket", async () => {
    // Once the probe has sent its protocol header: abort while it waits for connection.start.
    const abort = abortOnNextConnection(hanging, "sent");
    const r = await probe({ port: hanging.port }, probeContext({ signal: abort.signal, timeoutMs: 5_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 5000 ms", latencyMs: 5_000, retryable: true });
    await socketClosed(await abort.socket);
  });

  it("times out through its own handshake timeout when nothing aborts", async () => {
    const r = await probe({ port: hanging.port }, probeContext({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms", retryable: true });
  });

  it("classifies a server that does not speak AMQP as protocol", async () => {
    const http = await fakeServerForTest((s) => s.once("data", () => s.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")));
    const r = await probe({ port: http.port });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    expect(r.ok || r.message).toMatch(/does not speak AMQP 0-9-1/);
  });

  it("classifies a server that hangs up mid-handshake as connect", async () => {
    const rude = await fakeServerForTest((s) => s.once("data", () => s.end()));
    expect(await probe({ port: rude.port })).toMatchObject({
      ok: false,
      errorClass: "connect",
      message: "The server closed the connection during the AMQP handshake",
      retryable: true,
    });
  });

  it("classifies an untrusted certificate as tls, not retried", async () => {
    const secure = await selfSignedTlsServer();
    const r = await probe({ port: secure.port, tls: true });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false });
    expect(r.ok || r.message).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)\)/);
  });
});
