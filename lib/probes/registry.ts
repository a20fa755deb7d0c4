// Every probe implementation, keyed by the Prisma enum like the catalogue (./kinds.ts): a kind without a probe is a
// compile error. Each probe lives in its kind's folder and carries its own gate and after-run step, if any.
// A kind's module, and the driver it brings (mongodb, ioredis, mysql2, mqtt, amqplib, nats, the MCP SDK, ...), loads
// on that kind's first run: a process holds only the drivers of the kinds it runs (the web server, which only asks
// gates, holds none). Gates answer synchronously, so a kind's gate is imported from a module of its own.
import type { IntegrationKind, KindConfig } from "./kinds";
import { stdioGate } from "./mcp/stdio-gate";
import type { Probe } from "./types";

type LazyProbe<Config> = Probe<Config> & { load(): Promise<Probe<Config>> };

/** A probe whose implementation is imported on first use; `gate` is the kind's, given here as it must be synchronous. */
function lazyProbe<Config>(load: () => Promise<Probe<Config>>, gate?: Probe<Config>["gate"]): LazyProbe<Config> {
  let loaded: Promise<Probe<Config>> | null = null;
  const probe = () => (loaded ??= load());
  return {
    load: probe,
    run: async (config, ctx) => (await probe()).run(config, ctx),
    ...(gate ? { gate } : {}),
    afterRun: async (result, history) => {
      const { afterRun } = await probe();
      return afterRun ? afterRun(result, history) : result;
    },
  };
}

export const probes = {
  http: lazyProbe(() => import("./http/http-probe").then((m) => m.httpProbe)),
  postgres: lazyProbe(() => import("./postgres/postgres-probe").then((m) => m.postgresProbe)),
  mysql: lazyProbe(() => import("./mysql/mysql-probe").then((m) => m.mysqlProbe)),
  redis: lazyProbe(() => import("./redis/redis-probe").then((m) => m.redisProbe)),
  rabbitmq: lazyProbe(() => import("./rabbitmq/rabbitmq-probe").then((m) => m.rabbitmqProbe)),
  nats: lazyProbe(() => import("./nats/nats-probe").then((m) => m.natsProbe)),
  mqtt: lazyProbe(() => import("./mqtt/mqtt-probe").then((m) => m.mqttProbe)),
  tcp: lazyProbe(() => import("./tcp/tcp-probe").then((m) => m.tcpProbe)),
  dns: lazyProbe(() => import("./dns/dns-probe").then((m) => m.dnsProbe)),
  tls: lazyProbe(() => import("./tls/tls-probe").then((m) => m.tlsProbe)),
  mcp: lazyProbe(() => import("./mcp/mcp-probe").then((m) => m.mcpProbe), stdioGate),
  mongodb: lazyProbe(() => import("./mongodb/mongodb-probe").then((m) => m.mongodbProbe)),
  graphql: lazyProbe(() => import("./graphql/graphql-probe").then((m) => m.graphqlProbe)),
} satisfies { [K in IntegrationKind]: Probe<KindConfig<K>> };

/** A kind's probe, for callers that hold a kind only known at run time (its config parsed by the same kind's schema). */
export const probeOf = (kind: IntegrationKind): Probe<unknown> => probes[kind] as Probe<unknown>;

/**
 * A kind's probe with its module loaded, for running it: the import (hundreds of ms on a busy machine, the first
 * time) happens before the run's timeout starts, not inside it.
 */
export const loadProbe = (kind: IntegrationKind): Promise<Probe<unknown>> => (probes[kind] as LazyProbe<unknown>).load();
