// What a MongoDB probe may be configured with: a mongodb:// connection string (user name, hosts, options), the
// password apart as a {{secret.NAME}} reference, an optional find and a lag limit. No Node imports: the form
// validates with this in the browser.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { replicationLagLimitField } from "../shared/sql-fields";
import { defineKind, SECRET_HINT } from "../shared/kind-info";
import { parseResolver } from "../shared/resolver";

export interface MongoHost {
  host: string;
  port: number;
}

/** A mongodb:// connection string in parts: the probe connects to each host's checked address and keeps the rest. */
export interface MongoConnectionString {
  /** Percent-decoded; absent when the string names no user. */
  username?: string;
  hosts: MongoHost[];
  /** The default database from the path (the driver's authSource when the options name none). */
  database?: string;
  /** The options after `?`, as written. */
  options: string;
  /** mongodb+srv://: the name whose SRV records list the hosts (then `hosts` is empty until the probe resolves them). */
  srvHost?: string;
}

const SHAPE = /^mongodb(\+srv)?:\/\/(?:([^@/?]*)@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/;
const host = addressFields("mongodb").host;

// Connection string options a probe may carry (compared case-insensitively, as the driver does). Left out on
// purpose: proxies (a socket to an unchecked host), files on the worker (tlsCAFile, tlsCertificateKeyFile...) and
// auth mechanisms that would offer the worker's own credentials (MONGODB-AWS, GSSAPI, MONGODB-OIDC, X.509).
const ALLOWED_OPTIONS = [
  "authSource",
  "authMechanism",
  "replicaSet",
  "directConnection",
  "tls",
  "ssl",
  "tlsInsecure",
  "tlsAllowInvalidCertificates",
  "tlsAllowInvalidHostnames",
  "appName",
  "readPreference",
  "readPreferenceTags",
  "readConcernLevel",
  "retryReads",
  "retryWrites",
  "w",
  "journal",
  "wtimeoutMS",
  "connectTimeoutMS",
  "socketTimeoutMS",
  "serverSelectionTimeoutMS",
  "heartbeatFrequencyMS",
  "maxPoolSize",
  "minPoolSize",
  "maxIdleTimeMS",
  "localThresholdMS",
];
const ALLOWED = new Map(ALLOWED_OPTIONS.map((option) => [option.toLowerCase(), option]));
/** The password mechanisms; the driver picks one of them by itself when none is named. */
export const MONGO_AUTH_MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-1", "DEFAULT"] as const;

function checkOptions(options: string): string | null {
  for (const pair of options.split("&")) {
    if (!pair) continue;
    const [key = "", value = ""] = pair.split("=", 2);
    const option = ALLOWED.get(key.toLowerCase());
    if (!option) return `The option ${key} is not supported here (proxies, files on the worker and non-password logins are off for probes)`;
    if (option === "authMechanism" && !(MONGO_AUTH_MECHANISMS as readonly string[]).includes(value)) {
      return `authMechanism must be ${MONGO_AUTH_MECHANISMS.join(", ")}: the probe logs in with a user and password`;
    }
  }
  return null;
}

/** Parses a mongodb:// or mongodb+srv:// string; returns a message for a person when it cannot be used. */
export function parseConnectionString(text: string): MongoConnectionString | string {
  const m = SHAPE.exec(text);
  if (!m) return "Enter a connection string that starts with mongodb:// or mongodb+srv://";
  const [, srv, userinfo, hostList, path, options = ""] = m;
  if (userinfo?.includes(":")) return "Leave the password out of the connection string: put it in the Password field as {{secret.NAME}}";
  let username: string | undefined;
  let database: string | undefined;
  try {
    username = userinfo ? decodeURIComponent(userinfo) : undefined;
    database = path ? decodeURIComponent(path) : undefined;
  } catch {
    return "The connection string has a broken %-escape";
  }
  if (!hostList) return "Name at least one host, e.g. mongodb://db.internal:27017";
  if (srv) {
    // The spec: one name, no port, and at least three labels, so its SRV targets have a parent domain to sit under.
    if (hostList.includes(",")) return "mongodb+srv:// names one host; its SRV records list the others";
    if (hostList.includes(":")) return "mongodb+srv:// takes no port: the SRV records give each host's";
    const parsed = host.safeParse(hostList);
    if (!parsed.success || /^[\d.]+$/.test(hostList)) return `Not a valid host name for mongodb+srv://: ${hostList}`;
    if (parsed.data.split(".").length < 3) return "mongodb+srv:// needs a name of at least three parts, e.g. cluster0.example.net";
    const refused = checkOptions(options);
    if (refused) return refused;
    return { username, hosts: [], database, options, srvHost: parsed.data.toLowerCase() };
  }
  const hosts: MongoHost[] = [];
  for (const entry of hostList.split(",")) {
    const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(entry);
    const plain = /^([^:[\]]+)(?::(\d*))?$/.exec(entry);
    const [, name, port] = bracketed ?? plain ?? [];
    const parsed = name === undefined ? undefined : host.safeParse(name);
    if (!parsed?.success) return `Not a valid host: ${entry}`;
    const number = port ? Number(port) : 27017;
    if (!Number.isInteger(number) || number < 1 || number > 65_535) return `Ports run from 1 to 65535 (${entry})`;
    hosts.push({ host: parsed.data, port: number });
  }
  const refused = checkOptions(options);
  if (refused) return refused;
  return { username, hosts, database, options };
}

const name = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `A ${what} name is at most ${max} characters`)
    .transform((value) => value || undefined)
    .optional();

export const mongodbConfigSchema = z
  .object({
    connectionString: z
      .string({ error: "Enter the connection string, e.g. mongodb://monitor@db.internal:27017/?authSource=admin" })
      .trim()
      .min(1, "Enter the connection string, e.g. mongodb://monitor@db.internal:27017/?authSource=admin")
      .max(4_096, "Keep the connection string under 4096 characters")
      .superRefine((value, ctx) => {
        const parsed = parseConnectionString(value);
        if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
      }),
    /** The password of the connection string's user; may hold a {{secret.NAME}} placeholder, so its format is not checked. */
    password: z.string().optional(),
    /** With `collection`: a find with a limit of 1 runs there. */
    database: name("database", 64),
    collection: name("collection", 255),
    /** The find's filter, a JSON object (Extended JSON is read as plain JSON). */
    filter: z.record(z.string(), z.unknown(), { error: "The filter must be a JSON object" }).optional(),
    /** Fails the probe when a secondary is further behind the primary than this. A standalone server passes. */
    maxReplicationLagSeconds: replicationLagLimitField,
    /** For mongodb+srv://: the DNS server (ip[:port]) asked for the SRV and TXT records and the hosts' addresses; the system's otherwise. */
    resolver: z
      .string()
      .trim()
      .transform((value) => value || undefined)
      .optional()
      .refine((r) => r === undefined || parseResolver(r) !== null, "Enter the resolver as an IP address with an optional port, e.g. 10.0.0.2:53"),
  })
  .superRefine((config, ctx) => {
    if (config.collection && !config.database) ctx.addIssue({ code: "custom", path: ["database"], message: "Enter the database that holds the collection" });
    const parsed = parseConnectionString(config.connectionString);
    if (typeof parsed === "string") return;
    if (config.password && !parsed.username) {
      ctx.addIssue({ code: "custom", path: ["connectionString"], message: "Name the user in the connection string, e.g. mongodb://monitor@db.internal" });
    }
    if (parsed.username && !config.password) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the password for this user, e.g. {{secret.MONGO_PASSWORD}}" });
    }
  });
export type MongodbConfig = z.infer<typeof mongodbConfigSchema>;

export const mongodbInfo = defineKind({
  configSchema: mongodbConfigSchema,
  label: "MongoDB",
  description: "hello and ping, replica-set state and member lag, optionally a find on one collection",
  defaults: {},
  fields: [
    {
      key: "connectionString",
      label: "Connection string",
      type: "text",
      wide: true,
      placeholder: "mongodb://monitor@db1.internal:27017,db2.internal:27017/?authSource=admin",
      hint: "Without the password; the probe checks the first host that answers",
    },
    { key: "password", label: "Password", type: "text", placeholder: "{{secret.MONGO_PASSWORD}}", hint: SECRET_HINT },
    { key: "database", label: "Database", type: "text", hint: "Optional, for the find" },
    { key: "collection", label: "Collection", type: "text", hint: "Optional: finds one document here" },
    { key: "filter", label: "Filter", type: "json", wide: true, hint: 'Optional, e.g. {"status": "active"}', showIf: (c) => Boolean(c.collection) },
    { key: "maxReplicationLagSeconds", label: "Max member lag (s)", type: "number", hint: "Optional, for replica sets" },
    {
      key: "resolver",
      label: "DNS resolver",
      type: "text",
      placeholder: "10.0.0.2:53",
      hint: "Optional, for mongodb+srv://: ip[:port]; the system resolver otherwise",
      showIf: (c) => typeof c.connectionString === "string" && c.connectionString.trim().startsWith("mongodb+srv://"),
    },
  ],
  target: (c) => {
    const parsed = typeof c.connectionString === "string" ? parseConnectionString(c.connectionString) : "";
    if (typeof parsed === "string") return "mongodb://?";
    if (parsed.srvHost) return `mongodb+srv://${parsed.srvHost}${parsed.database ? `/${parsed.database}` : ""}`;
    const hosts = parsed.hosts.map((h) => `${h.host.includes(":") ? `[${h.host}]` : h.host}:${h.port}`).join(",");
    return `mongodb://${hosts}${parsed.database ? `/${parsed.database}` : ""}`;
  },
});
