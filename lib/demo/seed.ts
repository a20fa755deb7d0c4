// Demo integrations pointed at the bundled demo target, and one alert rule over them, created only into an empty database.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { integrationInputSchema, type IntegrationInputRaw } from "../integrations/integration-input";
import { createIntegration } from "../integrations/crud";
import { createRule } from "../alerts/rules";
import { createChannel } from "../alerts/channels-service";
import type { RuleInput } from "../alerts/rule";
import { createSource } from "../webhooks/sources";
import { DEMO_SOURCE_SLUG } from "./webhook-sender";

export function demoIntegrations(targetUrl: string): IntegrationInputRaw[] {
  const http = (name: string, path: string, extra: Partial<IntegrationInputRaw> = {}, config: Record<string, unknown> = {}): IntegrationInputRaw =>
    ({
      name,
      kind: "http",
      intervalSeconds: 10,
      timeoutMs: 3_000,
      tags: ["demo"],
      ...extra,
      config: { url: `${targetUrl}${path}`, ...config },
    }) as IntegrationInputRaw;
  return [
    http(
      "Payments API",
      "/healthy",
      { tags: ["demo", "payments"] },
      { assertions: [{ source: "json_path", property: "$.status", comparison: "equals", target: "ok" }] },
    ),
    http(
      "Status page",
      "/status",
      { tags: ["demo"], intervalSeconds: 15 },
      { assertions: [{ source: "body", comparison: "contains", target: "operational" }] },
    ),
    http("Search API", "/slow", { tags: ["demo", "search"] }, { latencyBudgetMs: 1_000 }),
    http("Messaging API", "/flaky", { tags: ["demo", "messaging"], retryAttempts: 0 }),
    http("Partner API", "/partner", { tags: ["demo", "partners"], intervalSeconds: 15 }, { minRateLimitHeadroomPercent: 5 }),
    http("Legacy billing", "/down", { tags: ["demo", "payments"], retryAttempts: 1, breakerThreshold: 3, breakerCooldownSeconds: 30 }),
  ];
}

/**
 * One alert rule over the demo set (tagged "demo", so integrations added later are not swept in): it fires for
 * the always-down endpoint, and the hysteresis keeps the flaky one from paging on every dip.
 */
export const DEMO_RULE = {
  name: "Demo: error rate above 20%",
  severity: "warning",
  scope: { kind: "tag", tag: "demo" },
  condition: { kind: "error_rate", thresholdPct: 20, resolvePct: 10, windowMinutes: 5, minSamples: 5 },
  pendingSeconds: 60,
} satisfies Partial<Record<keyof RuleInput, unknown>>;

/** A signed generic webhook to the demo target's catch-all hooks endpoint, so the demo rule's notifications show in the outbound explorer. */
export function demoChannel(targetUrl: string) {
  return { name: "Demo webhook", kind: "webhook", config: { url: `${targetUrl}/hooks` } } as const;
}

/**
 * A Stripe webhook source that the demo sender (./webhook-sender.ts) signs and posts to, relayed to the demo order
 * service, which fails some deliveries: two attempts, so a failure is retried after 5 s and then dead-lettered.
 */
export function demoWebhookSource(targetUrl: string, secret: string, integrationId: string) {
  return { name: "Demo Stripe", slug: DEMO_SOURCE_SLUG, scheme: "stripe", secret, integrationId, forwardUrl: `${targetUrl}/hooks/orders`, maxAttempts: 2 };
}

/** Seeds the demo set when there are no integrations at all; returns how many were created. */
export async function seedDemo(db: Db, targetUrl: string): Promise<number> {
  if ((await db.integration.count()) > 0) return 0;
  const inputs = demoIntegrations(targetUrl).map((i) => integrationInputSchema.parse(i));
  const created = [];
  for (const input of inputs) created.push(await createIntegration(db, input));
  const payments = created.find((c) => c.name === "Payments API")!;
  await createSource(db, demoWebhookSource(targetUrl, `whsec_${randomBytes(24).toString("base64url")}`, payments.id), { principal: null });
  const channel = await createChannel(db, demoChannel(targetUrl), { principal: null });
  await createRule(db, { ...DEMO_RULE, channelIds: [channel.id] }, { principal: null });
  return inputs.length;
}
