// Every probe implementation, keyed by kind: a kind in the catalogue without a probe is a compile error.
import type { IntegrationKind, KindConfig } from "./kinds";
import { dnsProbe } from "./dns/dns-probe";
import { httpProbe } from "./http/http-probe";
import { mcpProbe } from "./mcp/mcp-probe";
import { mysqlProbe } from "./mysql/mysql-probe";
import { postgresProbe } from "./postgres/postgres-probe";
import { redisProbe } from "./redis/redis-probe";
import { rabbitmqProbe } from "./rabbitmq/rabbitmq-probe";
import { natsProbe } from "./nats/nats-probe";
import { mqttProbe } from "./mqtt/mqtt-probe";
import { tcpProbe } from "./tcp/tcp-probe";
import { tlsProbe } from "./tls/tls-probe";
import type { Probe } from "./types";

export const probes: { [K in IntegrationKind]: Probe<KindConfig<K>> } = {
  http: httpProbe,
  postgres: postgresProbe,
  mysql: mysqlProbe,
  redis: redisProbe,
  rabbitmq: rabbitmqProbe,
  nats: natsProbe,
  mqtt: mqttProbe,
  tcp: tcpProbe,
  dns: dnsProbe,
  tls: tlsProbe,
  mcp: mcpProbe,
};
