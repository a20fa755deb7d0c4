// What a NATS probe may be configured with. Parsed at every boundary, so the probe can trust it; the messages
// are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields, blankToUndefined } from "../shared/fields";
import { defineKind, hostAndPort, SECRET_HINT, THRESHOLD_HINT } from "../shared/kind-info";

// JetStream stream and durable consumer names become subject tokens and file names on the server.
const JS_NAME = /^[^\s.*>/\\]+$/;

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

const address = addressFields("nats");

export const natsConfigSchema = z
  .object({
    host: address.host,
    port: z.preprocess(blankToUndefined, address.port.default(4222)),
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

export const natsInfo = defineKind({
  configSchema: natsConfigSchema,
  label: "NATS / JetStream",
  description: "Connects and measures the round trip; optionally checks a JetStream consumer's lag",
  defaults: { port: 4222, tls: false },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "nats.internal" },
    { key: "port", label: "Port", type: "number" },
    { key: "username", label: "Username", type: "text", hint: "Optional" },
    { key: "password", label: "Password", type: "text", hint: SECRET_HINT },
    { key: "token", label: "Token", type: "text", hint: "Optional, instead of a username" },
    { key: "tls", label: "Use TLS", type: "switch" },
    { key: "stream", label: "JetStream stream", type: "text", hint: "Optional" },
    { key: "consumer", label: "Consumer", type: "text", hint: "Optional, in that stream" },
    { key: "maxConsumerPending", label: "Max pending messages", type: "number", hint: THRESHOLD_HINT },
    { key: "maxAckPending", label: "Max awaiting ack", type: "number", hint: THRESHOLD_HINT },
  ],
  target: (c) => `nats://${hostAndPort(c)}${c.stream ? ` ${c.stream}${c.consumer ? `/${c.consumer}` : ""}` : ""}`,
});
