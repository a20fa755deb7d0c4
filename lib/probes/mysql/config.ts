// What a MySQL / MariaDB probe may be configured with. Parsed at every boundary, so the probe can trust it; the
// messages are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { readQueryField, replicationLagLimitField } from "../shared/sql-fields";
import { defineKind, hostAndPort, SECRET_HINT } from "../shared/kind-info";

const address = addressFields("mysql");

export const mysqlConfigSchema = z.object({
  host: address.host,
  port: address.port.default(3306),
  /** The default schema for the session; blank connects without one. */
  database: z
    .string()
    .trim()
    .max(64, "MySQL database names are at most 64 characters")
    .transform((name) => name || undefined)
    .optional(),
  user: z.string({ error: "Enter the user to connect as" }).trim().min(1, "Enter the user to connect as").max(80, "Keep the user name under 80 characters"),
  /** May hold a {{secret.NAME}} placeholder, so its format is not checked. Blank means no password. */
  password: z.string().optional(),
  /** TLS with the certificate chain and host name checked against the system's trusted CAs. */
  ssl: z.boolean({ error: "Choose whether to use TLS" }).default(false),
  /** One read statement; it runs in a READ ONLY transaction that is always rolled back. Blank means SELECT 1. */
  query: readQueryField,
  /** Fails the probe when a replica is further behind its source than this. A server that is not a replica passes. */
  maxReplicationLagSeconds: replicationLagLimitField,
});
export type MysqlConfig = z.infer<typeof mysqlConfigSchema>;

export const mysqlInfo = defineKind({
  configSchema: mysqlConfigSchema,
  label: "MySQL / MariaDB",
  description: "Connects, runs a read-only query, optionally checks replica lag",
  defaults: { port: 3306, ssl: false, query: "SELECT 1" },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "db.internal" },
    { key: "port", label: "Port", type: "number" },
    { key: "database", label: "Database", type: "text", hint: "Optional" },
    { key: "user", label: "User", type: "text", placeholder: "monitor" },
    { key: "password", label: "Password", type: "text", placeholder: "{{secret.MYSQL_PASSWORD}}", hint: SECRET_HINT },
    { key: "ssl", label: "Use TLS", type: "switch" },
    { key: "query", label: "Query", type: "textarea", wide: true, hint: "Runs in a read-only transaction that is rolled back" },
    { key: "maxReplicationLagSeconds", label: "Max replica lag (s)", type: "number", hint: "Optional, for replicas" },
  ],
  target: (c) => `mysql://${hostAndPort(c)}${c.database ? `/${c.database}` : ""}`,
});
