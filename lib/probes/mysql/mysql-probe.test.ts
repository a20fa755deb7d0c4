// The MySQL probe's pure decisions: reading replica status (no replica runs here), the lag limit, error classes.
import { describe, expect, it } from "vitest";
import { checkReplicaLag, classifyMysqlError, readReplicaStatus } from "./mysql-probe";

function serverError(errno: number, message: string, code?: string) {
  return Object.assign(new Error(message), { errno, code, sqlState: "HY000" });
}

describe("readReplicaStatus", () => {
  it("reads no rows as not a replica", () => {
    expect(readReplicaStatus([])).toEqual({ isReplica: false, lagSeconds: null });
  });

  it("reads MySQL 8's and MariaDB's column names", () => {
    expect(readReplicaStatus([{ Seconds_Behind_Source: 4, Replica_IO_Running: "Yes", Replica_SQL_Running: "Yes" }])).toEqual({
      isReplica: true,
      lagSeconds: 4,
      ioRunning: "Yes",
      sqlRunning: "Yes",
    });
    expect(readReplicaStatus([{ Seconds_Behind_Master: "7", Slave_IO_Running: "Yes", Slave_SQL_Running: "No" }])).toMatchObject({
      lagSeconds: 7,
      sqlRunning: "No",
    });
  });

  it("takes the largest lag over channels, and null when any channel is stopped", () => {
    expect(readReplicaStatus([{ Seconds_Behind_Source: 3 }, { Seconds_Behind_Source: 12 }]).lagSeconds).toBe(12);
    expect(readReplicaStatus([{ Seconds_Behind_Source: 3 }, { Seconds_Behind_Source: null }]).lagSeconds).toBeNull();
  });
});

describe("checkReplicaLag", () => {
  it("passes without a limit, when not a replica, and within the limit", () => {
    expect(checkReplicaLag({ isReplica: true, lagSeconds: 500 }, undefined)).toBeNull();
    expect(checkReplicaLag({ isReplica: false, lagSeconds: null }, 0)).toBeNull();
    expect(checkReplicaLag({ isReplica: true, lagSeconds: 10 }, 10)).toBeNull();
  });

  it("fails over the limit, and when replication is stopped", () => {
    expect(checkReplicaLag({ isReplica: true, lagSeconds: 45 }, 30)).toBe("Replication lag 45 s is over the limit of 30 s");
    expect(checkReplicaLag({ isReplica: true, lagSeconds: null, ioRunning: "Connecting", sqlRunning: "Yes" }, 30)).toBe(
      "Replication is not running, so its lag is unknown (IO thread: Connecting, SQL thread: Yes)",
    );
  });
});

describe("classifyMysqlError", () => {
  it.each([
    [1045, "connect", "auth", false],
    [1142, "query", "auth", false],
    [1049, "connect", "config", false],
    [1040, "connect", "connect", true],
    [1969, "query", "timeout", true],
    [3024, "query", "timeout", true],
    [1792, "query", "assertion", false],
    [1146, "query", "assertion", false],
  ] as const)("maps server error %i to its class", (errno, stage, errorClass, retryable) => {
    expect(classifyMysqlError(serverError(errno, "boom"), stage, 1_000)).toMatchObject({ errorClass, retryable });
  });

  it("maps mysql2's and Node's own errors", () => {
    const err = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(classifyMysqlError(err("HANDSHAKE_NO_SSL_SUPPORT"), "connect", 1_000)).toMatchObject({ errorClass: "tls" });
    expect(classifyMysqlError(err("PROTOCOL_CONNECTION_LOST"), "query", 1_000)).toMatchObject({ errorClass: "connect", retryable: true });
    expect(classifyMysqlError(err("PROTOCOL_INCORRECT_PACKET_SEQUENCE"), "connect", 1_000)).toMatchObject({ errorClass: "protocol" });
    expect(classifyMysqlError(err("ETIMEDOUT"), "connect", 1_000)).toMatchObject({ errorClass: "timeout", message: "No response within 1000 ms" });
    expect(classifyMysqlError(new RangeError("offset out of range"), "connect", 1_000)).toMatchObject({ errorClass: "protocol" });
  });
});
