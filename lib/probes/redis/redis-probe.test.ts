// The Redis probe's pure parts: reading INFO, the memory and client limits, and error classification.
import { describe, expect, it } from "vitest";
import { checkRedisLimits, classifyRedisError, formatBytes, parseInfo, readingsFromInfo } from "./redis-probe";

const INFO =
  "# Server\r\nredis_version:7.2.4\r\nredis_mode:standalone\r\n\r\n# Clients\r\nconnected_clients:12\r\n\r\n# Memory\r\nused_memory:2097152\r\n\r\n# Persistence\r\nloading:0\r\n\r\n# Replication\r\nrole:slave\r\n";

function replyError(message: string) {
  return Object.assign(new Error(message), { name: "ReplyError" });
}

describe("INFO", () => {
  it("reads the fields we report, naming the role in today's words", () => {
    expect(readingsFromInfo(parseInfo(INFO))).toEqual({
      redisVersion: "7.2.4",
      usedMemoryBytes: 2_097_152,
      connectedClients: 12,
      role: "replica",
      loading: false,
    });
  });

  it("leaves missing fields null", () => {
    expect(readingsFromInfo(parseInfo("# Server\r\nredis_version:7.0.0\r\n"))).toMatchObject({ usedMemoryBytes: null, connectedClients: null, role: null });
  });
});

describe("checkRedisLimits", () => {
  const readings = readingsFromInfo(parseInfo(INFO));

  it("passes without limits and at the limits", () => {
    expect(checkRedisLimits(readings, {})).toBeNull();
    expect(checkRedisLimits(readings, { maxMemoryBytes: 2_097_152, maxConnectedClients: 12 })).toBeNull();
  });

  it("fails over a limit with both numbers", () => {
    expect(checkRedisLimits(readings, { maxMemoryBytes: 1_048_576 })).toBe("Used memory 2.0 MiB (2097152 bytes) is over the limit of 1.0 MiB (1048576 bytes)");
    expect(checkRedisLimits(readings, { maxConnectedClients: 10 })).toBe("Connected clients 12 is over the limit of 10");
  });

  it("fails a limit it cannot check", () => {
    expect(checkRedisLimits({ ...readings, usedMemoryBytes: null }, { maxMemoryBytes: 1 })).toMatch(/cannot be checked/);
  });

  it("formats bytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB (5368709120 bytes)");
  });
});

describe("classifyRedisError", () => {
  it.each([
    ["WRONGPASS invalid username-password pair or user is disabled.", "auth", false],
    ["NOAUTH Authentication required.", "auth", false],
    ["NOPERM User x has no permissions to run the 'info' command", "auth", false],
    ["ERR DB index is out of range", "config", false],
    ["LOADING Redis is loading the dataset in memory", "connect", true],
    ["ERR max number of clients reached", "connect", true],
    ["ERR unknown command 'PING'", "protocol", false],
  ] as const)("maps the reply %s", (message, errorClass, retryable) => {
    expect(classifyRedisError(replyError(message), 1_000)).toMatchObject({ errorClass, retryable });
  });

  it("maps ioredis's own errors", () => {
    expect(classifyRedisError(new Error("Command timed out"), 1_000)).toEqual({
      errorClass: "timeout",
      message: "No response within 1000 ms",
      retryable: true,
    });
    expect(classifyRedisError(new Error('Unknown RESP type 72 "H"'), 1_000)).toMatchObject({ errorClass: "protocol" });
    expect(classifyRedisError(new Error("Connection is closed."), 1_000)).toMatchObject({ errorClass: "connect", retryable: true });
    expect(classifyRedisError(Object.assign(new Error("connect ETIMEDOUT"), { code: "ETIMEDOUT" }), 1_000)).toMatchObject({ errorClass: "timeout" });
  });
});
