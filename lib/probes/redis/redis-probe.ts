// Redis probe: connects (plain or TLS, optional ACL user), selects the database, sends PING (expects PONG) and
// reads INFO for version, memory, clients and role, then checks the optional memory and client limits. ioredis's
// own reconnects, retries and offline queue are off: one attempt, failing fast; the runner decides on retries.
import net from "node:net";
import { Redis } from "ioredis";
import { resolveSafeAddresses } from "../../security/outbound";
import { classifyNetworkError } from "../classify-error";
import type { Probe, ProbeContext, ProbeErrorClass, ProbeOutcome } from "../types";
import type { RedisConfig } from "./config";

// Errors where trying the next address of the same name is worth it; anything else is the server's answer.
const UNREACHABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);
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

interface Failure {
  errorClass: ProbeErrorClass;
  message: string;
  retryable: boolean;
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
  if (name === "ParserError" || message.startsWith("Unknown RESP type")) return { errorClass: "protocol", message: `Not a Redis server? ${message}`, retryable: false };
  if (message === "Command timed out") return { errorClass: "timeout", message: `No response within ${timeoutMs} ms`, retryable: true };
  if (message === CLOSED || message.startsWith(NOT_WRITABLE)) return { errorClass: "connect", message: "The server closed the connection before answering", retryable: true };
  const network = classifyNetworkError(err);
  if (network.errorClass === "timeout") return { errorClass: "timeout", message: `No response within ${timeoutMs} ms`, retryable: true };
  return { ...network, retryable: network.errorClass !== "tls" && network.errorClass !== "blocked" };
}

/** Rejects as soon as the signal aborts; the work's own rejection afterwards is expected and dropped. */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException("The probe was aborted", "AbortError"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export const redisProbe: Probe<RedisConfig> = {
  async run(config: RedisConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const clients: Redis[] = [];
    // ioredis reports handshake failures (WRONGPASS, TLS, refused) as "error" events and rejects connect()
    // with a bare "Connection is closed."; this keeps the real cause.
    let lastError: unknown;
    const details: Record<string, unknown> = {};

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      let client: Redis | undefined;
      for (const [i, ip] of addresses.entries()) {
        ctx.signal.throwIfAborted(); // the finally below may already have run; open nothing it will not close
        lastError = undefined;
        const candidate = new Redis({
          host: ip,
          port: config.port,
          username: config.username,
          password: config.password || undefined,
          // We connect to an IP; the certificate and SNI are about the name the user typed (never an IP).
          tls: config.tls ? { servername: net.isIP(config.host) ? undefined : config.host } : undefined,
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
        try {
          await candidate.connect();
          client = candidate;
          break;
        } catch (err) {
          const code = (lastError as { code?: unknown } | undefined)?.code;
          if (i === addresses.length - 1 || typeof code !== "string" || !UNREACHABLE.has(code)) throw err;
        }
      }
      if (!client) throw new Error("No address to connect to");
      // Selected here rather than through ioredis's `db`, which only logs a failed SELECT and carries on.
      if (config.db !== 0) await client.select(config.db);
      const pong = await client.ping();
      if (pong !== "PONG") throw Object.assign(new Error(`PING answered ${JSON.stringify(String(pong).slice(0, 80))}, expected PONG`), { name: "UnexpectedPong" });
      const readings = readingsFromInfo(parseInfo(await client.info()));
      Object.assign(details, { redisVersion: readings.redisVersion, usedMemoryBytes: readings.usedMemoryBytes, connectedClients: readings.connectedClients, role: readings.role });
      return readings;
    };

    try {
      const readings = await untilAborted(ctx.signal, check());
      const latencyMs = elapsed();
      if (readings.loading) {
        return { ok: false, errorClass: "connect", message: "Redis is still loading its dataset into memory", latencyMs, retryable: true, details };
      }
      const limitFailure = checkRedisLimits(readings, config);
      if (limitFailure) return { ok: false, errorClass: "assertion", message: limitFailure, latencyMs, retryable: false, details };
      return { ok: true, latencyMs, details };
    } catch (err) {
      const withDetails = Object.keys(details).length > 0 ? { details } : {};
      if (ctx.signal.aborted) {
        return { ok: false, errorClass: "timeout", message: `No response within ${ctx.timeoutMs} ms`, latencyMs: ctx.timeoutMs, retryable: true, ...withDetails };
      }
      if ((err as Error).name === "UnexpectedPong") return { ok: false, errorClass: "protocol", message: (err as Error).message, latencyMs: elapsed(), retryable: false };
      const closed = err instanceof Error && (err.message === CLOSED || err.message.startsWith(NOT_WRITABLE));
      const cause = closed && lastError ? lastError : err;
      const failure = classifyRedisError(cause, ctx.timeoutMs);
      return { ok: false, ...failure, latencyMs: failure.errorClass === "timeout" ? ctx.timeoutMs : elapsed(), ...withDetails };
    } finally {
      for (const client of clients) client.disconnect();
    }
  },
};
