// NATS probe: connects to a checked address, times a PING/PONG round trip (flush), then, when configured, reads
// a JetStream stream and a consumer's pending counts against their limits. No reconnects: one attempt, failing
// fast; the runner decides on retries.
import net from "node:net";
import type { ConnectionOptions, NatsConnection, TlsOptions } from "nats";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted, withDeadline } from "../shared/abort";
import { roundMs, startAttempt } from "../shared/attempt";
import { connectEach, isUnreachable } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { NatsConfig } from "./config";
import { connectTracked, type TrackedConnect } from "./tracked-connect";

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
  if (code === "TIMEOUT" || code === "CONNECTION_TIMEOUT" || code === "AUTHENTICATION_TIMEOUT") return timeoutFailure(timeoutMs);
  if (code === "CONNECTION_REFUSED") return { errorClass: "connect", message: "Connection failed (ECONNREFUSED)", retryable: true };
  if (code === "CONNECTION_CLOSED" || code === "DISCONNECT")
    return { errorClass: "connect", message: "The server closed the connection before answering", retryable: true };
  if (code === "SERVER_OPT_NA" && message === "tls")
    return { errorClass: "tls", message: "TLS is required here, but the server does not offer it", retryable: false };
  if (message === "unexpected response from server" || code === "NATS_PROTOCOL_ERR" || err instanceof SyntaxError) {
    return { errorClass: "protocol", message: `The server does not speak NATS as expected (${message})`, retryable: false };
  }
  if (api) return { errorClass: "protocol", message: `JetStream API error ${api.code ?? ""}: ${api.description ?? message}`.trim(), retryable: false };
  return networkFailure(err, timeoutMs);
}

export const natsProbe: Probe<NatsConfig> = {
  async run(config: NatsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const details: Record<string, unknown> = {};
    // A deadline of our own as well: the flush and the JetStream requests have no timeout of their own.
    const signal = withDeadline(ctx.signal, ctx.timeoutMs);
    const connects: TrackedConnect[] = [];
    let nc: NatsConnection | undefined;

    // nats.js hands these to tls.connect as they are; its type just does not list servername. It copies every key
    // over its own options, so a name that does not apply must be left out rather than set to undefined.
    const servername = tlsServerName(config.host);
    const tlsOptions: TlsOptions & { servername?: string } = servername === undefined ? {} : { servername };
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
      nc = await connectEach(
        addresses,
        signal,
        (ip) => {
          const tracked = connectTracked(options(ip));
          connects.push(tracked);
          return tracked.connection;
        },
        (err) => {
          // nats.js keeps the socket's error as chainedError, and names a refusal in its own words.
          const code = (err as { code?: unknown; chainedError?: { code?: unknown } }).chainedError?.code ?? (err as { code?: unknown }).code;
          return isUnreachable(code) || code === "CONNECTION_REFUSED";
        },
      );
      details.serverVersion = nc.info?.version ?? null;
      const flushStarted = performance.now();
      await nc.flush();
      details.rttMs = roundMs(performance.now() - flushStarted);
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
      return attempt.passUnless(reading && config.consumer !== undefined ? checkConsumerLimits(config.consumer, reading, config) : null, details);
    } catch (err) {
      if (signal.aborted) return attempt.timedOut(details);
      return attempt.failed(classifyNatsError(err, config, ctx.timeoutMs), details);
    } finally {
      const current = nc;
      if (current && !signal.aborted) await untilAborted(signal, current.close()).catch(noop);
      for (const tracked of connects) {
        tracked.abandon();
        // A connect that lands after an abort (its socket is gone already) still has timers to stop.
        void tracked.connection.then((late) => late.close(), noop).catch(noop);
      }
    }
  },
};
