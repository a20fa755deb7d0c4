// The PostgreSQL config schema: defaults, and the messages a person sees for the usual mistakes.
import { describe, expect, it } from "vitest";
import { firstMessage } from "../testing/schema-messages";
import { postgresConfigSchema } from "./config";

const minimal = { host: "db.internal", database: "app", user: "monitor" };

const firstError = (input: Record<string, unknown>) => firstMessage(postgresConfigSchema, input);

describe("postgresConfigSchema", () => {
  it("fills in port, TLS mode and query", () => {
    expect(postgresConfigSchema.parse(minimal)).toEqual({ ...minimal, port: 5432, ssl: "disable", query: "SELECT 1" });
  });

  it("treats a blank query as the default and trims the host", () => {
    expect(postgresConfigSchema.parse({ ...minimal, host: "  db.internal ", query: "  " })).toMatchObject({ host: "db.internal", query: "SELECT 1" });
  });

  it("keeps a password placeholder as written, and unbrackets an IPv6 host", () => {
    const parsed = postgresConfigSchema.parse({ ...minimal, host: "[::1]", password: "{{secret.PG_PASSWORD}}", maxReplicationLagSeconds: 30 });
    expect(parsed).toMatchObject({ host: "::1", password: "{{secret.PG_PASSWORD}}", maxReplicationLagSeconds: 30 });
  });

  it("accepts names with underscores and IP literals", () => {
    for (const host of ["pg_primary", "10.0.0.5", "fd00::5", "db.example.com."]) expect(firstError({ ...minimal, host })).toBeUndefined();
  });

  it.each([
    [{ host: "" }, "Enter the host name or IP address"],
    [{ host: "postgres://db.internal/app" }, "Enter only the host name, without postgres://"],
    [{ host: "db.internal:5432" }, "Put the port in the Port field, not in the host"],
    [{ host: "db internal" }, "Not a valid host name or IP address"],
    [{ port: 0 }, "Ports run from 1 to 65535"],
    [{ port: 70_000 }, "Ports run from 1 to 65535"],
    [{ port: 54.3 }, "The port is a whole number"],
    [{ database: " " }, "Enter the database name"],
    [{ user: "" }, "Enter the user (role) to connect as"],
    [{ ssl: "prefer" }, 'Choose "disable", "require" or "verify-full"'],
    [{ maxReplicationLagSeconds: -1 }, "The lag limit cannot be negative"],
  ])("rejects %o with a readable message", (change, message) => {
    expect(firstError({ ...minimal, ...change })).toBe(message);
  });

  it("asks for the required fields when they are missing", () => {
    const r = postgresConfigSchema.safeParse({});
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(["host: Enter the host name or IP address", "database: Enter the database name", "user: Enter the user (role) to connect as"]);
  });
});
