// What a Redis probe may be configured with. Parsed at every boundary, so the probe can trust it; the messages
// are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { defineKind, hostAndPort, SECRET_HINT, THRESHOLD_HINT } from "../shared/kind-info";

const address = addressFields("redis");

export const redisConfigSchema = z
  .object({
    host: address.host,
    port: address.port.default(6379),
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
    maxMemoryBytes: z.number({ error: "Enter the memory limit in bytes" }).int("Use whole bytes").positive("The memory limit must be above zero").optional(),
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

export const redisInfo = defineKind({
  configSchema: redisConfigSchema,
  label: "Redis",
  description: "PING, then memory and client-count thresholds from INFO",
  defaults: { port: 6379, db: 0, tls: false },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "cache.internal" },
    { key: "port", label: "Port", type: "number" },
    { key: "username", label: "Username (ACL)", type: "text", hint: "Optional" },
    { key: "password", label: "Password", type: "text", placeholder: "{{secret.REDIS_PASSWORD}}", hint: SECRET_HINT },
    { key: "db", label: "Database index", type: "number" },
    { key: "tls", label: "Use TLS", type: "switch" },
    { key: "maxMemoryBytes", label: "Max used memory (bytes)", type: "number", hint: THRESHOLD_HINT },
    { key: "maxConnectedClients", label: "Max connected clients", type: "number", hint: THRESHOLD_HINT },
  ],
  target: (c) => `redis://${hostAndPort(c)}/${c.db ?? 0}`,
});
