// The MySQL config schema: defaults, and the messages a person sees for the usual mistakes.
import { describe, expect, it } from "vitest";
import { firstMessage } from "../testing/schema-messages";
import { mysqlConfigSchema } from "./config";

const minimal = { host: "db.internal", user: "monitor" };

const firstError = (input: Record<string, unknown>) => firstMessage(mysqlConfigSchema, input);

describe("mysqlConfigSchema", () => {
  it("fills in port, TLS and query; database and password stay optional", () => {
    expect(mysqlConfigSchema.parse(minimal)).toEqual({ ...minimal, port: 3306, ssl: false, query: "SELECT 1" });
  });

  it("treats a blank database and query as not given", () => {
    const parsed = mysqlConfigSchema.parse({ ...minimal, database: "  ", query: "" });
    expect(parsed.database).toBeUndefined();
    expect(parsed.query).toBe("SELECT 1");
  });

  it("keeps a password placeholder as written", () => {
    expect(mysqlConfigSchema.parse({ ...minimal, password: "{{secret.MYSQL_PASSWORD}}" }).password).toBe("{{secret.MYSQL_PASSWORD}}");
  });

  it.each([
    [{ host: "" }, "Enter the host name or IP address"],
    [{ host: "mysql://db.internal" }, "Enter only the host name, without mysql://"],
    [{ host: "db.internal:3306" }, "Put the port in the Port field, not in the host"],
    [{ host: "db/internal" }, "Not a valid host name or IP address"],
    [{ port: 0 }, "Ports run from 1 to 65535"],
    [{ port: "3306" }, "Enter the port number"],
    [{ user: " " }, "Enter the user to connect as"],
    [{ ssl: "yes" }, "Choose whether to use TLS"],
    [{ maxReplicationLagSeconds: -5 }, "The lag limit cannot be negative"],
    [{ query: "x".repeat(10_001) }, "Keep the query under 10,000 characters"],
  ])("rejects %o with a readable message", (change, message) => {
    expect(firstError({ ...minimal, ...change })).toBe(message);
  });
});
