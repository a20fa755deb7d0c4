// The MongoDB probe's pure decisions: replSetGetStatus read into lag figures, the lag limit, roles and error classes.
import { MongoNetworkError, MongoNetworkTimeoutError, MongoParseError, MongoServerError, MongoServerSelectionError } from "mongodb";
import { describe, expect, it } from "vitest";
import { checkMemberLag, classifyMongoError, readReplicaSetStatus, roleFromHello, type ReplicaSetReadings } from "./mongodb-probe";

const at = new Date("2026-12-01T12:00:00Z");
const before = (seconds: number) => new Date(at.getTime() - seconds * 1000);

const status = (members: Record<string, unknown>[]) => ({ set: "rs0", ok: 1, members });

describe("readReplicaSetStatus", () => {
  it("measures each secondary against the primary's optimeDate, and takes the largest as the set's lag", () => {
    const readings = readReplicaSetStatus(
      status([
        { name: "a:27017", state: 1, stateStr: "PRIMARY", health: 1, optimeDate: at },
        { name: "b:27017", state: 2, stateStr: "SECONDARY", health: 1, optimeDate: before(2.5) },
        { name: "c:27017", state: 2, stateStr: "SECONDARY", health: 1, optimeDate: before(40) },
        { name: "d:27017", state: 7, stateStr: "ARBITER", health: 1 },
      ]),
    );
    expect(readings).toEqual({
      setName: "rs0",
      primary: "a:27017",
      maxLagSeconds: 40,
      members: [
        { name: "a:27017", state: "PRIMARY", healthy: true, lagSeconds: null },
        { name: "b:27017", state: "SECONDARY", healthy: true, lagSeconds: 2.5 },
        { name: "c:27017", state: "SECONDARY", healthy: true, lagSeconds: 40 },
        { name: "d:27017", state: "ARBITER", healthy: true, lagSeconds: null },
      ],
    });
  });

  it("reads a secondary ahead of a stale primary entry as no lag, and an unreachable member as unhealthy", () => {
    const readings = readReplicaSetStatus(
      status([
        { name: "a", state: 1, stateStr: "PRIMARY", health: 1, optimeDate: before(5) },
        { name: "b", state: 2, stateStr: "SECONDARY", health: 1, optimeDate: at },
        { name: "c", state: 8, stateStr: "(not reachable/healthy)", health: 0, optimeDate: new Date(0) },
      ]),
    );
    expect(readings.members.map((m) => [m.name, m.healthy, m.lagSeconds])).toEqual([
      ["a", true, null],
      ["b", true, 0],
      ["c", false, null],
    ]);
    expect(readings.maxLagSeconds).toBe(0);
  });

  it("has no lag to report without a primary, or without secondaries", () => {
    expect(readReplicaSetStatus(status([{ name: "b", state: 2, stateStr: "SECONDARY", optimeDate: at }]))).toMatchObject({
      primary: null,
      maxLagSeconds: null,
    });
    expect(readReplicaSetStatus(status([{ name: "a", state: 1, stateStr: "PRIMARY", optimeDate: at }]))).toMatchObject({ primary: "a", maxLagSeconds: null });
    expect(readReplicaSetStatus({ ok: 1 })).toEqual({ setName: "", primary: null, members: [], maxLagSeconds: null });
  });

  it("accepts optimeDate as an ISO string (relaxed Extended JSON)", () => {
    const readings = readReplicaSetStatus(
      status([
        { name: "a", stateStr: "PRIMARY", optimeDate: at.toISOString() },
        { name: "b", stateStr: "SECONDARY", optimeDate: before(7).toISOString() },
      ]),
    );
    expect(readings.maxLagSeconds).toBe(7);
  });
});

describe("checkMemberLag", () => {
  const set = (lags: (number | null)[], primary: string | null = "a"): ReplicaSetReadings => ({
    setName: "rs0",
    primary,
    members: lags.map((lagSeconds, i) => ({ name: `m${i}`, state: "SECONDARY", healthy: true, lagSeconds })),
    maxLagSeconds: Math.max(...lags.filter((l): l is number => l !== null)),
  });

  it("passes without a limit, for a standalone server, and at the limit", () => {
    expect(checkMemberLag(set([500]), undefined)).toBeNull();
    expect(checkMemberLag(null, 0)).toBeNull();
    expect(checkMemberLag(set([10, null]), 10)).toBeNull();
  });

  it("names the member furthest behind when over the limit", () => {
    expect(checkMemberLag(set([12, 31, 45]), 30)).toBe("Member m2 is 45 s behind the primary, over the limit of 30 s");
  });

  it("fails a set without a primary when a limit is set", () => {
    expect(checkMemberLag(set([1], null), 30)).toBe("Replica set rs0 has no primary, so member lag cannot be measured");
  });
});

describe("roleFromHello", () => {
  it.each([
    [{ isWritablePrimary: true }, "standalone"],
    [{ ismaster: true }, "standalone"],
    [{ isWritablePrimary: true, setName: "rs0" }, "primary"],
    [{ isWritablePrimary: false, secondary: true, setName: "rs0" }, "secondary"],
    [{ arbiterOnly: true, setName: "rs0" }, "arbiter"],
    [{ isWritablePrimary: true, msg: "isdbgrid" }, "mongos"],
    [{ isWritablePrimary: false, setName: "rs0" }, "other"],
  ])("reads %o as %s", (hello, role) => {
    expect(roleFromHello(hello)).toBe(role);
  });
});

describe("classifyMongoError", () => {
  const serverError = (code: number, codeName: string, errmsg: string) => new MongoServerError({ ok: 0, code, codeName, errmsg });

  it("reads failed logins and missing privileges as auth", () => {
    expect(classifyMongoError(serverError(18, "AuthenticationFailed", "Authentication failed."), "connect", 1_000)).toEqual({
      errorClass: "auth",
      message: "Authentication failed.",
      retryable: false,
    });
    expect(classifyMongoError(serverError(13, "Unauthorized", "not authorized on admin"), "status", 1_000)).toMatchObject({
      errorClass: "auth",
      message: "The user may not run this (not authorized on admin)",
    });
  });

  it("reads a failing find as an assertion, a stepdown as connect, maxTimeMS as timeout", () => {
    expect(classifyMongoError(serverError(2, "BadValue", "unknown operator: $foo"), "find", 1_000)).toEqual({
      errorClass: "assertion",
      message: "Find failed: unknown operator: $foo",
      retryable: false,
    });
    expect(classifyMongoError(serverError(189, "PrimarySteppedDown", "stepped down"), "find", 1_000)).toMatchObject({ errorClass: "connect", retryable: true });
    expect(classifyMongoError(serverError(50, "MaxTimeMSExpired", "operation exceeded time limit"), "find", 1_000)).toMatchObject({ errorClass: "timeout" });
  });

  it("reads network errors by their cause, and socket timeouts as timeout", () => {
    const refused = new MongoNetworkError("connect ECONNREFUSED 10.0.0.1:27017", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) });
    expect(classifyMongoError(refused, "connect", 1_000)).toMatchObject({
      errorClass: "connect",
      retryable: true,
      message: "Connection failed (ECONNREFUSED)",
    });
    expect(classifyMongoError(new MongoNetworkTimeoutError("Socket 'connect' timed out"), "connect", 1_000)).toEqual({
      errorClass: "timeout",
      message: "No response within 1000 ms",
      retryable: true,
    });
    expect(classifyMongoError(new MongoNetworkError("connection closed"), "connect", 1_000)).toMatchObject({ errorClass: "connect", retryable: true });
  });

  it("reads server selection giving up by what lies under it", () => {
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND db"), { code: "ENOTFOUND" });
    // The driver builds it from the topology's last error; without one it only says that it gave up.
    const selection = new MongoServerSelectionError("Server selection timed out after 1000 ms", { error: cause } as never);
    expect(classifyMongoError(selection, "connect", 1_000)).toMatchObject({ errorClass: "dns" });
    const gaveUp = new MongoServerSelectionError("Server selection timed out after 1000 ms", {} as never);
    expect(classifyMongoError(gaveUp, "connect", 1_000)).toMatchObject({ errorClass: "timeout", message: "No response within 1000 ms" });
  });

  it("reads driver parse errors as config, and garbage on the wire as protocol", () => {
    expect(classifyMongoError(new MongoParseError("connection string contains unsupported options, at position: 1"), "connect", 1_000)).toMatchObject({
      errorClass: "config",
      retryable: false,
    });
    const garbage = new MongoParseError("Message size cannot be negative: -2");
    expect(classifyMongoError(garbage, "connect", 1_000)).toMatchObject({ errorClass: "protocol", retryable: false });
  });
});
