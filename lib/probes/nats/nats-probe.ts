// NATS probe: connects to a checked address, times a PING/PONG round trip (flush), then, when configured, reads
// a JetStream stream and a consumer's pending counts against their limits. No reconnects: one attempt, failing
// fast; the runner decides on retries.
import net from "node:net";
import type { ConnectionOptions, NatsConnection, TlsOptions } from "nats";
import { resolveSafeAddresses } from "../../security/outbound";
import { classifyNetworkError } from "../classify-error";
import type { Probe, ProbeContext, ProbeErrorClass, ProbeOutcome } from "../types";
import type { NatsConfig } from "./config";
import { connectTracked, type TrackedConnect } from "./tracked-connect";

// Errors where trying the next address of the same name is worth it; anything else is the server's answer.
const UNREACHABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT", "CONNECTION_REFUSED"]);
const AUTH = new Set(["AUTHORIZATION_VIOLATION", "AUTHENTICATION_EXPIRED", "ACCOUNT_EXPIRED", "BAD_AUTHENTICATION", "BAD_CREDS"]);
// JetStream API error codes (the server's err_code), stable across server versions.
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;
const JETSTREAM_NOT_ENABLED = new Set([10039, 10076]);

export interface ConsumerReading {
  /** Messages in the stream not yet delivered to this consumer. */
  pending: number;
  /** Messages delivered and awaiting an acknowledgement. */
  ackPending: number;
}

interface Failure {
  errorClass: ProbeErrorClass;
  message: string;
  retryable: boolean;
}

const noop = () => undefined;

/** Why the consumer breaks a configured limit, or null when it does not. */
export function checkConsumerLimits(name: string, reading: ConsumerReading, config: Pick<NatsConfig, "maxConsumerPending" | "maxAckPending">): string | null {
  if (config.maxConsumerPending !== undefined && reading.pending > config.maxConsumerPending) {
    return `Consumer ${name} has ${reading.pending} pending messages, over the limit of ${config.maxConsumerPending}`;
  }
  if (config.maxAckPending !== undefined && reading.ackPending > config.maxAckPending) {
    return `Consumer ${name} has ${reading.ackPending} messages awaiting acknowledgement, over the limit of ${config.maxAckPending}`;
  }
  return null;
}

/** Maps a nats.js error (its string codes, JetStream API errors) or a network error to a probe failure. */
export function classifyNatsError(err: unknown, config: Pick<NatsConfig, "stream" | "consumer">, timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  const code = typeof (err as { code?: unknown })?.code === "string" ? (err as { code: string }).code : undefined;
  const api = (err as { api_error?: { code?: number; err_code?: number; description?: string } })?.api_error;
  const timedOut = { errorClass: "timeout", message: `No response within ${timeoutMs} ms`, retryable: true } as const;

  if (api?.err_code === STREAM_NOT_FOUND) return { errorClass: "assertion", message: `Stream ${config.stream} does not exist`, retryable: false };
  if (api?.err_code === CONSUMER_NOT_FOUND) {
    return { errorClass: "assertion", message: `Consumer ${config.consumer} does not exist on stream ${config.stream}`, retryable: false };
  }
  // "503" is both JetStream's "not enabled" and core NATS's "no responders" (nothing serves $JS.API here).
  if ((api?.err_code !== undefined && JETSTREAM_NOT_ENABLED.has(api.err_code)) || code === "503") {
    return { errorClass: "assertion", message: "JetStream is not enabled on this server or for this account", retryable: false };
  }
  if (code && AUTH.has(code)) return { errorClass: "auth", message: `The server refused the credentials (${message.replace(/^'|'$/g, "")})`, retryable: false };
  if (code === "PERMISSIONS_VIOLATION") return { errorClass: "auth", message: `Permission denied: ${message.replace(/^'|'$/g, "")}`, retryable: false };
  if (code === "TIMEOUT" || code === "CONNECTION_TIMEOUT" || code === "AUTHENTICATION_TIMEOUT") return timedOut;
  if (code === "CONNECTION_REFUSED") return { errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true };
  if (code === "CONNECTION_CLOSED" || code === "DISCONNECT") return { errorClass: "connect", message: "The server closed the connection before answering", retryable: true };
  if (code === "SERVER_OPT_NA" && message === "tls") return { errorClass: "tls", message: "TLS is required here, but the server does not offer it", retryable: false };
  if (message === "unexpected response from server" || code === "NATS_PROTOCOL_ERR" || err instanceof SyntaxError) {
    return { errorClass: "protocol", message: `The server does not speak NATS as expected (${message})`, retryable: false };
  }
  if (api) return { errorClass: "protocol", message: `JetStream API error ${api.code ?? ""}: ${api.description ?? message}`.trim(), retryable: false };
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

const round = (ms: number) => Math.round(ms * 10) / 10;

export const natsProbe: Probe<NatsConfig> = {
  async run(config: NatsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const started = performance.now();
    const elapsed = () => round(performance.now() - started);
    const details: Record<string, unknown> = {};
    // The runner aborts ctx.signal when an attempt runs out of time; our own deadline as well means a step with
    // no timeout of its own (the flush, a JetStream request) can never hang a direct call either.
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]);
    const connects: TrackedConnect[] = [];
    let nc: NatsConnection | undefined;

    // nats.js hands these to tls.connect as they are; its type just does not list servername.
    // We connect to an IP; the certificate and SNI are about the name the user typed (never an IP).
    const tlsOptions: TlsOptions & { servername?: string } = net.isIP(config.host) ? {} : { servername: config.host };
    const options = (ip: string): ConnectionOptions => ({
      servers: `${net.isIPv6(ip) ? `[${ip}]` : ip}:${config.port}`,
      name: "tether probe",
      user: config.username,
      pass: config.password,
      token: config.token,
      // null, not undefined: nats.js upgrades to TLS on its own when the server merely offers it.
      tls: config.tls ? tlsOptions : null,
      timeout: ctx.timeoutMs,
      reconnect: false,
      maxReconnectAttempts: 0,
      // Never dial anything but the checked address: no DNS of its own, no servers learned from the cluster.
      resolve: false,
      ignoreClusterUpdates: true,
      noRandomize: true,
    });

    const check = async (): Promise<ConsumerReading | null> => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      for (const [i, ip] of addresses.entries()) {
        signal.throwIfAborted(); // the finally below may already have run; open nothing it will not close
        const attempt = connectTracked(options(ip));
        connects.push(attempt);
        try {
          nc = await attempt.connection;
          break;
        } catch (err) {
          const code = (err as { code?: unknown; chainedError?: { code?: unknown } }).chainedError?.code ?? (err as { code?: unknown }).code;
          if (i === addresses.length - 1 || typeof code !== "string" || !UNREACHABLE.has(code)) throw err;
        }
      }
      if (!nc) throw new Error("No address to connect to");
      details.serverVersion = nc.info?.version ?? null;
      const flushStarted = performance.now();
      await nc.flush();
      details.rttMs = round(performance.now() - flushStarted);
      if (config.stream === undefined) return null;

      signal.throwIfAborted();
      const jsm = await nc.jetstreamManager({ timeout: ctx.timeoutMs });
      const stream = await jsm.streams.info(config.stream);
      details.stream = config.stream;
      details.streamMessages = stream.state.messages;
      if (config.consumer === undefined) return null;
      const consumer = await jsm.consumers.info(config.stream, config.consumer);
      details.consumer = config.consumer;
      details.consumerPending = consumer.num_pending;
      details.ackPending = consumer.num_ack_pending;
      return { pending: consumer.num_pending, ackPending: consumer.num_ack_pending };
    };

    try {
      const reading = await untilAborted(signal, check());
      const latencyMs = elapsed();
      const limitFailure = reading && config.consumer !== undefined ? checkConsumerLimits(config.consumer, reading, config) : null;
      if (limitFailure) return { ok: false, errorClass: "assertion", message: limitFailure, latencyMs, retryable: false, details };
      return { ok: true, latencyMs, details };
    } catch (err) {
      const withDetails = Object.keys(details).length > 0 ? { details } : {};
      if (signal.aborted) {
        return { ok: false, errorClass: "timeout", message: `No response within ${ctx.timeoutMs} ms`, latencyMs: ctx.timeoutMs, retryable: true, ...withDetails };
      }
      const failure = classifyNatsError(err, config, ctx.timeoutMs);
      return { ok: false, ...failure, latencyMs: failure.errorClass === "timeout" ? ctx.timeoutMs : elapsed(), ...withDetails };
    } finally {
      const current = nc;
      if (current && !signal.aborted) await untilAborted(signal, current.close()).catch(noop);
      for (const attempt of connects) {
        attempt.abandon();
        // A connect that lands after an abort (its socket is gone already) still has timers to stop.
        void attempt.connection.then((late) => late.close(), noop).catch(noop);
      }
    }
  },
};
