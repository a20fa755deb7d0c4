// MQTT probe: connects to a checked address, subscribes to a topic of its own, publishes a one-off payload to it
// and passes when the broker delivers that payload back (a full round trip through the broker). A clean session,
// a random client ID and no reconnects: one attempt, failing fast; the runner decides on retries.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { resolveSafeAddresses } from "../../security/outbound";
import { classifyNetworkError } from "../classify-error";
import type { Probe, ProbeContext, ProbeErrorClass, ProbeOutcome } from "../types";
import { defaultMqttPort, type MqttConfig } from "./config";

// Errors where trying the next address of the same name is worth it; anything else is the broker's answer.
const UNREACHABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);
// CONNACK return codes (3.1.1) and reason codes (5) for refused credentials or permission.
const AUTH_CODES = new Set([4, 5, 134, 135, 138, 140]);
// 3: server unavailable (3.1.1); 136/137: server unavailable/busy, 151: quota exceeded, 159: connection rate exceeded.
const BUSY_CODES = new Set([3, 136, 137, 151, 159]);
const NOT_AUTHORIZED = 135;
// SUBACK in 3.1.1 has a single failure code, which brokers send when their ACL refuses the topic.
const SUBACK_FAILURE = 128;

interface Failure {
  errorClass: ProbeErrorClass;
  message: string;
  retryable: boolean;
}

const noop = () => undefined;

/** Maps an mqtt.js error (CONNACK, SUBACK and PUBACK reason codes, its own timeouts) or a network error to a failure. */
export function classifyMqttError(err: unknown, timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  // CONNACK and PUBACK errors carry the code; a refused SUBACK carries the packet with its granted codes.
  const granted = (err as { packet?: { granted?: unknown } })?.packet?.granted;
  const refusedGrant = Array.isArray(granted) ? granted.find((code): code is number => typeof code === "number" && code >= 0x80) : undefined;
  const reason = typeof (err as { code?: unknown })?.code === "number" ? (err as { code: number }).code : refusedGrant;
  const timedOut = { errorClass: "timeout", message: `No response within ${timeoutMs} ms`, retryable: true } as const;

  if (message.startsWith("Connection refused:") && reason !== undefined) {
    if (AUTH_CODES.has(reason)) return { errorClass: "auth", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: false };
    if (BUSY_CODES.has(reason)) return { errorClass: "connect", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: true };
    return { errorClass: "protocol", message: `The broker refused the connection: ${message.slice(20)} (code ${reason})`, retryable: false };
  }
  if (message.startsWith("Subscribe error:") || message.startsWith("Publish error:")) {
    const what = message.startsWith("Subscribe") ? "subscription to" : "publish on";
    const refused = reason === NOT_AUTHORIZED || (what === "subscription to" && reason === SUBACK_FAILURE);
    const text = `The broker refused the probe's ${what} its topic: ${message.replace(/^\w+ error: /, "")}${reason === undefined ? "" : ` (code ${reason})`}`;
    return { errorClass: refused ? "auth" : "protocol", message: text, retryable: false };
  }
  if (message === "connack timeout") return timedOut;
  if (message === "The broker closed the connection") return { errorClass: "connect", message, retryable: true };
  if (/^Protocol error|Invalid header flag|Invalid protocolId|Packet too short|Unknown command|cannot parse|Malformed/i.test(message)) {
    return { errorClass: "protocol", message: `The server does not speak MQTT as expected (${message})`, retryable: false };
  }
  if (message === "TLS not authorized") return { errorClass: "tls", message: "TLS handshake failed (certificate not trusted)", retryable: false };
  const network = classifyNetworkError(err);
  if (network.errorClass === "timeout") return timedOut;
  return { ...network, retryable: network.errorClass !== "tls" && network.errorClass !== "blocked" };
}

/** Rejects as soon as the signal aborts; the work's own rejection afterwards is expected and dropped. */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  work.catch(noop);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException("The probe was aborted", "AbortError"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
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

const round = (ms: number) => Math.round(ms * 10) / 10;

export const mqttProbe: Probe<MqttConfig> = {
  async run(config: MqttConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const started = performance.now();
    const elapsed = () => round(performance.now() - started);
    const port = config.port ?? defaultMqttPort(config.tls);
    // The runner aborts ctx.signal when an attempt runs out of time; our own deadline as well means a step with
    // no timeout of its own (waiting for the echo) can never hang a direct call either.
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]);
    const details: Record<string, unknown> = { qos: config.qos };
    const clients: MqttClient[] = [];

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      let client: MqttClient | undefined;
      let failure: Promise<never> | undefined;
      for (const [i, ip] of addresses.entries()) {
        signal.throwIfAborted(); // the finally below may already have run; open nothing it will not close
        const options: IClientOptions = {
          protocol: config.tls ? "mqtts" : "mqtt",
          host: ip,
          hostname: ip,
          port,
          // We connect to an IP; the certificate and SNI are about the name the user typed (never an IP).
          servername: net.isIP(config.host) ? undefined : config.host,
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
        try {
          await Promise.race([new Promise<void>((resolve) => candidate.once("connect", () => resolve())), candidateFailure]);
          client = candidate;
          failure = candidateFailure;
          break;
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (i === addresses.length - 1 || typeof code !== "string" || !UNREACHABLE.has(code)) throw err;
        }
      }
      if (!client || !failure) throw new Error("No address to connect to");
      const subscriber = client;

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
      details.roundTripMs = round(arrived - sent);
    };

    try {
      await untilAborted(signal, check());
      return { ok: true, latencyMs: elapsed(), details };
    } catch (err) {
      if (signal.aborted) {
        // Connected and subscribed but the payload never came back: a broker that drops messages (or an ACL
        // that silently refuses the publish) ends here too.
        return { ok: false, errorClass: "timeout", message: `No response within ${ctx.timeoutMs} ms`, latencyMs: ctx.timeoutMs, retryable: true, details };
      }
      const failure = classifyMqttError(err, ctx.timeoutMs);
      return { ok: false, ...failure, latencyMs: failure.errorClass === "timeout" ? ctx.timeoutMs : elapsed(), details };
    } finally {
      // Forced: no DISCONNECT handshake to wait on; the clean session drops the subscription on the broker.
      for (const client of clients) client.end(true);
    }
  },
};
