// MongoDB probe, on the official driver: connects to one server of the connection string (its checked address,
// directly: the set's member list is never followed, so a server cannot steer the probe elsewhere), then hello,
// ping and buildInfo; on a replica-set member replSetGetStatus for the members' state and lag behind the primary;
// optionally a find with a limit of 1. The driver's retries and reconnects are off: the runner owns retries.
import { MongoClient, MongoServerError, type Document } from "mongodb";
import { classifyAddress, resolveSafeAddresses, type LookupFunction } from "../../security/outbound";
import { parseResolver } from "../shared/resolver";
import { lookupThrough, mergeOptions, resolverFor, resolveSeedlist, seedlistFailure } from "./srv";
import { untilAborted, withDeadline } from "../shared/abort";
import { startAttempt } from "../shared/attempt";
import { isUnreachable } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import { parseConnectionString, type MongodbConfig, type MongoConnectionString } from "./config";

export type MongoRole = "primary" | "secondary" | "arbiter" | "standalone" | "mongos" | "other";

export interface MemberReading {
  name: string;
  state: string;
  healthy: boolean;
  /** Seconds behind the primary's last applied operation; null for the primary itself, an arbiter, or with no primary. */
  lagSeconds: number | null;
}

export interface ReplicaSetReadings {
  setName: string;
  primary: string | null;
  members: MemberReading[];
  /** The largest lag of any secondary; null when there is no primary or no secondary to measure. */
  maxLagSeconds: number | null;
}

/** The server's role from its hello reply. */
export function roleFromHello(hello: Document): MongoRole {
  if (hello.msg === "isdbgrid") return "mongos";
  if (hello.arbiterOnly) return "arbiter";
  if (hello.secondary) return "secondary";
  if (hello.isWritablePrimary || hello.ismaster) return hello.setName ? "primary" : "standalone";
  return "other";
}

const toMillis = (value: unknown): number | null => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string" || typeof value === "number") {
    const ms = new Date(value).getTime();
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
};

const round = (n: number) => Math.round(n * 1000) / 1000;

/** replSetGetStatus as lag figures: each secondary's distance behind the primary's optimeDate. Pure. */
export function readReplicaSetStatus(status: Document): ReplicaSetReadings {
  const raw: Document[] = Array.isArray(status.members) ? status.members : [];
  const primary = raw.find((m) => m.state === 1 || m.stateStr === "PRIMARY");
  const primaryAt = primary ? toMillis(primary.optimeDate) : null;
  const members: MemberReading[] = raw.map((m) => {
    const state = typeof m.stateStr === "string" ? m.stateStr : `state ${m.state}`;
    const at = toMillis(m.optimeDate);
    const measurable = state === "SECONDARY" && primaryAt !== null && at !== null;
    return {
      name: String(m.name ?? "?"),
      state,
      healthy: m.health === 1 || m.health === undefined,
      lagSeconds: measurable ? round(Math.max(0, (primaryAt - at) / 1000)) : null,
    };
  });
  const lags = members.map((m) => m.lagSeconds).filter((lag): lag is number => lag !== null);
  return {
    setName: String(status.set ?? ""),
    primary: primary ? String(primary.name ?? "?") : null,
    members,
    maxLagSeconds: lags.length > 0 ? Math.max(...lags) : null,
  };
}

/** Why the set breaks the lag limit, or null when it does not. A standalone server has no lag to check. */
export function checkMemberLag(readings: ReplicaSetReadings | null, maxLagSeconds: number | undefined): string | null {
  if (maxLagSeconds === undefined || readings === null) return null;
  if (readings.primary === null) return `Replica set ${readings.setName} has no primary, so member lag cannot be measured`;
  const worst = readings.members.filter((m) => m.lagSeconds !== null && m.lagSeconds > maxLagSeconds).sort((a, b) => b.lagSeconds! - a.lagSeconds!)[0];
  return worst ? `Member ${worst.name} is ${worst.lagSeconds} s behind the primary, over the limit of ${maxLagSeconds} s` : null;
}

// Server error codes (src/mongo/base/error_codes.yml): 11 UserNotFound, 13 Unauthorized, 18 AuthenticationFailed,
// 334 MechanismUnavailable; 91 ShutdownInProgress, 189 PrimarySteppedDown, 11600/11602 interrupted at shutdown or
// stepdown, 13436 NotPrimaryOrSecondary; 50 MaxTimeMSExpired.
const AUTH_CODES = new Set([11, 13, 18, 334]);
const UNAVAILABLE_CODES = new Set([91, 189, 11600, 11602, 13436]);

const nameOf = (err: unknown) => (err instanceof Error ? err.name : "");

/** Maps a driver, server or network error to a probe failure; `stage` tells a refused login from a failing find. */
export function classifyMongoError(err: unknown, stage: "connect" | "status" | "find", timeoutMs: number): Failure {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof MongoServerError) {
    const code = typeof err.code === "number" ? err.code : -1;
    if (AUTH_CODES.has(code)) {
      const text = code === 13 ? `The user may not run this (${message})` : message;
      return { errorClass: "auth", message: text, retryable: false };
    }
    if (UNAVAILABLE_CODES.has(code)) return { errorClass: "connect", message, retryable: true };
    if (code === 50) return timeoutFailure(timeoutMs);
    if (stage === "find") return { errorClass: "assertion", message: `Find failed: ${message}`, retryable: false };
    return { errorClass: "protocol", message: `Unexpected reply: ${message}${err.codeName ? ` (${err.codeName})` : ""}`, retryable: false };
  }
  const name = nameOf(err);
  if (name === "MongoNetworkTimeoutError" || name === "MongoOperationTimeoutError" || /timed out/i.test(message)) {
    // Server selection gives up after its timeout; a network error underneath says more than the wait does.
    const cause = (err as { cause?: unknown }).cause;
    if (name === "MongoServerSelectionError" && cause) return classifyMongoError(cause, stage, timeoutMs);
    return timeoutFailure(timeoutMs);
  }
  if (name === "MongoParseError" || name === "MongoInvalidArgumentError" || name === "MongoAPIError" || name === "MongoMissingCredentialsError") {
    // The only parse error that comes off the wire; every other one is about the connection string.
    return message.startsWith("Message size")
      ? { errorClass: "protocol", message: `Not a MongoDB server? ${message}`, retryable: false }
      : { errorClass: "config", message: `${message}; check the connection string`, retryable: false };
  }
  if (name === "BSONError" || name === "MongoRuntimeError" || name === "MongoCompatibilityError" || name === "MongoUnexpectedServerResponseError") {
    return { errorClass: "protocol", message: `Not a MongoDB server? ${message}`, retryable: false };
  }
  const network = networkFailure(err, timeoutMs);
  if (network.errorClass === "unknown" && (name === "MongoNetworkError" || name === "MongoServerSelectionError")) {
    return { errorClass: "connect", message, retryable: true };
  }
  return network;
}

const bracket = (ip: string) => (ip.includes(":") ? `[${ip}]` : ip);

/** The driver's URI for one checked address: the string's user, database and options, with the host replaced. */
function uriFor(parsed: MongoConnectionString, ip: string, port: number): string {
  const user = parsed.username === undefined ? "" : `${encodeURIComponent(parsed.username)}@`;
  const path = parsed.database === undefined ? "/" : `/${encodeURIComponent(parsed.database)}`;
  return `mongodb://${user}${bracket(ip)}:${port}${path}${parsed.options ? `?${parsed.options}` : ""}`;
}

/** The first failed heartbeat of a direct connection: a refusal is known at once, not after server selection gives up. */
function firstHeartbeatFailure(client: MongoClient): Promise<never> {
  return new Promise((_resolve, reject) => client.once("serverHeartbeatFailed", (event) => reject(event.failure)));
}

const MAX_MEMBERS_KEPT = 50;
// How long close() may spend ending sessions politely; a server that holds its replies must not hold the probe.
const CLOSE_GRACE_MS = 250;

async function closeQuickly(client: MongoClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_GRACE_MS);
    timer.unref();
  });
  await Promise.race([client.close().catch(() => undefined), grace]);
  clearTimeout(timer);
}

export const mongodbProbe: Probe<MongodbConfig> = {
  async run(config: MongodbConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const signal = withDeadline(ctx.signal, ctx.timeoutMs);
    const clients: MongoClient[] = [];
    const details: Record<string, unknown> = {};
    let stage = "connect" as "connect" | "status" | "find"; // "as": assigned inside check(), TS cannot see it

    // Parsed again after the secrets are filled in: a secret must not smuggle in an option the schema refuses.
    const parsedOrWhy = parseConnectionString(config.connectionString);
    if (typeof parsedOrWhy === "string") return attempt.failed({ errorClass: "config", message: parsedOrWhy, retryable: false });
    let parsed: MongoConnectionString = parsedOrWhy;

    const connect = async (host: string, ip: string, port: number) => {
      const client = new MongoClient(uriFor(parsed, ip, port), {
        directConnection: true,
        ...(config.password && parsed.username !== undefined ? { auth: { username: parsed.username, password: config.password } } : {}),
        // The checked address is connected to; TLS (if the string asks for it) names the host as typed.
        servername: tlsServerName(host),
        serverSelectionTimeoutMS: ctx.timeoutMs,
        connectTimeoutMS: ctx.timeoutMs,
        socketTimeoutMS: ctx.timeoutMs,
        maxPoolSize: 1,
        retryReads: false,
        retryWrites: false,
        appName: "tether-probe",
      });
      clients.push(client);
      client.on("error", () => undefined);
      await Promise.race([client.connect(), firstHeartbeatFailure(client)]);
      return client;
    };

    const check = async () => {
      // Each host of the string in turn, each of its checked addresses in turn, until one answers; only "nothing
      // there" moves on, anything else is the server's answer.
      let client: MongoClient | undefined;
      let lookup: LookupFunction | undefined;
      if (parsed.srvHost) {
        // The seedlist first, on the configured resolver (itself an outbound target) or the system's.
        const server = config.resolver ? parseResolver(config.resolver) : null;
        if (server) {
          const verdict = classifyAddress(server.ip, ctx.outbound);
          if (!verdict.allowed)
            throw Object.assign(new Error(`Refused to query the resolver ${config.resolver} (${verdict.reason})`), { blockedResolver: true });
        }
        const resolver = resolverFor(server, ctx.timeoutMs);
        const onAbort = () => resolver.cancel();
        signal.addEventListener("abort", onAbort, { once: true });
        try {
          const seed = await resolveSeedlist(parsed.srvHost, resolver);
          // SRV implies TLS unless the string turns it off, as the driver does.
          parsed = { ...parsed, hosts: seed.hosts, options: mergeOptions(parsed.options, seed.txtOptions, "tls=true") };
          details.seedlist = seed.hosts.map((h) => `${h.host}:${h.port}`);
        } finally {
          signal.removeEventListener("abort", onAbort);
        }
        if (server) lookup = lookupThrough(resolver);
      }
      const targets = parsed.hosts;
      for (const [i, target] of targets.entries()) {
        const addresses = await resolveSafeAddresses(target.host, ctx.outbound, lookup);
        for (const [j, ip] of addresses.entries()) {
          signal.throwIfAborted();
          try {
            client = await connect(target.host, ip, target.port);
            details.host = `${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
            break;
          } catch (err) {
            const last = i === targets.length - 1 && j === addresses.length - 1;
            const code = (err as { cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
            if (last || !isUnreachable(code)) throw err;
          }
        }
        if (client) break;
      }
      if (!client) throw new Error("No address to connect to");
      const admin = client.db("admin");
      const hello = await admin.command({ hello: 1 }, { signal });
      await admin.command({ ping: 1 }, { signal });
      const build = await admin.command({ buildInfo: 1 }, { signal });
      const role = roleFromHello(hello);
      Object.assign(details, { serverVersion: typeof build.version === "string" ? build.version : null, role });
      let replicaSet: ReplicaSetReadings | null = null;
      if (typeof hello.setName === "string" && role !== "mongos") {
        details.setName = hello.setName;
        stage = "status";
        replicaSet = readReplicaSetStatus(await admin.command({ replSetGetStatus: 1 }, { signal }));
        Object.assign(details, {
          primary: replicaSet.primary,
          replicationLagSeconds: replicaSet.maxLagSeconds,
          members: replicaSet.members.slice(0, MAX_MEMBERS_KEPT),
        });
      }
      if (config.database && config.collection) {
        stage = "find";
        const found = await client
          .db(config.database)
          .collection(config.collection)
          .find(config.filter ?? {}, { limit: 1, signal })
          .toArray();
        details.rows = found.length;
      }
      return replicaSet;
    };

    try {
      const replicaSet = await untilAborted(signal, check());
      return attempt.passUnless(checkMemberLag(replicaSet, config.maxReplicationLagSeconds), details);
    } catch (err) {
      if (signal.aborted) return attempt.timedOut(details);
      const failure = seedlistFailure(err) ?? classifyMongoError(err, stage, ctx.timeoutMs);
      if (stage === "status" && failure.errorClass !== "timeout") failure.message = `Could not read the replica set's state: ${failure.message}`;
      return attempt.failed(failure, details);
    } finally {
      await Promise.all(clients.map(closeQuickly));
    }
  },
};
