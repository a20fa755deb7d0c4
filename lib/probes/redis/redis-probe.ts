// Redis probe: connects (plain or TLS, optional ACL user), selects the database, sends PING (expects PONG) and
// reads INFO for version, memory, clients and role, then checks the optional memory and client limits. ioredis's
// own reconnects, retries and offline queue are off: one attempt, failing fast; the runner decides on retries.
import { Redis } from "ioredis";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted } from "../shared/abort";
import { startAttempt } from "../shared/attempt";
import { connectEach, isUnreachable } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { RedisConfig } from "./config";

// ioredis's messages for a command on a connection that has ended; the real cause, if any, arrived earlier as
// an "error" event.
const CLOSED = "Connection is closed.";
const NOT_WRITABLE = "Stream isn't writeable";

export interface RedisReadings {
  redisVersion: string | null;
  usedMemoryBytes: number | null;
  connectedClients: number | null;
  /** INFO's role, in today's words: master -> primary, slave -> replica. */
  role: string | null;
  loading: boolean;
}

/** INFO's "key:value" lines ("# Section" headers and blanks skipped). */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

export function readingsFromInfo(info: Map<string, string>): RedisReadings {
  const num = (key: string) => {
    const value = Number(info.get(key));
    return info.has(key) && Number.isFinite(value) ? value : null;
  };
  const role = info.get("role") ?? null;
  return {
    redisVersion: info.get("redis_version") ?? null,
    usedMemoryBytes: num("used_memory"),
    connectedClients: num("connected_clients"),
    role: role === "master" ? "primary" : role === "slave" ? "replica" : role,
    loading: info.get("loading") === "1",
  };
}

export function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value.toFixed(1)} ${unit} (${bytes} bytes)`;
}

/** Why the readings break a configured limit, or null when they do not. A missing reading cannot pass a limit. */
export function checkRedisLimits(readings: RedisReadings, config: Pick<RedisConfig, "maxMemoryBytes" | "maxConnectedClients">): string | null {
  if (config.maxMemoryBytes !== undefined) {
    const used = readings.usedMemoryBytes;
    if (used === null) return "INFO did not report used_memory, so the memory limit cannot be checked";
    if (used > config.maxMemoryBytes) return `Used memory ${formatBytes(used)} is over the limit of ${formatBytes(config.maxMemoryBytes)}`;
  }
  if (config.maxConnectedClients !== undefined) {
    const clients = readings.connectedClients;
    if (clients === null) return "INFO did not report connected_clients, so the client limit cannot be checked";
    if (clients > config.maxConnectedClients) return `Connected clients ${clients} is over the limit of ${config.maxConnectedClients}`;
  }
  return null;
}

/** Maps a Redis reply error, an ioredis error or a network error to a probe failure. */
export function classifyRedisError(err: unknown, timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : "";
  if (name === "ReplyError") {
    const prefix = message.split(" ", 1)[0]!;
    if (prefix === "WRONGPASS" || prefix === "NOAUTH" || prefix === "NOPERM" || message.startsWith("ERR invalid password")) {
      return { errorClass: "auth", message, retryable: false };
    }
    if (prefix === "DENIED") return { errorClass: "auth", message, retryable: false }; // protected mode: not for us
    if (/DB index is out of range|invalid DB index|SELECT is not allowed in cluster mode/i.test(message)) {
      return { errorClass: "config", message: `${message}; check the database index`, retryable: false };
    }
    if (prefix === "LOADING" || prefix === "BUSY" || prefix === "MASTERDOWN" || prefix === "TRYAGAIN" || /max number of clients reached/.test(message)) {
      return { errorClass: "connect", message, retryable: true };
    }
    return { errorClass: "protocol", message: `Unexpected reply: ${message}`, retryable: false };
  }
  if (name === "ParserError" || message.startsWith("Unknown RESP type"))
    return { errorClass: "protocol", message: `Not a Redis server? ${message}`, retryable: false };
  if (message === "Command timed out") return timeoutFailure(timeoutMs);
  if (message === CLOSED || message.startsWith(NOT_WRITABLE))
    return { errorClass: "connect", message: "The server closed the connection before answering", retryable: true };
  return networkFailure(err, timeoutMs);
}

export const redisProbe: Probe<RedisConfig> = {
  async run(config: RedisConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const clients: Redis[] = [];
    // ioredis reports handshake failures (WRONGPASS, TLS, refused) as "error" events and rejects connect()
    // with a bare "Connection is closed."; this keeps the real cause.
    let lastError: unknown;
    const details: Record<string, unknown> = {};

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      const connect = async (ip: string) => {
        lastError = undefined;
        const candidate = new Redis({
          host: ip,
          port: config.port,
          username: config.username,
          password: config.password || undefined,
          tls: config.tls ? { servername: tlsServerName(config.host) } : undefined,
          connectTimeout: ctx.timeoutMs,
          commandTimeout: ctx.timeoutMs,
          // One attempt, no queueing, no reconnects: the runner owns retries.
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
          reconnectOnError: () => false,
          enableOfflineQueue: false,
          autoResubscribe: false,
          autoResendUnfulfilledCommands: false,
          // We read INFO ourselves; the ready check would wait out a loading server instead of reporting it.
          enableReadyCheck: false,
          // RESP2 AUTH works on every Redis (and proxies) still in use; RESP3's HELLO needs Redis 6.
          protocol: 2,
          disableClientInfo: true,
          // After our goodbye, how long a silent peer may keep the socket before it is destroyed.
          disconnectTimeout: 250,
        });
        clients.push(candidate);
        candidate.on("error", (err: unknown) => {
          lastError ??= err;
        });
        await candidate.connect();
        return candidate;
      };
      // connect() rejects with "Connection is closed."; whether another address is worth trying is in lastError.
      const client = await connectEach(addresses, ctx.signal, connect, () => isUnreachable((lastError as { code?: unknown } | undefined)?.code));
      // Selected here rather than through ioredis's `db`, which only logs a failed SELECT and carries on.
      if (config.db !== 0) await client.select(config.db);
      const pong = await client.ping();
      if (pong !== "PONG")
        throw Object.assign(new Error(`PING answered ${JSON.stringify(String(pong).slice(0, 80))}, expected PONG`), { name: "UnexpectedPong" });
      const readings = readingsFromInfo(parseInfo(await client.info()));
      Object.assign(details, {
        redisVersion: readings.redisVersion,
        usedMemoryBytes: readings.usedMemoryBytes,
        connectedClients: readings.connectedClients,
        role: readings.role,
      });
      return readings;
    };

    try {
      const readings = await untilAborted(ctx.signal, check());
      if (readings.loading)
        return attempt.failed({ errorClass: "connect", message: "Redis is still loading its dataset into memory", retryable: true }, details);
      return attempt.passUnless(checkRedisLimits(readings, config), details);
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut(details);
      if ((err as Error).name === "UnexpectedPong") return attempt.failed({ errorClass: "protocol", message: (err as Error).message, retryable: false });
      const closed = err instanceof Error && (err.message === CLOSED || err.message.startsWith(NOT_WRITABLE));
      const cause = closed && lastError ? lastError : err;
      return attempt.failed(classifyRedisError(cause, ctx.timeoutMs), details);
    } finally {
      for (const client of clients) client.disconnect();
    }
  },
};
