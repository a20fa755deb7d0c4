// MQTT probe: connects to a checked address, subscribes to a topic of its own, publishes a one-off payload to it
// and passes when the broker delivers that payload back (a full round trip through the broker). A clean session,
// a random client ID and no reconnects: one attempt, failing fast; the runner decides on retries.
import { randomUUID } from "node:crypto";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted, withDeadline } from "../shared/abort";
import { roundMs, startAttempt } from "../shared/attempt";
import { connectEach } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import { defaultMqttPort, type MqttConfig } from "./config";

// CONNACK return codes (3.1.1) and reason codes (5) for refused credentials or permission.
const AUTH_CODES = new Set([4, 5, 134, 135, 138, 140]);
// 3: server unavailable (3.1.1); 136/137: server unavailable/busy, 151: quota exceeded, 159: connection rate exceeded.
const BUSY_CODES = new Set([3, 136, 137, 151, 159]);
const NOT_AUTHORIZED = 135;
// SUBACK in 3.1.1 has a single failure code, which brokers send when their ACL refuses the topic.
const SUBACK_FAILURE = 128;

const noop = () => undefined;

/** Maps an mqtt.js error (CONNACK, SUBACK and PUBACK reason codes, its own timeouts) or a network error to a failure. */
export function classifyMqttError(err: unknown, timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  // CONNACK and PUBACK errors carry the code; a refused SUBACK carries the packet with its granted codes.
  const granted = (err as { packet?: { granted?: unknown } })?.packet?.granted;
  const refusedGrant = Array.isArray(granted) ? granted.find((code): code is number => typeof code === "number" && code >= 0x80) : undefined;
  const reason = typeof (err as { code?: unknown })?.code === "number" ? (err as { code: number }).code : refusedGrant;

  if (message.startsWith("Connection refused:") && reason !== undefined) {
    if (AUTH_CODES.has(reason))
      return { errorClass: "auth", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: false };
    if (BUSY_CODES.has(reason))
      return { errorClass: "connect", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: true };
    return { errorClass: "protocol", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: false };
  }
  if (message.startsWith("Subscribe error:") || message.startsWith("Publish error:")) {
    const what = message.startsWith("Subscribe") ? "subscription to" : "publish on";
    const refused = reason === NOT_AUTHORIZED || (what === "subscription to" && reason === SUBACK_FAILURE);
    const text = `The broker refused the probe's ${what} its topic: ${message.replace(/^\w+ error: /, "")}${reason === undefined ? "" : ` (code ${reason})`}`;
    return { errorClass: refused ? "auth" : "protocol", message: text, retryable: false };
  }
  if (message === "connack timeout") return timeoutFailure(timeoutMs);
  if (message === "The broker closed the connection") return { errorClass: "connect", message, retryable: true };
  if (/^Protocol error|Invalid header flag|Invalid protocolId|Packet too short|Unknown command|cannot parse|Malformed/i.test(message)) {
    return { errorClass: "protocol", message: `The server does not speak MQTT as expected (${message})`, retryable: false };
  }
  if (message === "TLS not authorized") return { errorClass: "tls", message: "TLS handshake failed (certificate not trusted)", retryable: false };
  return networkFailure(err, timeoutMs);
}

/**
 * mqtt.js reports failures as events, not through the call under way. This rejects with the first "error" (a
 * refused CONNACK, a socket error), or when the connection closes without one, so each step can race it.
 */
function failureOf(client: MqttClient): Promise<never> {
  const failure = new Promise<never>((_resolve, reject) => {
    let first: unknown;
    client.on("error", (err) => {
      first ??= err;
      reject(err);
    });
    client.on("close", () => reject(first ?? new Error("The broker closed the connection")));
  });
  failure.catch(noop);
  return failure;
}

export const mqttProbe: Probe<MqttConfig> = {
  async run(config: MqttConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const port = config.port ?? defaultMqttPort(config.tls);
    // A deadline of our own as well: waiting for the echo has no timeout of its own.
    const signal = withDeadline(ctx.signal, ctx.timeoutMs);
    const details: Record<string, unknown> = { qos: config.qos };
    const clients: MqttClient[] = [];

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      const { client: subscriber, failure } = await connectEach(addresses, signal, async (ip) => {
        const options: IClientOptions = {
          protocol: config.tls ? "mqtts" : "mqtt",
          host: ip,
          hostname: ip,
          port,
          servername: tlsServerName(config.host),
          rejectUnauthorized: true,
          username: config.username,
          password: config.password,
          // Random, so two runs (or two workers) never take over each other's session.
          clientId: `${config.clientIdPrefix}-${randomUUID().slice(0, 8)}`,
          protocolVersion: config.mqttVersion === "5" ? 5 : 4,
          clean: true,
          // Covers the TCP connect and the wait for CONNACK.
          connectTimeout: ctx.timeoutMs,
          reconnectPeriod: 0,
          resubscribe: false,
        };
        const candidate = connect(options);
        clients.push(candidate);
        const candidateFailure = failureOf(candidate);
        await Promise.race([new Promise<void>((resolve) => candidate.once("connect", () => resolve())), candidateFailure]);
        return { client: candidate, failure: candidateFailure };
      });

      const topic = `${config.topicPrefix}/${randomUUID()}`;
      const payload = `tether probe ${randomUUID()}`;
      signal.throwIfAborted();
      await Promise.race([subscriber.subscribeAsync(topic, { qos: config.qos }), failure]);
      // Listening before publishing: the echo can arrive before the PUBACK does.
      const echoed = new Promise<number>((resolve) => {
        subscriber.on("message", (received, message) => {
          if (received === topic && message.toString("utf8") === payload) resolve(performance.now());
        });
      });
      const sent = performance.now();
      const [, arrived] = await Promise.race([Promise.all([subscriber.publishAsync(topic, payload, { qos: config.qos }), echoed]), failure]);
      details.roundTripMs = roundMs(arrived - sent);
    };

    try {
      await untilAborted(signal, check());
      return { ok: true, latencyMs: attempt.elapsed(), details };
    } catch (err) {
      // Connected and subscribed but the payload never came back: a broker that drops messages (or an ACL that
      // silently refuses the publish) ends here too.
      if (signal.aborted) return attempt.timedOut(details);
      return attempt.failed(classifyMqttError(err, ctx.timeoutMs), details);
    } finally {
      // Forced: no DISCONNECT handshake to wait on; the clean session drops the subscription on the broker.
      for (const client of clients) client.end(true);
    }
  },
};
