// RabbitMQ probe: opens one AMQP 0-9-1 connection to a checked address and, when a queue is named, inspects it
// on a channel of its own with a passive declare (never creating it) against the depth and consumer limits.
// Heartbeats and amqplib's recovery are off: one attempt, failing fast; the runner decides on retries.
import { connect, type Channel, type ChannelModel, type SocketOptions } from "amqplib";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted, withDeadline } from "../shared/abort";
import { startAttempt } from "../shared/attempt";
import { connectEach } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import { defaultRabbitmqPort, type RabbitmqConfig } from "./config";

export interface QueueReading {
  /** Messages ready for delivery (not those delivered and awaiting an ack), as queue.declare-ok reports them. */
  messageCount: number;
  consumerCount: number;
}

const noop = () => undefined;

/** Why the queue breaks a configured limit, or null when it does not. */
export function checkQueueLimits(queue: string, reading: QueueReading, config: Pick<RabbitmqConfig, "maxQueueDepth" | "minConsumers">): string | null {
  if (config.maxQueueDepth !== undefined && reading.messageCount > config.maxQueueDepth) {
    return `Queue ${queue} depth ${reading.messageCount} is over the limit of ${config.maxQueueDepth}`;
  }
  if (config.minConsumers !== undefined && reading.consumerCount < config.minConsumers) {
    return `Queue ${queue} has ${reading.consumerCount} consumer${reading.consumerCount === 1 ? "" : "s"}, fewer than the minimum of ${config.minConsumers}`;
  }
  return null;
}

/** Maps an amqplib error (a server close with its reply code, a handshake surprise) or a network error to a failure. */
export function classifyRabbitmqError(err: unknown, config: Pick<RabbitmqConfig, "username" | "vhost" | "queue">, timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  // A channel or connection closed by the server carries the AMQP reply code as a number.
  const replyCode = typeof (err as { code?: unknown })?.code === "number" ? (err as { code: number }).code : undefined;
  // The broker's own words, e.g. "NOT_FOUND - no queue 'x' in vhost '/'".
  const serverText = /with message "(.*)"$/.exec(message)?.[1];

  if (replyCode === 404 && config.queue !== undefined) {
    return { errorClass: "assertion", message: `Queue ${config.queue} does not exist in vhost ${config.vhost}`, retryable: false };
  }
  if (message.startsWith("Handshake terminated by server") && /ACCESS.REFUSED|\b403\b/.test(message)) {
    return { errorClass: "auth", message: `Login refused for user ${config.username}: wrong user name or password (ACCESS_REFUSED)`, retryable: false };
  }
  // RabbitMQ answers connection.open for a vhost the user may not use with connection.close (530 NOT_ALLOWED),
  // which amqplib reports without the reason.
  if (/^Expected ConnectionOpenOk; got <ConnectionClose/.test(message)) {
    return {
      errorClass: "auth",
      message: `Access to vhost ${config.vhost} was refused: it does not exist, or user ${config.username} has no permissions on it`,
      retryable: false,
    };
  }
  if (replyCode === 403 || replyCode === 530) {
    return { errorClass: "auth", message: `Permission refused by the broker: ${serverText ?? message}`, retryable: false };
  }
  if (message === "connect ETIMEDOUT") return timeoutFailure(timeoutMs);
  if (message === "Socket closed abruptly during opening handshake") {
    return { errorClass: "connect", message: "The server closed the connection during the AMQP handshake", retryable: true };
  }
  if (/^Frame size \d+ exceeds|^Expected |^Unexpected frame|^Unknown frame|^Invalid frame/.test(message)) {
    return { errorClass: "protocol", message: `The server does not speak AMQP 0-9-1 as expected (${message})`, retryable: false };
  }
  if (replyCode !== undefined) {
    // 3xx/5xx closes such as 320 CONNECTION_FORCED (broker shutting down) or 541 INTERNAL_ERROR.
    return { errorClass: "protocol", message: `The broker closed the connection: ${serverText ?? message}`, retryable: replyCode === 320 || replyCode >= 500 };
  }
  return networkFailure(err, timeoutMs);
}

/** Says goodbye properly when the broker is answering; on abort, or if the goodbye stalls, drops the socket. */
async function closeConnection(model: ChannelModel, signal: AbortSignal): Promise<void> {
  model.on("error", noop); // a dropped socket is reported as an "error" event, which would otherwise crash the process
  // amqplib does not expose the socket in its types; it is the connection's `stream`.
  const destroy = () => (model.connection as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  if (signal.aborted) return void destroy();
  await untilAborted(signal, model.close()).catch(destroy);
}

export const rabbitmqProbe: Probe<RabbitmqConfig> = {
  async run(config: RabbitmqConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const port = config.port ?? defaultRabbitmqPort(config.tls);
    // A deadline of our own as well: the passive declare has no timeout of its own.
    const signal = withDeadline(ctx.signal, ctx.timeoutMs);
    const details: Record<string, unknown> = {};
    let model: ChannelModel | undefined;
    let channel: Channel | undefined;

    const check = async (): Promise<QueueReading | null> => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      model = await connectEach(addresses, signal, (ip) => {
        const socketOptions: SocketOptions & { signal: AbortSignal } = {
          servername: tlsServerName(config.host),
          // amqplib's socket timeout covers the TCP connect and the handshake, and is cleared once open.
          timeout: ctx.timeoutMs,
          clientProperties: { connection_name: "tether probe" },
          // Handed on to net/tls.connect: an abort destroys the socket, even mid-handshake, where amqplib
          // has not yet given us a connection to close.
          signal,
        };
        return connect(
          {
            protocol: config.tls ? "amqps" : "amqp",
            hostname: ip,
            port,
            username: config.username,
            password: config.password,
            vhost: config.vhost,
            // 0 turns heartbeats off (amqplib 2): a probe's connection lives for one check.
            heartbeat: 0,
          },
          socketOptions,
        );
      });
      model.on("error", noop); // failures surface through the pending operation; see closeConnection
      const server = model.connection.serverProperties;
      details.serverProduct = server.product ?? null;
      details.serverVersion = server.version ?? null;
      if (config.queue === undefined) return null;
      // A channel of its own: a failed passive declare closes the channel (404), never the connection.
      channel = await model.createChannel();
      channel.on("error", noop);
      signal.throwIfAborted();
      const reply = await channel.checkQueue(config.queue);
      details.queue = config.queue;
      details.queueDepth = reply.messageCount;
      details.consumers = reply.consumerCount;
      return { messageCount: reply.messageCount, consumerCount: reply.consumerCount };
    };

    try {
      const reading = await untilAborted(signal, check());
      return attempt.passUnless(reading && config.queue !== undefined ? checkQueueLimits(config.queue, reading, config) : null, details);
    } catch (err) {
      if (signal.aborted) return attempt.timedOut(details);
      return attempt.failed(classifyRabbitmqError(err, config, ctx.timeoutMs), details);
    } finally {
      // The channel may already be closed by the broker (a 404 does that); closing it again only rejects.
      if (channel && !signal.aborted) await untilAborted(signal, channel.close()).catch(noop);
      if (model) await closeConnection(model, signal);
    }
  },
};
