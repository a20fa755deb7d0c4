// The Redis config schema: defaults, and the messages a person sees for the usual mistakes.
import { describe, expect, it } from "vitest";
import { firstMessage } from "../testing/schema-messages";
import { redisConfigSchema } from "./config";

const minimal = { host: "cache.internal" };

const firstError = (input: Record<string, unknown>) => firstMessage(redisConfigSchema, input);

describe("redisConfigSchema", () => {
  it("fills in port, database index and TLS", () => {
    expect(redisConfigSchema.parse(minimal)).toEqual({ host: "cache.internal", port: 6379, db: 0, tls: false });
  });

  it("treats a blank user name as the default user, and keeps a password placeholder as written", () => {
    const parsed = redisConfigSchema.parse({ ...minimal, username: " ", password: "{{secret.REDIS_PASSWORD}}" });
    expect(parsed.username).toBeUndefined();
    expect(parsed.password).toBe("{{secret.REDIS_PASSWORD}}");
  });

  it.each([
    [{ host: "" }, "Enter the host name or IP address"],
    [{ host: "redis://cache.internal:6379" }, "Enter only the host name, without redis://"],
    [{ host: "cache.internal:6379" }, "Put the port in the Port field, not in the host"],
    [{ port: 65_536 }, "Ports run from 1 to 65535"],
    [{ db: -1 }, "The database index cannot be negative"],
    [{ db: 1.5 }, "The database index is a whole number"],
    [{ tls: "true" }, "Choose whether to use TLS"],
    [{ maxMemoryBytes: 0 }, "The memory limit must be above zero"],
    [{ maxMemoryBytes: 1.5 }, "Use whole bytes"],
    [{ maxConnectedClients: 0 }, "The client limit must be at least 1"],
    [{ username: "monitor" }, "Enter the password for this user"],
  ])("rejects %o with a readable message", (change, message) => {
    expect(firstError({ ...minimal, ...change })).toBe(message);
  });

  it("puts the missing-password message on the password field", () => {
    const r = redisConfigSchema.safeParse({ ...minimal, username: "monitor" });
    expect(r.success ? [] : r.error.issues.map((i) => i.path)).toEqual([["password"]]);
  });
});
