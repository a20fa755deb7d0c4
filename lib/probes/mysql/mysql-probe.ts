// MySQL / MariaDB probe: connects (plain or TLS), reads the server version, optionally the replica lag, and runs
// the configured query. The session is made READ ONLY before its transaction starts, and multi-statement queries
// are off, so a probe cannot write (short of a stored procedure that switches back to read-write: give the
// monitoring user SELECT only). The transaction is always rolled back.
import net from "node:net";
import mysql from "mysql2/promise";
import { resolveSafeAddresses } from "../../security/outbound";
import { untilAborted } from "../shared/abort";
import { startAttempt } from "../shared/attempt";
import { connectEach } from "../shared/connect-each";
import { networkFailure, type Failure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { MysqlConfig } from "./config";

// Server error numbers (shared by MySQL and MariaDB unless noted); mysql2 has no name for some of them.
const AUTH_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR
  1045, // ER_ACCESS_DENIED_ERROR
  1130, // ER_HOST_NOT_PRIVILEGED
  1142, // ER_TABLEACCESS_DENIED_ERROR
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR
  1370, // ER_PROCACCESS_DENIED_ERROR
  1698, // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
  1862, // ER_MUST_CHANGE_PASSWORD_LOGIN
  3118, // ER_ACCOUNT_HAS_BEEN_LOCKED (MySQL)
  4151, // ER_ACCOUNT_HAS_BEEN_LOCKED (MariaDB)
]);
const BUSY_ERRNOS = new Set([1040 /* too many connections */, 1203 /* user's connection limit */, 1053 /* shutting down */, 1129 /* host blocked */]);
const TIMEOUT_ERRNOS = new Set([1969 /* MariaDB max_statement_time */, 3024 /* MySQL max_execution_time */]);
const READ_ONLY_ERRNOS = new Set([1792 /* read-only transaction */, 1290 /* --read-only server */]);
const NOT_MYSQL = "ERR_TETHER_NOT_MYSQL";

/**
 * MySQL servers speak first: a greeting packet whose first payload byte is protocol version 10 (or an error
 * packet, 0xff). Anything else is some other service on that port; say so now rather than wait for a timeout.
 */
function refuseForeignGreeting(socket: net.Socket): void {
  socket.once("data", (chunk: Buffer) => {
    if (chunk.length < 5 || chunk[4] === 0x0a || chunk[4] === 0xff) return;
    const sample = chunk
      .subarray(0, 40)
      .toString("latin1")
      .replace(/[^\x20-\x7e]+/g, " ")
      .trim();
    socket.destroy(Object.assign(new Error(`Not a MySQL server: it greeted with "${sample}"`), { code: NOT_MYSQL }));
  });
}

export interface ReplicaStatus {
  /** False when SHOW REPLICA STATUS returns nothing: the server replicates from no one. */
  isReplica: boolean;
  /** Seconds_Behind_Source (or _Master); null while replication is stopped. The largest over all channels. */
  lagSeconds: number | null;
  ioRunning?: string;
  sqlRunning?: string;
}

/** Reads SHOW REPLICA / SLAVE STATUS rows (one per channel), whichever column names this server uses. */
export function readReplicaStatus(rows: Record<string, unknown>[]): ReplicaStatus {
  if (rows.length === 0) return { isReplica: false, lagSeconds: null };
  let lag: number | null = 0;
  for (const row of rows) {
    const value = row.Seconds_Behind_Source ?? row.Seconds_Behind_Master;
    if (value === null || value === undefined) lag = null;
    else if (lag !== null) lag = Math.max(lag, Number(value));
  }
  const first = rows[0]!;
  const io = first.Replica_IO_Running ?? first.Slave_IO_Running;
  const sql = first.Replica_SQL_Running ?? first.Slave_SQL_Running;
  return { isReplica: true, lagSeconds: lag, ioRunning: typeof io === "string" ? io : undefined, sqlRunning: typeof sql === "string" ? sql : undefined };
}

/** Why the replica status breaks the configured lag limit, or null when it does not. */
export function checkReplicaLag(status: ReplicaStatus, maxLagSeconds: number | undefined): string | null {
  if (maxLagSeconds === undefined || !status.isReplica) return null;
  if (status.lagSeconds === null) {
    const threads = status.ioRunning !== undefined ? ` (IO thread: ${status.ioRunning}, SQL thread: ${status.sqlRunning ?? "?"})` : "";
    return `Replication is not running, so its lag is unknown${threads}`;
  }
  return status.lagSeconds > maxLagSeconds ? `Replication lag ${status.lagSeconds} s is over the limit of ${maxLagSeconds} s` : null;
}

/** Maps a mysql2 error to a probe failure; `stage` tells a refusal while logging in from the query failing. */
export function classifyMysqlError(err: unknown, stage: "connect" | "query", timeoutMs: number): Failure {
  const e = (err ?? {}) as { code?: unknown; errno?: unknown; sqlState?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  const code = typeof e.code === "string" ? e.code : undefined;
  // Server errors carry a SQL state; mysql2's and Node's own errors do not.
  if (typeof e.sqlState === "string" && typeof e.errno === "number") {
    const errno = e.errno;
    if (AUTH_ERRNOS.has(errno)) return { errorClass: "auth", message, retryable: false };
    if (errno === 1049) return { errorClass: "config", message: `${message}; check the database name`, retryable: false };
    if (BUSY_ERRNOS.has(errno)) return { errorClass: "connect", message, retryable: errno !== 1129 };
    if (TIMEOUT_ERRNOS.has(errno))
      return { errorClass: "timeout", message: `The query did not finish within ${timeoutMs} ms (statement time limit)`, retryable: true };
    if (READ_ONLY_ERRNOS.has(errno))
      return { errorClass: "assertion", message: `The query tried to write (${message}); probe queries run read-only`, retryable: false };
    return stage === "query"
      ? { errorClass: "assertion", message: `Query failed: ${message}`, retryable: false }
      : { errorClass: "unknown", message: `${message} (${code ?? errno})`, retryable: true };
  }
  if (code === "HANDSHAKE_NO_SSL_SUPPORT") return { errorClass: "tls", message: "The server does not support TLS", retryable: false };
  // mysql2 overwrites the TLS error's own code (DEPTH_ZERO_SELF_SIGNED_CERT...) with this one; the message stays.
  if (code === "HANDSHAKE_SSL_ERROR") return { errorClass: "tls", message: `TLS handshake failed (${message})`, retryable: false };
  if (code === NOT_MYSQL) return { errorClass: "protocol", message, retryable: false };
  if (code === "PROTOCOL_CONNECTION_LOST") return { errorClass: "connect", message: "The server closed the connection unexpectedly", retryable: true };
  if (code?.startsWith("PROTOCOL_") || code === "HANDSHAKE_UNKNOWN_ERROR" || err instanceof RangeError) {
    return { errorClass: "protocol", message: `Not a MySQL server? ${message}`, retryable: false };
  }
  return networkFailure(err, timeoutMs);
}

async function replicaStatus(conn: mysql.Connection): Promise<ReplicaStatus> {
  try {
    const [rows] = await conn.query("SHOW REPLICA STATUS");
    return readReplicaStatus(rows as Record<string, unknown>[]);
  } catch (err) {
    // MySQL before 8.0.22 and MariaDB before 10.5.1 only know the old spelling.
    if ((err as { errno?: unknown }).errno !== 1064) throw err;
    const [rows] = await conn.query("SHOW SLAVE STATUS");
    return readReplicaStatus(rows as Record<string, unknown>[]);
  }
}

export const mysqlProbe: Probe<MysqlConfig> = {
  async run(config: MysqlConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const sockets: net.Socket[] = [];
    const connections: mysql.Connection[] = [];
    // Set once the server has answered the last thing we sent, so a polite COM_QUIT will not hang.
    let answered = false;
    // Where we were when something failed: it decides the class (login vs query) and names the failing step.
    let step = "connect" as "connect" | "session" | "replica" | "query"; // "as": assigned inside check(), TS cannot see it
    const details: Record<string, unknown> = {};

    const check = async () => {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      const conn = await connectEach(addresses, ctx.signal, async (ip) => {
        // Our own socket to the checked IP; mysql2 then uses `host` only as the TLS server name.
        const socket = net.connect({ host: ip, port: config.port });
        sockets.push(socket);
        refuseForeignGreeting(socket);
        const candidate = await mysql.createConnection({
          stream: socket,
          host: config.host,
          port: config.port,
          user: config.user,
          password: config.password ?? "",
          database: config.database,
          ssl: config.ssl ? { rejectUnauthorized: true, verifyIdentity: true } : undefined,
          connectTimeout: ctx.timeoutMs,
          // A hostile server may ask for a local file in reply to any query; do not even offer.
          flags: ["-LOCAL_FILES"],
          multipleStatements: false,
        });
        connections.push(candidate);
        return candidate;
      });
      // Errors after connect also reject the pending query; this only keeps them from crashing the process.
      conn.on("error", () => undefined);
      step = "session";
      const [versionRows] = await conn.query("SELECT VERSION() AS version");
      const serverVersion = String((versionRows as { version?: unknown }[])[0]?.version ?? "unknown");
      details.serverVersion = serverVersion;
      // A server-side limit too, so a slow query does not keep running after we hang up. Best effort: proxies
      // and old servers may not know the variable, and the abort still bounds the probe.
      const limit = serverVersion.includes("MariaDB")
        ? `SET SESSION max_statement_time = ${Math.max(0.001, ctx.timeoutMs / 1000)}`
        : `SET SESSION max_execution_time = ${Math.max(1, Math.round(ctx.timeoutMs))}`;
      await conn.query(limit).catch(() => undefined);
      await conn.query("SET SESSION TRANSACTION READ ONLY");
      await conn.query("START TRANSACTION");
      let status: ReplicaStatus | undefined;
      if (config.maxReplicationLagSeconds !== undefined) {
        // Needs REPLICATION CLIENT (MySQL) or REPLICA MONITOR (MariaDB), so only read when a limit asks for it.
        step = "replica";
        status = await replicaStatus(conn);
        details.isReplica = status.isReplica;
        details.replicationLagSeconds = status.lagSeconds;
      }
      step = "query";
      const [rows] = await conn.query(config.query);
      details.rows = Array.isArray(rows) ? rows.length : 0;
      await conn.query("ROLLBACK");
      answered = true;
      return status;
    };

    try {
      const status = await untilAborted(ctx.signal, check());
      return attempt.passUnless(status ? checkReplicaLag(status, config.maxReplicationLagSeconds) : null, details);
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut(details);
      // A server error mid-query is an answer: the session is idle and can be ended politely.
      answered = step !== "connect" && typeof (err as { sqlState?: unknown }).sqlState === "string";
      const failure = classifyMysqlError(err, step === "connect" ? "connect" : "query", ctx.timeoutMs);
      if (step === "replica") failure.message = `Could not read the replica status: ${failure.message.replace(/^Query failed: /, "")}`;
      if (step === "session") failure.message = `Could not set up the read-only session: ${failure.message.replace(/^Query failed: /, "")}`;
      return attempt.failed(failure, details);
    } finally {
      // COM_QUIT when the server is responsive (no "aborted connection" in its log); otherwise cut the socket.
      if (answered) await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
      for (const c of connections) c.destroy();
      for (const socket of sockets) socket.destroy();
    }
  },
};
