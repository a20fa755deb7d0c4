// What a RabbitMQ (AMQP 0-9-1) probe may be configured with. Parsed at every boundary, so the probe can trust it;
// the messages are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";

// Names (underscores allowed, as in Docker service names) or IP literals; IPv6 may come bracketed.
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\]?$/;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The port used when none is given: AMQP's registered ports, plain and over TLS. */
export function defaultRabbitmqPort(tls: boolean): number {
  return tls ? 5671 : 5672;
}

export const rabbitmqConfigSchema = z
  .object({
    host: z
      .string({ error: "Enter the host name or IP address" })
      .trim()
      .min(1, "Enter the host name or IP address")
      .max(253, "A host name is at most 253 characters")
      .superRefine((host, ctx) => {
        if (host === "") return; // already reported as missing
        if (host.includes("://")) ctx.addIssue({ code: "custom", message: "Enter only the host name, without amqp://" });
        else if (/^[^:]+:\d*$/.test(host)) ctx.addIssue({ code: "custom", message: "Put the port in the Port field, not in the host" });
        else if (!HOST_NAME.test(host) && !(host.includes(":") && IPV6.test(host))) ctx.addIssue({ code: "custom", message: "Not a valid host name or IP address" });
      })
      .transform((host) => host.replace(/^\[(.*)\]$/, "$1")),
    /** Blank means 5672, or 5671 with TLS. */
    port: z.preprocess(
      blankToUndefined,
      z
        .number({ error: "Enter the port number" })
        .int("The port is a whole number")
        .min(1, "Ports run from 1 to 65535")
        .max(65_535, "Ports run from 1 to 65535")
        .optional(),
    ),
    vhost: z.preprocess(
      blankToUndefined,
      z.string({ error: "Enter the virtual host, e.g. /" }).max(255, "Virtual host names are at most 255 characters").default("/"),
    ),
    username: z.string({ error: "Enter the user name" }).trim().min(1, "Enter the user name").max(255, "User names are at most 255 characters"),
    /** May hold a {{secret.NAME}} placeholder, so its format is not checked. */
    password: z.string().default(""),
    /** AMQPS, with the certificate chain and host name checked against the system's trusted CAs. */
    tls: z.boolean({ error: "Choose whether to use TLS" }).default(false),
    /** Inspected passively (queue.declare with passive=true): the probe never creates it. */
    queue: z.preprocess(blankToUndefined, z.string().trim().max(255, "Queue names are at most 255 characters").optional()),
    /** Fails the probe when the queue holds more ready messages than this. */
    maxQueueDepth: z.preprocess(
      blankToUndefined,
      z
        .number({ error: "Enter the depth limit as a number of messages" })
        .int("Use a whole number of messages")
        .min(0, "The depth limit cannot be negative")
        .optional(),
    ),
    /** Fails the probe when the queue has fewer consumers than this. */
    minConsumers: z.preprocess(
      blankToUndefined,
      z
        .number({ error: "Enter the minimum number of consumers" })
        .int("Use a whole number of consumers")
        .min(1, "Require at least 1 consumer, or leave this empty")
        .optional(),
    ),
  })
  .superRefine((config, ctx) => {
    if (config.queue !== undefined) return;
    if (config.maxQueueDepth !== undefined) ctx.addIssue({ code: "custom", path: ["queue"], message: "Name the queue whose depth to check" });
    else if (config.minConsumers !== undefined) ctx.addIssue({ code: "custom", path: ["queue"], message: "Name the queue whose consumers to count" });
  });
export type RabbitmqConfig = z.infer<typeof rabbitmqConfigSchema>;
