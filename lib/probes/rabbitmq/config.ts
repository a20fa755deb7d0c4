// What a RabbitMQ (AMQP 0-9-1) probe may be configured with. Parsed at every boundary, so the probe can trust it;
// the messages are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields, blankToUndefined } from "../shared/fields";
import { defineKind, hostAndPort, SECRET_HINT, THRESHOLD_HINT } from "../shared/kind-info";

/** The port used when none is given: AMQP's registered ports, plain and over TLS. */
export function defaultRabbitmqPort(tls: boolean): number {
  return tls ? 5671 : 5672;
}

const address = addressFields("amqp");

export const rabbitmqConfigSchema = z
  .object({
    host: address.host,
    /** Blank means 5672, or 5671 with TLS. */
    port: z.preprocess(blankToUndefined, address.port.optional()),
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

export const rabbitmqInfo = defineKind({
  configSchema: rabbitmqConfigSchema,
  label: "RabbitMQ (AMQP)",
  description: "Connects, optionally checks a queue's depth and consumers",
  defaults: { vhost: "/", tls: false },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "rabbit.internal" },
    { key: "port", label: "Port", type: "number", hint: "Blank: 5672, or 5671 with TLS" },
    { key: "vhost", label: "Virtual host", type: "text" },
    { key: "tls", label: "Use TLS", type: "switch" },
    { key: "username", label: "Username", type: "text", placeholder: "monitor" },
    { key: "password", label: "Password", type: "text", placeholder: "{{secret.RABBITMQ_PASSWORD}}", hint: SECRET_HINT },
    { key: "queue", label: "Queue", type: "text", hint: "Optional; checked, never created" },
    { key: "maxQueueDepth", label: "Max queue depth", type: "number", hint: THRESHOLD_HINT },
    { key: "minConsumers", label: "Min consumers", type: "number", hint: "Optional: the check fails below this" },
  ],
  target: (c) => `amqp://${hostAndPort(c)}${c.queue ? ` queue ${c.queue}` : ""}`,
});
