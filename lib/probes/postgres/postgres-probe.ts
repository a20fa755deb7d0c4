// PostgreSQL probe: connects (plain or TLS), reads the server version, recovery state and replication lag, and
// runs the configured query. Everything runs in a READ ONLY transaction that is always rolled back, and the
// query goes through the extended protocol, which refuses a second statement, so "COMMIT; DELETE ..." cannot
// escape it: a probe never writes.
import net from "node:net";
import pg from "pg";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted } from "../shared/abort";
import { startAttempt } from "../shared/attempt";
import { connectEach } from "../shared/connect-each";
import { networkFailure, timeoutFailure, type Failure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { PostgresConfig } from "./config";

// On a standby, a caught-up replica of an idle primary has an ever older last-replayed transaction; comparing
// received and replayed WAL first reports it as 0 instead of a false alarm (as postgres_exporter does).
const READINGS_SQL = `SELECT current_setting('server_version') AS server_version,
  pg_is_in_recovery() AS in_recovery,
  CASE WHEN NOT pg_is_in_recovery() THEN NULL
       WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0::float8
       ELSE GREATEST(0, EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()))::float8 END AS lag_seconds`;

export interface PostgresReadings {
  serverVersion: string;
  inRecovery: boolean;
  /** Seconds behind the primary on a standby; null on a primary (not applicable) or when the standby cannot tell. */
  replicationLagSeconds: number | null;
}

/** Why the readings break the configured lag limit, or null when they do not. A primary has no lag to check. */
export function checkReplicationLag(readings: PostgresReadings, maxLagSeconds: number | undefined): string | null {
  if (maxLagSeconds === undefined || !readings.inRecovery) return null;
  const lag = readings.replicationLagSeconds;
  if (lag === null) return "Replication lag is unknown: this standby has not replayed any transaction yet";
  return lag > maxLagSeconds ? `Replication lag ${round(lag)} s is over the limit of ${maxLagSeconds} s` : null;
}

/**
 * Maps a pg error to a probe failure. `stage` tells a refusal while logging in from the configured query failing;
 * `passwordMissing` (the server asked and none is configured) names the likelier cause of an auth failure.
 * An unknown database is `config`: nothing about the server is wrong, the integration's settings are.
 */
export function classifyPostgresError(err: unknown, stage: "connect" | "query", timeoutMs: number, passwordMissing: boolean): Failure {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof pg.DatabaseError && err.code) {
    const code = err.code;
    if (code === "28000" || code === "28P01") {
      return {
        errorClass: "auth",
        message: passwordMissing ? `The server asked for a password and none is configured (${message})` : message,
        retryable: false,
      };
    }
    if (code === "42501") return { errorClass: "auth", message, retryable: false };
    if (code === "3D000") return { errorClass: "config", message: `${message}; check the database name`, retryable: false };
    if (code === "57014") return { errorClass: "timeout", message: `The query did not finish within ${timeoutMs} ms (statement timeout)`, retryable: true };
    if (code === "25006") return { errorClass: "assertion", message: `The query tried to write (${message}); probe queries run read-only`, retryable: false };
    if (code === "42601" && message.includes("multiple commands")) {
      return { errorClass: "assertion", message: "The query holds more than one statement; a probe runs exactly one", retryable: false };
    }
    // 53: too many connections / out of resources; 57P0x: shutting down or starting up; 08: connection failure.
    if (code.startsWith("53") || code.startsWith("57P") || (code.startsWith("08") && code !== "08P01")) {
      return { errorClass: "connect", message, retryable: true };
    }
    if (code === "08P01") return { errorClass: "protocol", message, retryable: false };
    return stage === "query"
      ? { errorClass: "assertion", message: `Query failed: ${message}`, retryable: false }
      : { errorClass: "unknown", message: `${message} (SQLSTATE ${code})`, retryable: true };
  }
  // pg's own errors carry no code; these are its fixed messages.
  if (message === "The server does not support SSL connections" || message === "There was an error establishing an SSL connection") {
    return { errorClass: "tls", message, retryable: false };
  }
  if (message === "timeout expired" || message.includes("connection timeout")) return timeoutFailure(timeoutMs);
  if (message === "Connection terminated unexpectedly")
    return { errorClass: "connect", message: "The server closed the connection unexpectedly", retryable: true };
  if (message.startsWith("Received unexpected") || message.includes("unexpected message")) {
    return { errorClass: "protocol", message: `Not a PostgreSQL server? ${message}`, retryable: false };
  }
  return networkFailure(err, timeoutMs);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function tlsOptions(config: PostgresConfig): pg.ClientConfig["ssl"] {
  if (config.ssl === "disable") return false;
  return { rejectUnauthorized: config.ssl === "verify-full", servername: tlsServerName(config.host) };
}

export const postgresProbe: Probe<PostgresConfig> = {
  async run(config: PostgresConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const sockets: net.Socket[] = [];
    let connected: pg.Client | undefined;
    // Set once the server has answered the last thing we sent, so a polite goodbye will not hang.
    let answered = false;
    // Where we were when something failed: it decides the class (login vs query) and names the failing step.
    let stage = "connect" as "connect" | "session" | "query"; // "as": assigned inside check(), TS cannot see it
    let passwordAsked = false;
    const details: Record<string, unknown> = {};

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      const client = await connectEach(addresses, ctx.signal, async (ip) => {
        // Our own socket, so a server that never answers can be cut off: pg's end() waits for the peer.
        const socket = new net.Socket();
        sockets.push(socket);
        const candidate = new pg.Client({
          stream: () => socket,
          host: ip,
          port: config.port,
          database: config.database,
          user: config.user,
          // A function, so pg never falls back to PGPASSWORD or ~/.pgpass: the worker's own credentials must not
          // be offered to a monitored server. Called only when the server asks.
          password: () => {
            passwordAsked = true;
            return config.password ?? "";
          },
          ssl: tlsOptions(config),
          connectionTimeoutMillis: ctx.timeoutMs,
          application_name: "tether-probe",
        });
        // Errors after connect also reject the pending query; this only keeps them from crashing the process.
        candidate.on("error", () => undefined);
        await candidate.connect();
        return candidate;
      });
      connected = client;
      stage = "session";
      // One round trip; SET LOCAL rather than a startup parameter, which PgBouncer would refuse.
      const setup = (await client.query(
        `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.round(ctx.timeoutMs))}; ${READINGS_SQL}`,
      )) as unknown as pg.QueryResult[];
      const row = setup[2]?.rows[0] as { server_version: string; in_recovery: boolean; lag_seconds: number | null } | undefined;
      if (!row) throw new Error("The server returned no readings");
      const readings: PostgresReadings = {
        serverVersion: row.server_version,
        inRecovery: row.in_recovery,
        replicationLagSeconds: row.lag_seconds === null ? null : round(row.lag_seconds),
      };
      Object.assign(details, readings, { role: readings.inRecovery ? "standby" : "primary" });
      // queryMode "extended" is what makes the server refuse more than one statement.
      stage = "query";
      const result = await client.query({ text: config.query, queryMode: "extended" } as pg.QueryConfig);
      details.rows = result.rows.length;
      await client.query("ROLLBACK");
      answered = true;
      return readings;
    };

    try {
      const readings = await untilAborted(ctx.signal, check());
      return attempt.passUnless(checkReplicationLag(readings, config.maxReplicationLagSeconds), details);
    } catch (err) {
      // A server error (SQLSTATE) mid-query is an answer: the session is idle and can be ended politely.
      answered = stage !== "connect" && err instanceof pg.DatabaseError && !ctx.signal.aborted;
      if (ctx.signal.aborted) return attempt.timedOut(details);
      const failure = classifyPostgresError(err, stage === "connect" ? "connect" : "query", ctx.timeoutMs, passwordAsked && !config.password);
      if (stage === "session") failure.message = `Could not read the server's state: ${failure.message.replace(/^Query failed: /, "")}`;
      return attempt.failed(failure, details);
    } finally {
      // A polite Terminate when the server is responsive (no "unexpected EOF" in its log); otherwise cut the socket.
      if (connected && answered) await connected.end().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
    }
  },
};
