// Every probe implementation, keyed by the Prisma enum like the catalogue (./kinds.ts): a kind without a probe is a
// compile error. Each probe lives in its kind's folder and carries its own gate and after-run step, if any.
import type { IntegrationKind, KindConfig } from "./kinds";
import { dnsProbe } from "./dns/dns-probe";
import { graphqlProbe } from "./graphql/graphql-probe";
import { httpProbe } from "./http/http-probe";
import { mcpProbe } from "./mcp/mcp-probe";
import { mongodbProbe } from "./mongodb/mongodb-probe";
import { mysqlProbe } from "./mysql/mysql-probe";
import { postgresProbe } from "./postgres/postgres-probe";
import { redisProbe } from "./redis/redis-probe";
import { rabbitmqProbe } from "./rabbitmq/rabbitmq-probe";
import { natsProbe } from "./nats/nats-probe";
import { mqttProbe } from "./mqtt/mqtt-probe";
import { tcpProbe } from "./tcp/tcp-probe";
import { tlsProbe } from "./tls/tls-probe";
import type { Probe } from "./types";

export const probes = {
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
  mongodb: mongodbProbe,
  graphql: graphqlProbe,
} satisfies { [K in IntegrationKind]: Probe<KindConfig<K>> };

/** A kind's probe, for callers that hold a kind only known at run time (its config parsed by the same kind's schema). */
export const probeOf = (kind: IntegrationKind): Probe<unknown> => probes[kind] as Probe<unknown>;
