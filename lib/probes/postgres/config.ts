// What a PostgreSQL probe may be configured with. Parsed at every boundary, so the probe can trust it; the
// messages are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { readQueryField, replicationLagLimitField } from "../shared/sql-fields";
import { defineKind, hostAndPort, SECRET_HINT } from "../shared/kind-info";

export const POSTGRES_SSL_MODES = ["disable", "require", "verify-full"] as const;

const address = addressFields("postgres");

export const postgresConfigSchema = z.object({
  host: address.host,
  port: address.port.default(5432),
  database: z
    .string({ error: "Enter the database name" })
    .trim()
    .min(1, "Enter the database name")
    .max(63, "PostgreSQL database names are at most 63 characters"),
  user: z
    .string({ error: "Enter the user (role) to connect as" })
    .trim()
    .min(1, "Enter the user (role) to connect as")
    .max(63, "PostgreSQL role names are at most 63 characters"),
  /** Sent only when the server asks for one; may hold a {{secret.NAME}} placeholder, so its format is not checked. */
  password: z.string().optional(),
  /** disable: plain TCP. require: encrypted, certificate not checked (libpq's sslmode=require). verify-full: chain and host name checked. */
  ssl: z.enum(POSTGRES_SSL_MODES, { error: 'Choose "disable", "require" or "verify-full"' }).default("disable"),
  /** One read statement; it runs in a READ ONLY transaction that is always rolled back. Blank means SELECT 1. */
  query: readQueryField,
  /** Fails the probe when a standby is further behind its primary than this. A primary always passes. */
  maxReplicationLagSeconds: replicationLagLimitField,
});
export type PostgresConfig = z.infer<typeof postgresConfigSchema>;

export const postgresInfo = defineKind({
  configSchema: postgresConfigSchema,
  label: "PostgreSQL",
  description: "Connects, runs a read-only query, optionally checks replication lag",
  defaults: { port: 5432, ssl: "disable", query: "SELECT 1" },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "db.internal" },
    { key: "port", label: "Port", type: "number" },
    { key: "database", label: "Database", type: "text", placeholder: "app" },
    { key: "user", label: "User", type: "text", placeholder: "monitor" },
    { key: "password", label: "Password", type: "text", placeholder: "{{secret.PG_PASSWORD}}", hint: SECRET_HINT },
    { key: "ssl", label: "TLS", type: "select", options: POSTGRES_SSL_MODES.map((m) => ({ value: m, label: m })) },
    { key: "query", label: "Query", type: "textarea", wide: true, hint: "Runs in a read-only transaction that is rolled back" },
    { key: "maxReplicationLagSeconds", label: "Max replication lag (s)", type: "number", hint: "Optional, for standbys" },
  ],
  target: (c) => `postgres://${hostAndPort(c)}/${c.database ?? ""}`,
});
