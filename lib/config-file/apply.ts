// Applies a plan's changes on the server (POST /api/config/apply), in order, through the same audited use cases
// the API's resource routes call, and marks each resource "managed by config". Refused when the state's
// fingerprint is no longer the plan's; stops at the first change refused and says what was and was not applied.
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError, toErrorResponse } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { createIntegration, deleteIntegration, updateIntegration } from "../integrations/crud";
import { deleteSecret, setSecret } from "../secrets/store";
import { createChannel, deleteChannel, updateChannel } from "../alerts/channels-service";
import { CHANNEL_INFO } from "../alerts/channels/kinds";
import { createRule, deleteRule, updateRule } from "../alerts/rules";
import { createSilence, deleteSilence } from "../alerts/silences";
import { createSource, deleteSource, rotateSourceSecret, updateSource } from "../webhooks/sources";
import { resourceChangeSchema, type ResourceChange } from "./plan";
import {
  alertRuleEntrySchema,
  channelEntrySchema,
  integrationEntrySchema,
  MANAGED_BY_CONFIG,
  refName,
  silenceEntrySchema,
  TYPE_LABEL,
  webhookSourceEntrySchema,
  type ResourceType,
} from "./schema";
import { readServerState, silenceNameOf } from "./state";

export const applyRequestSchema = z.object({
  /** The fingerprint of the server state the changes were planned against (from the plan). */
  fingerprint: z.string().min(1),
  changes: z.array(resourceChangeSchema).max(1_000),
  /** Values of the ${ENV_NAME} references the changes' secrets name, write-only. */
  secrets: z.record(z.string(), z.string().min(1).max(8_192)).default({}),
});
export type ApplyRequest = z.input<typeof applyRequestSchema>;

const changeRef = z.object({ type: z.string(), name: z.string(), action: z.enum(["create", "update", "delete"]) });
export const applyResultSchema = z.object({ applied: z.array(changeRef), fingerprint: z.string() });
export type ApplyResult = z.infer<typeof applyResultSchema>;

export const applyFailureDetailsSchema = z.object({
  applied: z.array(changeRef),
  failed: changeRef.extend({ status: z.number(), code: z.string(), message: z.string(), details: z.unknown().optional() }),
  notApplied: z.array(changeRef),
});

const refOf = (c: ResourceChange) => ({ type: c.type, name: c.name, action: c.action });

function getPath(spec: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), spec);
}

class Ids {
  constructor(private readonly db: Db) {}
  async integration(name: string): Promise<string> {
    const row = await this.db.integration.findUnique({ where: { name }, select: { id: true } });
    if (!row) throw ApiError.invalidFields({ integration: [`No integration named "${name}"`] });
    return row.id;
  }
  async channel(name: string): Promise<string> {
    const row = await this.db.notificationChannel.findUnique({ where: { name }, select: { id: true } });
    if (!row) throw ApiError.invalidFields({ channels: [`No channel named "${name}"`] });
    return row.id;
  }
  async rule(name: string): Promise<string | null> {
    const hash = / #([0-9a-f]{8})$/.exec(name);
    const rows = await this.db.alertRule.findMany({
      where: hash ? { name: name.slice(0, -10) } : { name },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    return (hash ? rows.find((r) => r.id.startsWith(hash[1]!)) : rows[0])?.id ?? null;
  }
  async silence(name: string): Promise<string | null> {
    const byName = await this.db.alertSilence.findUnique({ where: { name }, select: { id: true } });
    if (byName) return byName.id;
    const m = /^silence-([0-9a-f]{8})$/.exec(name);
    if (!m) return null;
    const rows = await this.db.alertSilence.findMany({ where: { name: null }, select: { id: true, name: true } });
    return rows.find((r) => silenceNameOf(r) === name)?.id ?? null;
  }
}

async function applyOne(db: Db, change: ResourceChange, secrets: Record<string, string>, actor: Actor, now: Date): Promise<void> {
  const ids = new Ids(db);
  const secretValue = (path: string): string => {
    const reference = getPath(change.spec ?? {}, path);
    const name = typeof reference === "string" ? refName(reference) : "";
    const value = secrets[name];
    if (!value) throw ApiError.invalidFields({ [path]: [`The value of \${${name}} was not sent (set the variable where the CLI runs)`] });
    return value;
  };
  const manage = async (type: ResourceType, id: string) => {
    const data = { managedBy: MANAGED_BY_CONFIG };
    if (type === "integrations") await db.integration.update({ where: { id }, data });
    if (type === "channels") await db.notificationChannel.update({ where: { id }, data });
    if (type === "webhookSources") await db.webhookSource.update({ where: { id }, data });
    if (type === "alertRules") await db.alertRule.update({ where: { id }, data });
    if (type === "silences") await db.alertSilence.update({ where: { id }, data });
  };
  const name = change.name;

  switch (change.type) {
    case "integrations": {
      const existing = await db.integration.findUnique({ where: { name }, select: { id: true } });
      if (change.action === "delete") return existing ? deleteIntegration(db, existing.id, actor) : undefined;
      const { secrets: wanted, ...input } = integrationEntrySchema.parse(change.spec);
      const id = existing
        ? (await updateIntegration(db, existing.id, { ...input, name }, actor, now.getTime())).id
        : (await createIntegration(db, { ...input, name }, actor, now.getTime())).id;
      for (const path of change.secrets) {
        const secretName = path.replace(/^secrets\./, "");
        await setSecret(db, id, secretName, { value: secretValue(path) }, actor);
      }
      const stored = await db.integrationSecret.findMany({ where: { integrationId: id }, select: { name: true } });
      for (const s of stored) if (!Object.hasOwn(wanted, s.name)) await deleteSecret(db, id, s.name, actor);
      return manage("integrations", id);
    }
    case "channels": {
      const existing = await db.notificationChannel.findUnique({ where: { name }, select: { id: true } });
      if (change.action === "delete") return existing ? deleteChannel(db, existing.id, actor) : undefined;
      const entry = channelEntrySchema.parse(change.spec);
      const secretFields: readonly string[] = CHANNEL_INFO[entry.kind].secretFields;
      // Secret fields not being sent stay as stored ("" keeps a channel secret).
      const config = Object.fromEntries(
        Object.entries(entry.config).map(([k, v]) => [
          k,
          secretFields.includes(k) ? (change.secrets.includes(`config.${k}`) ? secretValue(`config.${k}`) : "") : v,
        ]),
      );
      const id = existing
        ? (await updateChannel(db, existing.id, { name, enabled: entry.enabled, config }, actor)).id
        : (await createChannel(db, { name, kind: entry.kind, enabled: entry.enabled, config }, actor)).id;
      return manage("channels", id);
    }
    case "webhookSources": {
      const existing = await db.webhookSource.findUnique({ where: { slug: name }, select: { id: true } });
      if (change.action === "delete") return existing ? void (await deleteSource(db, existing.id, actor)) : undefined;
      const { integration, secret: _ref, ...entry } = webhookSourceEntrySchema.parse(change.spec);
      const integrationId = integration ? await ids.integration(integration) : null;
      if (!existing) {
        const secret = change.secrets.includes("secret") ? secretValue("secret") : undefined;
        const { enabled, ...rest } = entry;
        const created = await createSource(db, { ...rest, slug: name, integrationId, secret }, actor);
        if (!enabled) await updateSource(db, created.id, { enabled }, actor);
        return manage("webhookSources", created.id);
      }
      if (change.secrets.includes("secret")) await rotateSourceSecret(db, existing.id, secretValue("secret"), actor, now.getTime());
      await updateSource(db, existing.id, { ...entry, integrationId }, actor);
      return manage("webhookSources", existing.id);
    }
    case "alertRules": {
      const existing = await ids.rule(name);
      if (change.action === "delete") return existing ? deleteRule(db, existing, actor, now) : undefined;
      const { scope, channels, ...entry } = alertRuleEntrySchema.parse(change.spec);
      const input = {
        ...entry,
        name: name.replace(/ #[0-9a-f]{8}$/, ""),
        scope: scope.kind === "integration" ? { kind: "integration", integrationId: await ids.integration(scope.integration) } : scope,
        channelIds: await Promise.all(channels.map((c) => ids.channel(c))),
      };
      const id = existing ? (await updateRule(db, existing, input, actor)).id : (await createRule(db, input, actor)).id;
      return manage("alertRules", id);
    }
    case "silences": {
      // Silences cannot be edited in place: an update replaces the silence.
      const existing = await ids.silence(name);
      if (existing) await deleteSilence(db, existing, actor);
      if (change.action === "delete") return;
      const { rule, integration, ...entry } = silenceEntrySchema.parse(change.spec);
      const ruleId = rule ? await ids.rule(rule) : null;
      if (rule && !ruleId) throw ApiError.invalidFields({ rule: [`No alert rule named "${rule}"`] });
      const created = await createSilence(db, { ...entry, ruleId, integrationId: integration ? await ids.integration(integration) : null }, actor, now);
      await db.alertSilence.update({ where: { id: created.id }, data: { name } });
      return manage("silences", created.id);
    }
  }
}

/** Applies `changes` in order if the server is still in the planned state; the new fingerprint comes back. */
export async function applyConfig(db: Db, raw: unknown, actor: Actor, now = () => new Date()): Promise<ApplyResult> {
  const request = applyRequestSchema.parse(raw);
  const before = await readServerState(db, now());
  if (before.fingerprint !== request.fingerprint) {
    throw ApiError.conflict("The server changed since this plan was made; run tether plan again", {
      expected: request.fingerprint,
      actual: before.fingerprint,
    });
  }
  const applied: ReturnType<typeof refOf>[] = [];
  for (const [index, change] of request.changes.entries()) {
    try {
      await applyOne(db, change, request.secrets, actor, now());
      applied.push(refOf(change));
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      if (status >= 500) throw err;
      await recordApply(db, actor, applied.length, request.changes.length);
      const notApplied = request.changes.slice(index + 1).map(refOf);
      throw new ApiError(
        body.error.code,
        `Applied ${applied.length} of ${request.changes.length} changes; ${TYPE_LABEL[change.type]} ${change.name} was refused: ${body.error.message}`,
        {
          applied,
          failed: { ...refOf(change), status, code: body.error.code, message: body.error.message, details: body.error.details },
          notApplied,
        },
      );
    }
  }
  if (applied.length > 0) await recordApply(db, actor, applied.length, request.changes.length);
  return { applied, fingerprint: (await readServerState(db, now())).fingerprint };
}

async function recordApply(db: Db, actor: Actor, applied: number, total: number): Promise<void> {
  await audit(db, actorOf(actor), {
    action: "config.apply",
    summary:
      applied === total
        ? `Applied a config plan (${total} change${total === 1 ? "" : "s"})`
        : `Applied ${applied} of ${total} changes of a config plan (refused)`,
    ip: actor.ip,
  });
}
