// What an MQTT probe may be configured with. Parsed at every boundary, so the probe can trust it; the messages
// are shown inline in the integration form. No Node imports: the form validates with this in the browser.
import { z } from "zod";
import { addressFields, blankToUndefined } from "../shared/fields";
import { defineKind, hostAndPort, SECRET_HINT } from "../shared/kind-info";

export const MQTT_VERSIONS = ["3.1.1", "5"] as const;

/** The port used when none is given: MQTT's registered ports, plain and over TLS. */
export function defaultMqttPort(tls: boolean): number {
  return tls ? 8883 : 1883;
}

const address = addressFields("mqtt");

export const mqttConfigSchema = z.object({
  host: address.host,
  /** Blank means 1883, or 8883 with TLS. */
  port: z.preprocess(blankToUndefined, address.port.optional()),
  /** Blank means an anonymous connection. */
  username: z.preprocess(blankToUndefined, z.string().max(65_535, "The user name is too long").optional()),
  /** May hold a {{secret.NAME}} placeholder, so its format is not checked. */
  password: z.preprocess(blankToUndefined, z.string().optional()),
  /** MQTTS, with the certificate chain and host name checked against the system's trusted CAs. */
  tls: z.boolean({ error: "Choose whether to use TLS" }).default(false),
  mqttVersion: z.enum(MQTT_VERSIONS, { error: 'Choose MQTT "3.1.1" or "5"' }).default("3.1.1"),
  /** A random suffix is added, so runs never take over each other's session. */
  clientIdPrefix: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, "The client ID prefix is at most 40 characters")
      .regex(/^[A-Za-z0-9_.-]+$/, "Use only letters, digits, dots, dashes and underscores in the client ID prefix")
      .default("tether-probe"),
  ),
  /** The probe publishes to and subscribes on `${topicPrefix}/${random}`; the broker's ACL must allow both. */
  topicPrefix: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(200, "The topic prefix is at most 200 characters")
      .refine((topic) => !/[+#]/.test(topic), "The topic prefix cannot contain the wildcards + or #")
      .refine((topic) => !topic.startsWith("$"), "Topics starting with $ are reserved for the broker")
      .refine((topic) => !topic.includes("\u0000"), "The topic prefix cannot contain a null character")
      .transform((topic) => topic.replace(/\/+$/, ""))
      .default("tether/probe"),
  ),
  qos: z.union([z.literal(0), z.literal(1)], { error: "QoS must be 0 or 1" }).default(1),
});
export type MqttConfig = z.infer<typeof mqttConfigSchema>;

export const mqttInfo = defineKind({
  configSchema: mqttConfigSchema,
  label: "MQTT",
  description: "Publishes to a private topic and waits for the message to come back",
  defaults: { tls: false, mqttVersion: "3.1.1", qos: 1, clientIdPrefix: "tether-probe", topicPrefix: "tether/probe" },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "mqtt.internal" },
    { key: "port", label: "Port", type: "number", hint: "Blank: 1883, or 8883 with TLS" },
    { key: "username", label: "Username", type: "text", hint: "Optional" },
    { key: "password", label: "Password", type: "text", hint: SECRET_HINT },
    { key: "tls", label: "Use TLS", type: "switch" },
    {
      key: "mqttVersion",
      label: "Protocol",
      type: "select",
      options: [
        { value: "3.1.1", label: "MQTT 3.1.1" },
        { value: "5", label: "MQTT 5" },
      ],
    },
    { key: "qos", label: "QoS", type: "number", hint: "0 (at most once) or 1 (at least once)" },
    { key: "topicPrefix", label: "Topic prefix", type: "text" },
  ],
  target: (c) => `mqtt://${hostAndPort(c)}`,
});
