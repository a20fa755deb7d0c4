// What a Redis probe may be configured with. Parsed at every boundary, so the probe can trust it; the messages
// are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";

// Names (underscores allowed, as in Docker service names) or IP literals; IPv6 may come bracketed.
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\]?$/;

export const redisConfigSchema = z
  .object({
    host: z
      .string({ error: "Enter the host name or IP address" })
      .trim()
      .min(1, "Enter the host name or IP address")
      .max(253, "A host name is at most 253 characters")
      .superRefine((host, ctx) => {
        if (host.includes("://")) ctx.addIssue({ code: "custom", message: "Enter only the host name, without redis://" });
        else if (/^[^:]+:\d*$/.test(host)) ctx.addIssue({ code: "custom", message: "Put the port in the Port field, not in the host" });
        else if (!HOST_NAME.test(host) && !(host.includes(":") && IPV6.test(host))) ctx.addIssue({ code: "custom", message: "Not a valid host name or IP address" });
      })
      .transform((host) => host.replace(/^\[(.*)\]$/, "$1")),
    port: z
      .number({ error: "Enter the port number" })
      .int("The port is a whole number")
      .min(1, "Ports run from 1 to 65535")
      .max(65_535, "Ports run from 1 to 65535")
      .default(6379),
    /** An ACL user (Redis 6+); blank means the default user. */
    username: z
      .string()
      .trim()
      .max(128, "Keep the user name under 128 characters")
      .transform((name) => name || undefined)
      .optional(),
    /** May hold a {{secret.NAME}} placeholder, so its format is not checked. */
    password: z.string().optional(),
    db: z
      .number({ error: "Enter the database index, e.g. 0" })
      .int("The database index is a whole number")
      .min(0, "The database index cannot be negative")
      .max(10_000, "The database index may be at most 10000")
      .default(0),
    /** TLS with the certificate chain and host name checked against the system's trusted CAs. */
    tls: z.boolean({ error: "Choose whether to use TLS" }).default(false),
    /** Fails the probe when INFO's used_memory is above this many bytes. */
    maxMemoryBytes: z
      .number({ error: "Enter the memory limit in bytes" })
      .int("Use whole bytes")
      .positive("The memory limit must be above zero")
      .optional(),
    /** Fails the probe when INFO's connected_clients (which counts the probe itself) is above this. */
    maxConnectedClients: z
      .number({ error: "Enter the client limit" })
      .int("Use a whole number of clients")
      .positive("The client limit must be at least 1")
      .optional(),
  })
  .superRefine((config, ctx) => {
    // Redis takes a user name only together with its password (AUTH user password).
    if (config.username && !config.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the password for this user" });
  });
export type RedisConfig = z.infer<typeof redisConfigSchema>;
