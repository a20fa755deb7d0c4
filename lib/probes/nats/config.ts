// What a NATS probe may be configured with. Parsed at every boundary, so the probe can trust it; the messages
// are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";

// Names (underscores allowed, as in Docker service names) or IP literals; IPv6 may come bracketed.
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\]?$/;
// JetStream stream and durable consumer names become subject tokens and file names on the server.
const JS_NAME = /^[^\s.*>/\\]+$/;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function jetStreamName(what: "stream" | "consumer") {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(255, `${what === "stream" ? "Stream" : "Consumer"} names are at most 255 characters`)
      .regex(JS_NAME, `${what === "stream" ? "Stream" : "Consumer"} names cannot contain spaces, dots, *, >, / or \\`)
      .optional(),
  );
}

function pendingLimit(what: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .number({ error: `Enter the ${what} limit as a number of messages` })
      .int("Use a whole number of messages")
      .min(0, `The ${what} limit cannot be negative`)
      .optional(),
  );
}

export const natsConfigSchema = z
  .object({
    host: z
      .string({ error: "Enter the host name or IP address" })
      .trim()
      .min(1, "Enter the host name or IP address")
      .max(253, "A host name is at most 253 characters")
      .superRefine((host, ctx) => {
        if (host === "") return; // already reported as missing
        if (host.includes("://")) ctx.addIssue({ code: "custom", message: "Enter only the host name, without nats://" });
        else if (/^[^:]+:\d*$/.test(host)) ctx.addIssue({ code: "custom", message: "Put the port in the Port field, not in the host" });
        else if (!HOST_NAME.test(host) && !(host.includes(":") && IPV6.test(host))) ctx.addIssue({ code: "custom", message: "Not a valid host name or IP address" });
      })
      .transform((host) => host.replace(/^\[(.*)\]$/, "$1")),
    port: z.preprocess(
      blankToUndefined,
      z
        .number({ error: "Enter the port number" })
        .int("The port is a whole number")
        .min(1, "Ports run from 1 to 65535")
        .max(65_535, "Ports run from 1 to 65535")
        .default(4222),
    ),
    /** With `password`: user/password authentication. Blank means none. */
    username: z.preprocess(blankToUndefined, z.string().trim().max(255, "User names are at most 255 characters").optional()),
    /** May hold a {{secret.NAME}} placeholder, so its format is not checked. */
    password: z.preprocess(blankToUndefined, z.string().optional()),
    /** Token authentication, instead of a user name. May hold a {{secret.NAME}} placeholder. */
    token: z.preprocess(blankToUndefined, z.string().optional()),
    /** Requires TLS (NATS upgrades on the same port), with the chain and host name checked against the system's CAs. */
    tls: z.boolean({ error: "Choose whether to use TLS" }).default(false),
    /** A JetStream stream that must exist. */
    stream: jetStreamName("stream"),
    /** A consumer on `stream` that must exist; the pending limits apply to it. */
    consumer: jetStreamName("consumer"),
    /** Fails the probe when the consumer has more messages not yet delivered than this (num_pending). */
    maxConsumerPending: pendingLimit("pending"),
    /** Fails the probe when the consumer has more messages delivered but not acknowledged than this (num_ack_pending). */
    maxAckPending: pendingLimit("ack pending"),
  })
  .superRefine((config, ctx) => {
    if (config.token !== undefined && config.username !== undefined) {
      ctx.addIssue({ code: "custom", path: ["token"], message: "Use either a user name and password or a token, not both" });
    }
    if (config.password !== undefined && config.username === undefined && config.token === undefined) {
      ctx.addIssue({ code: "custom", path: ["username"], message: "Enter the user name for this password" });
    }
    if (config.consumer !== undefined && config.stream === undefined) {
      ctx.addIssue({ code: "custom", path: ["stream"], message: "Name the stream this consumer belongs to" });
    }
    if ((config.maxConsumerPending !== undefined || config.maxAckPending !== undefined) && config.consumer === undefined) {
      ctx.addIssue({ code: "custom", path: ["consumer"], message: "Name the consumer whose pending messages to check" });
    }
  });
export type NatsConfig = z.infer<typeof natsConfigSchema>;
