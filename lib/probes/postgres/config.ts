// What a PostgreSQL probe may be configured with. Parsed at every boundary, so the probe can trust it; the
// messages are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";

export const POSTGRES_SSL_MODES = ["disable", "require", "verify-full"] as const;

// Names (underscores allowed, as in Docker service names) or IP literals; IPv6 may come bracketed.
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\]?$/;

export const postgresConfigSchema = z.object({
  host: z
    .string({ error: "Enter the host name or IP address" })
    .trim()
    .min(1, "Enter the host name or IP address")
    .max(253, "A host name is at most 253 characters")
    .superRefine((host, ctx) => {
      if (host.includes("://")) ctx.addIssue({ code: "custom", message: "Enter only the host name, without postgres://" });
      else if (/^[^:]+:\d*$/.test(host)) ctx.addIssue({ code: "custom", message: "Put the port in the Port field, not in the host" });
      else if (!HOST_NAME.test(host) && !(host.includes(":") && IPV6.test(host))) ctx.addIssue({ code: "custom", message: "Not a valid host name or IP address" });
    })
    .transform((host) => host.replace(/^\[(.*)\]$/, "$1")),
  port: z
    .number({ error: "Enter the port number" })
    .int("The port is a whole number")
    .min(1, "Ports run from 1 to 65535")
    .max(65_535, "Ports run from 1 to 65535")
    .default(5432),
  database: z
    .string({ error: "Enter the database name" })
    .trim()
    .min(1, "Enter the database name")
    .max(63, "PostgreSQL database names are at most 63 characters"),
  user: z.string({ error: "Enter the user (role) to connect as" }).trim().min(1, "Enter the user (role) to connect as").max(63, "PostgreSQL role names are at most 63 characters"),
  /** Sent only when the server asks for one; may hold a {{secret.NAME}} placeholder, so its format is not checked. */
  password: z.string().optional(),
  /** disable: plain TCP. require: encrypted, certificate not checked (libpq's sslmode=require). verify-full: chain and host name checked. */
  ssl: z.enum(POSTGRES_SSL_MODES, { error: 'Choose "disable", "require" or "verify-full"' }).default("disable"),
  /** One read statement; it runs in a READ ONLY transaction that is always rolled back. Blank means SELECT 1. */
  query: z
    .string({ error: "Enter a query, e.g. SELECT 1" })
    .trim()
    .max(10_000, "Keep the query under 10,000 characters")
    .transform((query) => query || "SELECT 1")
    .default("SELECT 1"),
  /** Fails the probe when a standby is further behind its primary than this. A primary always passes. */
  maxReplicationLagSeconds: z
    .number({ error: "Enter the lag limit in seconds" })
    .min(0, "The lag limit cannot be negative")
    .max(86_400 * 7, "The lag limit may be at most a week")
    .optional(),
});
export type PostgresConfig = z.infer<typeof postgresConfigSchema>;
