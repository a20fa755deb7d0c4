// The MQTT probe against the real local Mosquitto and fake brokers for what Mosquitto cannot do here: refuse
// credentials or a subscription (it allows anonymous access), swallow messages, present a certificate, speak
// something else, or never answer.
import type { Socket } from "node:net";
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
import { mqttConfigSchema } from "./config";
import { mqttProbe } from "./mqtt-probe";

const real = { host: "127.0.0.1", port: 1883 };

const probe = probeWithBase(mqttProbe, mqttConfigSchema, real);

interface BrokerBehaviour {
  /** CONNACK return code (3.1.1) or reason code (5); 0 accepts. */
  connack?: number;
  /** The granted QoS or SUBACK failure code sent for the subscription. */
  suback?: number;
}

/**
 * Just enough of an MQTT broker to answer CONNECT, SUBSCRIBE, PUBLISH (QoS 1) and PINGREQ, and never deliver a
 * message: every packet is read by its fixed header (type, remaining length) and the packet ID it carries.
 */
function fakeBroker(behaviour: BrokerBehaviour) {
  return (socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let version = 4;
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (buffer.length < 2) return;
        let length = 0;
        let multiplier = 1;
        let offset = 1;
        let byte: number;
        do {
          if (offset >= buffer.length) return;
          byte = buffer[offset++]!;
          length += (byte & 0x7f) * multiplier;
          multiplier *= 128;
        } while (byte & 0x80);
        if (buffer.length < offset + length) return;
        const header = buffer[0]!;
        const body = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        const type = header >> 4;
        if (type === 1) {
          version = body[6]!; // after the protocol name "MQTT" (2-byte length + 4 bytes)
          const code = behaviour.connack ?? 0;
          socket.write(version === 5 ? Buffer.from([0x20, 3, 0, code, 0]) : Buffer.from([0x20, 2, 0, code]));
          if (code !== 0) socket.end();
        } else if (type === 8) {
          const granted = behaviour.suback ?? 1;
          socket.write(version === 5 ? Buffer.from([0x90, 4, body[0]!, body[1]!, 0, granted]) : Buffer.from([0x90, 3, body[0]!, body[1]!, granted]));
        } else if (type === 3 && (header & 0x06) !== 0) {
          const topicLength = body.readUInt16BE(0);
          const id = body.subarray(2 + topicLength, 4 + topicLength);
          socket.write(Buffer.from([0x40, 2, id[0]!, id[1]!])); // PUBACK, and the message goes nowhere
        } else if (type === 12) {
          socket.write(Buffer.from([0xd0, 0]));
        }
      }
    });
  };
}

let hanging: FakeServer;
let closedPort: number;

beforeAll(async () => {
  hanging = await muteServer();
  closedPort = await findClosedPort();
});

afterAll(async () => {
  await closeFake(hanging);
});

describe("MQTT probe", () => {
  it.each([
    ["3.1.1", 1],
    ["3.1.1", 0],
    ["5", 1],
  ] as const)("completes a publish/subscribe round trip through the broker (MQTT %s, QoS %i)", async (mqttVersion, qos) => {
    const r = await probe({ mqttVersion, qos, topicPrefix: "tether_probe_test/roundtrip" });
    expect(r).toMatchObject({ ok: true, details: { qos } });
    const { roundTripMs } = r.details as { roundTripMs: number };
    expect(roundTripMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(roundTripMs);
  });

  it("classifies a refused connection as connect, retryable", async () => {
    expect(await probe({ port: closedPort })).toMatchObject({ ok: false, errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true });
  });

  it("refuses a loopback broker unless private targets are allowed, as blocked", async () => {
    const r = await probe({}, probeContext({ allowPrivateNetworks: false }));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", retryable: false });
    expect(r.ok || r.message).toMatch(/Refused to connect to 127\.0\.0\.1/);
  });

  describe("against a fake broker (Mosquitto here lets anyone in and delivers everything)", () => {
    it.each([
      ["3.1.1", 4, "Bad username or password"],
      ["3.1.1", 5, "Not authorized"],
      ["5", 134, "Bad User Name or Password"],
      ["5", 135, "Not authorized"],
    ] as const)("classifies an MQTT %s CONNACK refusal with code %i as auth", async (mqttVersion, code, text) => {
      const broker = await fakeServerForTest(fakeBroker({ connack: code }));
      const r = await probe({ port: broker.port, mqttVersion, username: "probe", password: "wrong" });
      expect(r).toMatchObject({ ok: false, errorClass: "auth", message: `The broker refused the connection: ${text} (code ${code})`, retryable: false });
    });

    it("classifies a broker that is unavailable (CONNACK 3) as connect, retryable", async () => {
      const broker = await fakeServerForTest(fakeBroker({ connack: 3 }));
      expect(await probe({ port: broker.port })).toMatchObject({ ok: false, errorClass: "connect", retryable: true });
    });

    it.each([
      ["3.1.1", 0x80, "Unspecified error"],
      ["5", 0x87, "Not authorized"],
    ] as const)("classifies an MQTT %s subscription refused with SUBACK code %i as auth", async (mqttVersion, code, text) => {
      const broker = await fakeServerForTest(fakeBroker({ suback: code }));
      const r = await probe({ port: broker.port, mqttVersion });
      expect(r).toMatchObject({
        ok: false,
        errorClass: "auth",
        message: `The broker refused the probe's subscription to its topic: ${text} (code ${code})`,
        retryable: false,
      });
    });

    it("times out when the broker accepts the publish but never delivers it back", async () => {
      const broker = await fakeServerForTest(fakeBroker({}));
      const r = await probe({ port: broker.port }, probeContext({ timeoutMs: 300 }));
      expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 300 ms", retryable: true, details: { qos: 1 } });
    });
  });

  it("times out on abort while the broker never sends CONNACK, and closes the socket", async () => {
    const abort = abortOnNextConnection(hanging, "sent"); // once the CONNECT packet has arrived
    const r = await probe({ port: hanging.port }, probeContext({ signal: abort.signal, timeoutMs: 5_000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 5000 ms", latencyMs: 5_000, retryable: true });
    await socketClosed(await abort.socket);
  });

  it("times out through its own connect timeout when nothing aborts", async () => {
    const r = await probe({ port: hanging.port }, probeContext({ timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", message: "No response within 200 ms", retryable: true });
  });

  it("classifies a server that does not speak MQTT as protocol", async () => {
    const http = await fakeServerForTest((s) => s.once("data", () => s.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")));
    const r = await probe({ port: http.port });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", retryable: false });
    expect(r.ok || r.message).toMatch(/does not speak MQTT/);
  });

  it("classifies an untrusted certificate as tls, not retried", async () => {
    const secure = await selfSignedTlsServer();
    const r = await probe({ port: secure.port, tls: true });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", retryable: false });
    expect(r.ok || r.message).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)\)/);
  });
});
