// The catalogue of probe kinds, keyed by the Prisma enum: a kind in the enum without an entry here (or an entry the
// enum lacks) is a compile error. Each entry lives in its kind's folder (`<kind>/config.ts`). Pure (zod only), so the
// catalogue validates the API on the server and drives the form in the browser; probes, which need Node, are in ./registry.ts.
import type { z } from "zod";
import type { IntegrationKind } from "../db/generated/enums";
import type { KindInfo } from "./shared/kind-info";
import { dnsInfo } from "./dns/config";
import { graphqlInfo } from "./graphql/config";
import { httpInfo } from "./http/config";
import { mcpInfo } from "./mcp/config";
import { mongodbInfo } from "./mongodb/config";
import { mqttInfo } from "./mqtt/config";
import { mysqlInfo } from "./mysql/config";
import { natsInfo } from "./nats/config";
import { postgresInfo } from "./postgres/config";
import { rabbitmqInfo } from "./rabbitmq/config";
import { redisInfo } from "./redis/config";
import { tcpInfo } from "./tcp/config";
import { tlsInfo } from "./tls/config";

export type { IntegrationKind };

export const KIND_INFO = {
  http: httpInfo,
  postgres: postgresInfo,
  mysql: mysqlInfo,
  redis: redisInfo,
  rabbitmq: rabbitmqInfo,
  nats: natsInfo,
  mqtt: mqttInfo,
  tcp: tcpInfo,
  dns: dnsInfo,
  tls: tlsInfo,
  mcp: mcpInfo,
  mongodb: mongodbInfo,
  graphql: graphqlInfo,
} satisfies Record<IntegrationKind, KindInfo>;

export const INTEGRATION_KINDS = Object.keys(KIND_INFO) as [IntegrationKind, ...IntegrationKind[]];
export type KindConfig<K extends IntegrationKind> = z.infer<(typeof KIND_INFO)[K]["configSchema"]>;

export const isIntegrationKind = (kind: string): kind is IntegrationKind => Object.hasOwn(KIND_INFO, kind);

/** Parses a stored `config` column for its kind; stored rows were validated on write, so failure is a bug. */
export function parseStoredConfig<K extends IntegrationKind>(kind: K, config: unknown): KindConfig<K> {
  return KIND_INFO[kind].configSchema.parse(config) as KindConfig<K>;
}
