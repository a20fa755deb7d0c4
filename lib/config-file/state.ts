// The running instance as a tether.yaml would declare it (GET /api/config; `tether export`): ids become names,
// secrets become ${ENV_NAME} references named after their owner, nothing secret is read. The fingerprint is a
// hash of exactly this state, so a plan made from it can be refused once the server has changed.
import { createHash } from "node:crypto";
import stringify from "safe-stable-stringify";
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import { CHANNEL_INFO } from "../alerts/channels/kinds";
import { isChannelKind } from "../alerts/channel-config";
import { configFileSchema, MANAGED_BY_CONFIG, RESOURCE_TYPES, type ResourceType } from "./schema";
import type { ServerState } from "./plan";

/** "payments-api" + "API_KEY" -> "PAYMENTS_API_API_KEY": the variable an exported file names for a secret. */
export function envNameFor(...parts: string[]): string {
  const name = parts
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, "$1_$2"))
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}
const ref = (...parts: string[]) => `\${${envNameFor(...parts)}}`;

/** Silences have no name of their own unless a file gave them one. */
export const silenceNameOf = (s: { id: string; name: string | null }) => s.name ?? `silence-${s.id.slice(0, 8)}`;

export function fingerprintOf(state: Omit<ServerState, "fingerprint">): string {
  return createHash("sha256").update(stringify(state)!).digest("hex").slice(0, 32);
}

export async function readServerState(db: Db, now = new Date()): Promise<ServerState> {
  const [integrations, secrets, channels, sources, rules, silences] = await Promise.all([
    db.integration.findMany({ orderBy: { name: "asc" } }),
    db.integrationSecret.findMany({ select: { integrationId: true, name: true }, orderBy: { name: "asc" } }),
    db.notificationChannel.findMany({ orderBy: { name: "asc" } }),
    db.webhookSource.findMany({ orderBy: { slug: "asc" } }),
    db.alertRule.findMany({ orderBy: [{ name: "asc" }, { createdAt: "asc" }] }),
    db.alertSilence.findMany({ where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" } }),
  ]);
  const integrationName = new Map(integrations.map((i) => [i.id, i.name]));
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const managed: Record<ResourceType, string[]> = { integrations: [], channels: [], webhookSources: [], alertRules: [], silences: [] };
  const mark = (type: ResourceType, name: string, managedBy: string | null) => {
    if (managedBy === MANAGED_BY_CONFIG) managed[type].push(name);
  };

  const config: Record<ResourceType, Record<string, unknown>> = { integrations: {}, channels: {}, webhookSources: {}, alertRules: {}, silences: {} };
  for (const i of integrations) {
    const own = secrets.filter((s) => s.integrationId === i.id).map((s) => s.name);
    config.integrations[i.name] = {
      kind: i.kind,
      config: i.config,
      intervalSeconds: i.intervalSeconds,
      timeoutMs: i.timeoutMs,
      enabled: i.enabled,
      tags: i.tags,
      retryAttempts: i.retryAttempts,
      backoffInitialMs: i.backoffInitialMs,
      backoffMaxMs: i.backoffMaxMs,
      breakerThreshold: i.breakerThreshold,
      breakerCooldownSeconds: i.breakerCooldownSeconds,
      secrets: Object.fromEntries(own.map((n) => [n, ref(i.name, n)])),
    };
    mark("integrations", i.name, i.managedBy);
  }
  for (const c of channels) {
    if (!isChannelKind(c.kind)) continue;
    const secretFields: readonly string[] = CHANNEL_INFO[c.kind].secretFields;
    const set = secretFields.filter((f) => c.secretFields.includes(f));
    config.channels[c.name] = {
      kind: c.kind,
      enabled: c.enabled,
      config: { ...(c.config as Record<string, unknown>), ...Object.fromEntries(set.map((f) => [f, ref("channel", c.name, f)])) },
    };
    mark("channels", c.name, c.managedBy);
  }
  for (const s of sources) {
    config.webhookSources[s.slug] = {
      name: s.name,
      integration: s.integrationId ? (integrationName.get(s.integrationId) ?? null) : null,
      scheme: s.scheme,
      schemeConfig: s.schemeConfig,
      ...(s.secretCiphertext && { secret: ref("webhook", s.slug, "secret") }),
      forwardUrl: s.forwardUrl,
      maxAttempts: s.maxAttempts,
      maxBodyBytes: s.maxBodyBytes,
      enabled: s.enabled,
    };
    mark("webhookSources", s.slug, s.managedBy);
  }
  const ruleName = new Map<string, string>();
  for (const r of rules) {
    // Rule names are not unique on the server; a second one of a name is told apart by its id.
    const name = Object.hasOwn(config.alertRules, r.name) ? `${r.name} #${r.id.slice(0, 8)}` : r.name;
    ruleName.set(r.id, name);
    const scope = r.scope as { kind: string; integrationId?: string; tag?: string };
    config.alertRules[name] = {
      enabled: r.enabled,
      severity: r.severity,
      scope: scope.kind === "integration" ? { kind: "integration", integration: integrationName.get(scope.integrationId!) ?? scope.integrationId } : scope,
      condition: r.condition,
      pendingSeconds: r.pendingSeconds,
      flapMaxChanges: r.flapMaxChanges,
      flapWindowMinutes: r.flapWindowMinutes,
      reminderMinutes: r.reminderMinutes,
      muteDuringProviderIncident: r.muteDuringProviderIncident,
      channels: r.channelIds.map((id) => channelName.get(id)).filter((n): n is string => n !== undefined),
    };
    mark("alertRules", name, r.managedBy);
  }
  for (const s of silences) {
    const name = silenceNameOf(s);
    config.silences[name] = {
      kind: s.kind,
      rule: s.ruleId ? (ruleName.get(s.ruleId) ?? null) : null,
      integration: s.integrationId ? (integrationName.get(s.integrationId) ?? null) : null,
      tag: s.tag,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      reason: s.reason,
    };
    mark("silences", name, s.managedBy);
  }
  // Through the file's own schema, so both sides of a plan carry the same defaults and shapes. Stored data the file
  // cannot express (made through the API before a rule tightened, say) is named, resource and field, not a 500.
  const result = configFileSchema.safeParse({ version: 1, ...config });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [type, name, ...field] = issue.path.map(String);
      return { resource: type && name ? `${type}.${name}` : (type ?? "file"), field: field.join(".") || null, message: issue.message };
    });
    const first = problems[0]!;
    throw new ApiError(
      "unprocessable",
      `The stored ${first.resource}${first.field ? ` (${first.field})` : ""} cannot be written as tether.yaml: ${first.message}` +
        (problems.length > 1 ? `; and ${problems.length - 1} more` : ""),
      { problems },
    );
  }
  const parsed = result.data;
  for (const type of RESOURCE_TYPES) managed[type].sort();
  const state = { config: parsed, managed };
  return { ...state, fingerprint: fingerprintOf(state) };
}
