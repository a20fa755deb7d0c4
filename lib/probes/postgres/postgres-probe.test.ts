// The PostgreSQL probe's pure decisions: the lag limit (a standby cannot be run here) and error classification.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkReplicationLag, classifyPostgresError } from "./postgres-probe";

const primary = { serverVersion: "16.2", inRecovery: false, replicationLagSeconds: null };
const standby = (lag: number | null) => ({ serverVersion: "16.2", inRecovery: true, replicationLagSeconds: lag });

function dbError(code: string, message: string) {
  const err = new pg.DatabaseError(message, 0, "error");
  err.code = code;
  return err;
}

describe("checkReplicationLag", () => {
  it("passes without a limit, and on a primary whatever the limit", () => {
    expect(checkReplicationLag(standby(500), undefined)).toBeNull();
    expect(checkReplicationLag(primary, 0)).toBeNull();
  });

  it("passes a standby within the limit, including exactly on it", () => {
    expect(checkReplicationLag(standby(0), 0)).toBeNull();
    expect(checkReplicationLag(standby(30), 30)).toBeNull();
  });

  it("fails a standby over the limit, naming both numbers", () => {
    expect(checkReplicationLag(standby(42.1234), 30)).toBe("Replication lag 42.123 s is over the limit of 30 s");
  });

  it("fails a standby whose lag is unknown when a limit is set", () => {
    expect(checkReplicationLag(standby(null), 30)).toMatch(/unknown/);
  });
});

describe("classifyPostgresError", () => {
  it.each([
    ["28P01", "password authentication failed", "query", "auth", false],
    ["42501", "permission denied for table secrets", "query", "auth", false],
    ["3D000", 'database "x" does not exist', "connect", "config", false],
    ["57014", "canceling statement due to statement timeout", "query", "timeout", true],
    ["57P03", "the database system is starting up", "connect", "connect", true],
    ["53300", "sorry, too many clients already", "connect", "connect", true],
    ["08P01", "invalid frontend message type", "connect", "protocol", false],
    ["22012", "division by zero", "query", "assertion", false],
  ] as const)("maps SQLSTATE %s to its class", (code, message, stage, errorClass, retryable) => {
    expect(classifyPostgresError(dbError(code, message), stage, 1_000, false)).toMatchObject({ errorClass, retryable });
  });

  it("names a missing password when the server asked for one", () => {
    expect(classifyPostgresError(dbError("28P01", "password authentication failed"), "connect", 1_000, true).message).toMatch(
      /^The server asked for a password and none is configured/,
    );
  });

  it("maps pg's own connection errors", () => {
    expect(classifyPostgresError(new Error("The server does not support SSL connections"), "connect", 1_000, false)).toMatchObject({ errorClass: "tls" });
    expect(classifyPostgresError(new Error("Connection terminated due to connection timeout"), "connect", 1_000, false)).toMatchObject({
      errorClass: "timeout",
      message: "No response within 1000 ms",
    });
    expect(classifyPostgresError(new Error("Connection terminated unexpectedly"), "query", 1_000, false)).toMatchObject({
      errorClass: "connect",
      retryable: true,
    });
    expect(classifyPostgresError(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }), "query", 1_000, false)).toMatchObject({ errorClass: "connect" });
  });
});
