// The MongoDB config schema: the connection string read into hosts, the password kept apart, and the messages a person sees.
import { describe, expect, it } from "vitest";
import { firstMessage } from "../testing/schema-messages";
import { mongodbConfigSchema, mongodbInfo, parseConnectionString } from "./config";

const minimal = { connectionString: "mongodb://monitor@db.internal:27017/?authSource=admin", password: "{{secret.MONGO_PASSWORD}}" };
const firstError = (input: Record<string, unknown>) => firstMessage(mongodbConfigSchema, input);

describe("parseConnectionString", () => {
  it("reads the user, hosts (default port 27017, IPv6 bracketed), database and options", () => {
    expect(parseConnectionString("mongodb://mon%40itor@db1.internal,[fd00::5]:27018,10.0.0.7:27019/app?replicaSet=rs0&tls=true")).toEqual({
      username: "mon@itor",
      hosts: [
        { host: "db1.internal", port: 27017 },
        { host: "fd00::5", port: 27018 },
        { host: "10.0.0.7", port: 27019 },
      ],
      database: "app",
      options: "replicaSet=rs0&tls=true",
    });
    expect(parseConnectionString("mongodb://db.internal")).toEqual({
      username: undefined,
      hosts: [{ host: "db.internal", port: 27017 }],
      database: undefined,
      options: "",
    });
  });

  it("reads a mongodb+srv:// string as one name whose SRV records list the hosts", () => {
    expect(parseConnectionString("mongodb+srv://monitor@Cluster0.Example.net/app?retryWrites=true")).toEqual({
      username: "monitor",
      hosts: [],
      database: "app",
      options: "retryWrites=true",
      srvHost: "cluster0.example.net",
    });
  });

  it("accepts the usual options in any case, as the driver reads them", () => {
    const text = "mongodb://db.internal/?replicaSet=rs0&TLS=true&authSource=admin&authMechanism=SCRAM-SHA-256&readPreference=secondaryPreferred";
    expect(parseConnectionString(text)).toMatchObject({ options: text.split("?")[1] });
  });

  it.each([
    ["postgres://db.internal", "Enter a connection string that starts with mongodb:// or mongodb+srv://"],
    ["mongodb+srv://a.example.net,b.example.net", "mongodb+srv:// names one host; its SRV records list the others"],
    ["mongodb+srv://cluster0.example.net:27017", "mongodb+srv:// takes no port: the SRV records give each host's"],
    ["mongodb+srv://example.net", "mongodb+srv:// needs a name of at least three parts, e.g. cluster0.example.net"],
    ["mongodb+srv://10.0.0.1", "Not a valid host name for mongodb+srv://: 10.0.0.1"],
    ["mongodb+srv://monitor:pw@cluster0.example.net", "Leave the password out of the connection string: put it in the Password field as {{secret.NAME}}"],
    ["mongodb://monitor:hunter2@db.internal", "Leave the password out of the connection string: put it in the Password field as {{secret.NAME}}"],
    ["mongodb:///app", "Name at least one host, e.g. mongodb://db.internal:27017"],
    ["mongodb://db internal", "Not a valid host: db internal"],
    ["mongodb://db.internal:99999", "Ports run from 1 to 65535 (db.internal:99999)"],
    ["mongodb://%E0%A4%A@db.internal", "The connection string has a broken %-escape"],
    [
      "mongodb://db.internal/?proxyHost=10.0.0.1&proxyPort=1080",
      "The option proxyHost is not supported here (proxies, files on the worker and non-password logins are off for probes)",
    ],
    [
      "mongodb://db.internal/?tls=true&tlsCAFile=/etc/shadow",
      "The option tlsCAFile is not supported here (proxies, files on the worker and non-password logins are off for probes)",
    ],
    [
      "mongodb://db.internal/?authMechanism=MONGODB-AWS",
      "authMechanism must be SCRAM-SHA-256, SCRAM-SHA-1, DEFAULT: the probe logs in with a user and password",
    ],
  ])("refuses %s", (text, message) => {
    expect(parseConnectionString(text)).toBe(message);
  });
});

describe("mongodbConfigSchema", () => {
  it("keeps the password placeholder as written and leaves the optional parts out", () => {
    expect(mongodbConfigSchema.parse({ ...minimal, database: " ", collection: "" })).toEqual(minimal);
  });

  it("takes a find with a filter and a lag limit", () => {
    const parsed = mongodbConfigSchema.parse({ ...minimal, database: "app", collection: "orders", filter: { status: "paid" }, maxReplicationLagSeconds: 30 });
    expect(parsed).toMatchObject({ database: "app", collection: "orders", filter: { status: "paid" }, maxReplicationLagSeconds: 30 });
  });

  it.each([
    [{ connectionString: "" }, "Enter the connection string, e.g. mongodb://monitor@db.internal:27017/?authSource=admin"],
    [
      { connectionString: "mongodb://monitor:pw@db.internal" },
      "Leave the password out of the connection string: put it in the Password field as {{secret.NAME}}",
    ],
    [{ connectionString: "mongodb://db.internal" }, "Name the user in the connection string, e.g. mongodb://monitor@db.internal"],
    [{ password: "" }, "Enter the password for this user, e.g. {{secret.MONGO_PASSWORD}}"],
    [{ collection: "orders" }, "Enter the database that holds the collection"],
    [{ filter: "status=paid" }, "The filter must be a JSON object"],
    [{ maxReplicationLagSeconds: -1 }, "The lag limit cannot be negative"],
  ])("rejects %o with a readable message", (change, message) => {
    expect(firstError({ ...minimal, ...change })).toBe(message);
  });

  it("shows hosts and database in the target, never the user", () => {
    expect(mongodbInfo.target({ connectionString: "mongodb://monitor@db1.internal,[fd00::5]:27018/app?tls=true" })).toBe(
      "mongodb://db1.internal:27017,[fd00::5]:27018/app",
    );
    expect(mongodbInfo.target({})).toBe("mongodb://?");
  });
});
