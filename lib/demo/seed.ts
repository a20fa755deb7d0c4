// Demo integrations pointed at the bundled demo target, and one alert rule over them, created only into an empty database.
import type { Db } from "../db/client";
import { integrationInputSchema, type IntegrationInputRaw } from "../domain/integration-config";
import { createIntegration } from "../integrations/crud";
import { createRule } from "../alerts/rules";
import { createChannel } from "../alerts/channels-service";
import type { RuleInput } from "../alerts/rule";

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
    http("Payments API", "/healthy", { tags: ["demo", "payments"] }, { assertion: { type: "json_path", path: "$.status", equals: "ok" } }),
    http("Status page", "/status", { tags: ["demo"], intervalSeconds: 15 }, { assertion: { type: "body_contains", text: "operational" } }),
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

/** Seeds the demo set when there are no integrations at all; returns how many were created. */
export async function seedDemo(db: Db, targetUrl: string): Promise<number> {
  if ((await db.integration.count()) > 0) return 0;
  const inputs = demoIntegrations(targetUrl).map((i) => integrationInputSchema.parse(i));
  for (const input of inputs) await createIntegration(db, input);
  const channel = await createChannel(db, demoChannel(targetUrl), { principal: null });
  await createRule(db, { ...DEMO_RULE, channelIds: [channel.id] }, { principal: null });
  return inputs.length;
}
