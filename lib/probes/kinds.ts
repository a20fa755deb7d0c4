// The catalogue of probe kinds: each kind's config schema, name, one-line target summary and form fields.
// Pure (zod only), so the same catalogue validates the API on the server and drives the form in the browser.
// Probe implementations, which need Node, are registered separately in ./registry.ts.
import type { z } from "zod";
import { DNS_RECORD_TYPES, dnsConfigSchema } from "./dns/config";
import { httpConfigSchema } from "./http/config";
import { mcpConfigSchema } from "./mcp/config";
import { mysqlConfigSchema } from "./mysql/config";
import { POSTGRES_SSL_MODES, postgresConfigSchema } from "./postgres/config";
import { redisConfigSchema } from "./redis/config";
import { rabbitmqConfigSchema } from "./rabbitmq/config";
import { natsConfigSchema } from "./nats/config";
import { mqttConfigSchema } from "./mqtt/config";
import { tcpConfigSchema } from "./tcp/config";
import { tlsConfigSchema } from "./tls/config";

export const KIND_CONFIG_SCHEMAS = {
  http: httpConfigSchema,
  postgres: postgresConfigSchema,
  mysql: mysqlConfigSchema,
  redis: redisConfigSchema,
  rabbitmq: rabbitmqConfigSchema,
  nats: natsConfigSchema,
  mqtt: mqttConfigSchema,
  tcp: tcpConfigSchema,
  dns: dnsConfigSchema,
  tls: tlsConfigSchema,
  mcp: mcpConfigSchema,
} as const;

export type IntegrationKind = keyof typeof KIND_CONFIG_SCHEMAS;
export const INTEGRATION_KINDS = Object.keys(KIND_CONFIG_SCHEMAS) as [IntegrationKind, ...IntegrationKind[]];
export type KindConfig<K extends IntegrationKind> = z.infer<(typeof KIND_CONFIG_SCHEMAS)[K]>;

/** A form field for a config key (dotted for nested keys). Values are edited as text and converted on submit. */
export type FieldSpec = {
  key: string;
  label: string;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  /** Shown only when this returns true for the current (raw) config. */
  showIf?: (config: Record<string, unknown>) => boolean;
} & (
  | { type: "text" | "password" | "textarea" | "number" | "switch" }
  | { type: "select"; options: readonly { value: string; label: string }[] }
  /** One value per line. */
  | { type: "lines" }
  /** "Name: value" per line, as a header list. */
  | { type: "headers" }
  /** A JSON object. */
  | { type: "json" }
);

export interface KindInfo {
  label: string;
  description: string;
  /** Default raw config for a new integration of this kind. */
  defaults: Record<string, unknown>;
  fields: FieldSpec[];
  /** One line naming the target, for lists. Never includes credentials. */
  target: (config: Record<string, unknown>) => string;
}

const host = (c: Record<string, unknown>) => `${c.host ?? "?"}${c.port ? `:${c.port}` : ""}`;
const secretHint = "Use {{secret.NAME}} and set the value under Secrets on the integration page";
const thresholdHint = "Optional: the check fails above this";

export const KIND_INFO: Record<IntegrationKind, KindInfo> = {
  http: {
    label: "HTTP / REST",
    description: "An HTTP request with status, body and latency checks",
    defaults: {},
    fields: [],
    target: (c) => `${c.method ?? "GET"} ${c.url ?? ""}`,
  },
  postgres: {
    label: "PostgreSQL",
    description: "Connects, runs a read-only query, optionally checks replication lag",
    defaults: { port: 5432, ssl: "disable", query: "SELECT 1" },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "db.internal" },
      { key: "port", label: "Port", type: "number" },
      { key: "database", label: "Database", type: "text", placeholder: "app" },
      { key: "user", label: "User", type: "text", placeholder: "monitor" },
      { key: "password", label: "Password", type: "text", placeholder: "{{secret.PG_PASSWORD}}", hint: secretHint },
      { key: "ssl", label: "TLS", type: "select", options: POSTGRES_SSL_MODES.map((m) => ({ value: m, label: m })) },
      { key: "query", label: "Query", type: "textarea", wide: true, hint: "Runs in a read-only transaction that is rolled back" },
      { key: "maxReplicationLagSeconds", label: "Max replication lag (s)", type: "number", hint: "Optional, for standbys" },
    ],
    target: (c) => `postgres://${host(c)}/${c.database ?? ""}`,
  },
  mysql: {
    label: "MySQL / MariaDB",
    description: "Connects, runs a read-only query, optionally checks replica lag",
    defaults: { port: 3306, ssl: false, query: "SELECT 1" },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "db.internal" },
      { key: "port", label: "Port", type: "number" },
      { key: "database", label: "Database", type: "text", hint: "Optional" },
      { key: "user", label: "User", type: "text", placeholder: "monitor" },
      { key: "password", label: "Password", type: "text", placeholder: "{{secret.MYSQL_PASSWORD}}", hint: secretHint },
      { key: "ssl", label: "Use TLS", type: "switch" },
      { key: "query", label: "Query", type: "textarea", wide: true, hint: "Runs in a read-only transaction that is rolled back" },
      { key: "maxReplicationLagSeconds", label: "Max replica lag (s)", type: "number", hint: "Optional, for replicas" },
    ],
    target: (c) => `mysql://${host(c)}${c.database ? `/${c.database}` : ""}`,
  },
  redis: {
    label: "Redis",
    description: "PING, then memory and client-count thresholds from INFO",
    defaults: { port: 6379, db: 0, tls: false },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "cache.internal" },
      { key: "port", label: "Port", type: "number" },
      { key: "username", label: "Username (ACL)", type: "text", hint: "Optional" },
      { key: "password", label: "Password", type: "text", placeholder: "{{secret.REDIS_PASSWORD}}", hint: secretHint },
      { key: "db", label: "Database index", type: "number" },
      { key: "tls", label: "Use TLS", type: "switch" },
      { key: "maxMemoryBytes", label: "Max used memory (bytes)", type: "number", hint: thresholdHint },
      { key: "maxConnectedClients", label: "Max connected clients", type: "number", hint: thresholdHint },
    ],
    target: (c) => `redis://${host(c)}/${c.db ?? 0}`,
  },
  rabbitmq: {
    label: "RabbitMQ (AMQP)",
    description: "Connects, optionally checks a queue's depth and consumers",
    defaults: { vhost: "/", tls: false },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "rabbit.internal" },
      { key: "port", label: "Port", type: "number", hint: "Blank: 5672, or 5671 with TLS" },
      { key: "vhost", label: "Virtual host", type: "text" },
      { key: "tls", label: "Use TLS", type: "switch" },
      { key: "username", label: "Username", type: "text", placeholder: "monitor" },
      { key: "password", label: "Password", type: "text", placeholder: "{{secret.RABBITMQ_PASSWORD}}", hint: secretHint },
      { key: "queue", label: "Queue", type: "text", hint: "Optional; checked, never created" },
      { key: "maxQueueDepth", label: "Max queue depth", type: "number", hint: thresholdHint },
      { key: "minConsumers", label: "Min consumers", type: "number", hint: "Optional: the check fails below this" },
    ],
    target: (c) => `amqp://${host(c)}${c.queue ? ` queue ${c.queue}` : ""}`,
  },
  nats: {
    label: "NATS / JetStream",
    description: "Connects and measures the round trip; optionally checks a JetStream consumer's lag",
    defaults: { port: 4222, tls: false },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "nats.internal" },
      { key: "port", label: "Port", type: "number" },
      { key: "username", label: "Username", type: "text", hint: "Optional" },
      { key: "password", label: "Password", type: "text", hint: secretHint },
      { key: "token", label: "Token", type: "text", hint: "Optional, instead of a username" },
      { key: "tls", label: "Use TLS", type: "switch" },
      { key: "stream", label: "JetStream stream", type: "text", hint: "Optional" },
      { key: "consumer", label: "Consumer", type: "text", hint: "Optional, in that stream" },
      { key: "maxConsumerPending", label: "Max pending messages", type: "number", hint: thresholdHint },
      { key: "maxAckPending", label: "Max awaiting ack", type: "number", hint: thresholdHint },
    ],
    target: (c) => `nats://${host(c)}${c.stream ? ` ${c.stream}${c.consumer ? `/${c.consumer}` : ""}` : ""}`,
  },
  mqtt: {
    label: "MQTT",
    description: "Publishes to a private topic and waits for the message to come back",
    defaults: { tls: false, mqttVersion: "3.1.1", qos: 1, clientIdPrefix: "tether-probe", topicPrefix: "tether/probe" },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "mqtt.internal" },
      { key: "port", label: "Port", type: "number", hint: "Blank: 1883, or 8883 with TLS" },
      { key: "username", label: "Username", type: "text", hint: "Optional" },
      { key: "password", label: "Password", type: "text", hint: secretHint },
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
    target: (c) => `mqtt://${host(c)}`,
  },
  tcp: {
    label: "TCP port",
    description: "Opens a TCP connection; optionally sends text and matches the reply",
    defaults: {},
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "smtp.example.com" },
      { key: "port", label: "Port", type: "number", placeholder: "25" },
      { key: "send", label: "Send", type: "text", hint: "Optional; \\r\\n escapes work", placeholder: "PING\\r\\n" },
      { key: "expect", label: "Expect (regex)", type: "text", hint: "Optional; matched against the reply", placeholder: "^220" },
    ],
    target: (c) => `tcp://${host(c)}`,
  },
  dns: {
    label: "DNS",
    description: "Resolves a name and checks the expected records",
    defaults: { recordType: "A", expect: [] },
    fields: [
      { key: "name", label: "Name", type: "text", placeholder: "api.example.com" },
      { key: "recordType", label: "Record type", type: "select", options: DNS_RECORD_TYPES.map((t) => ({ value: t, label: t })) },
      { key: "resolver", label: "Resolver", type: "text", hint: "Optional, ip[:port]; the system resolver otherwise", placeholder: "1.1.1.1" },
      { key: "expect", label: "Expected values", type: "lines", wide: true, hint: "One per line; each must be in the answer" },
    ],
    target: (c) => `${c.recordType ?? "A"} ${c.name ?? ""}`,
  },
  tls: {
    label: "TLS certificate",
    description: "Checks a certificate's trust, name and days left",
    defaults: { port: 443, minDaysLeft: 14, allowUntrusted: false },
    fields: [
      { key: "host", label: "Host", type: "text", placeholder: "api.example.com" },
      { key: "port", label: "Port", type: "number" },
      { key: "minDaysLeft", label: "Minimum days left", type: "number" },
      { key: "servername", label: "Server name (SNI)", type: "text", hint: "Optional, when it differs from the host" },
      { key: "allowUntrusted", label: "Allow untrusted (self-signed) chains", type: "switch" },
    ],
    target: (c) => `tls://${host(c)}`,
  },
  mcp: {
    label: "MCP server",
    description: "Initializes an MCP session, lists tools (flags drift), optionally calls one",
    defaults: { transport: "http", headers: [], args: [], env: {} },
    fields: [
      {
        key: "transport",
        label: "Transport",
        type: "select",
        options: [
          { value: "http", label: "Streamable HTTP" },
          { value: "stdio", label: "stdio (runs a command)" },
        ],
      },
      { key: "url", label: "URL", type: "text", wide: true, placeholder: "https://mcp.example.com/mcp", showIf: (c) => c.transport !== "stdio" },
      {
        key: "headers",
        label: "Headers",
        type: "headers",
        wide: true,
        hint: "Name: value, one per line",
        placeholder: "Authorization: Bearer {{secret.MCP_TOKEN}}",
        showIf: (c) => c.transport !== "stdio",
      },
      { key: "command", label: "Command", type: "text", placeholder: "npx", showIf: (c) => c.transport === "stdio" },
      { key: "args", label: "Arguments", type: "lines", hint: "One per line", showIf: (c) => c.transport === "stdio" },
      {
        key: "env",
        label: "Environment",
        type: "json",
        wide: true,
        hint: 'A JSON object, e.g. {"API_KEY": "{{secret.KEY}}"}',
        showIf: (c) => c.transport === "stdio",
      },
      { key: "smokeTool.name", label: "Smoke test tool", type: "text", hint: "Optional: a tool to call on every check" },
      {
        key: "smokeTool.arguments",
        label: "Smoke test arguments",
        type: "json",
        hint: "A JSON object",
        showIf: (c) => !!(c.smokeTool as { name?: string } | undefined)?.name,
      },
    ],
    target: (c) => (c.transport === "stdio" ? `stdio: ${c.command ?? ""}` : `mcp ${c.url ?? ""}`),
  },
};
