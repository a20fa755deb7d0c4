// Notification channels: create, read, change, delete, and "send test". Secrets are write-only: the API says
// which secret fields are set, never their values; a change that leaves a secret field out keeps it. The one
// exception is a generated webhook signing secret, returned once by the create that generated it.
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import type { Keyring } from "../secrets/crypto";
import { keyring } from "../secrets/store";
import { channelConfig, isChannelKind, openSecrets, sealSecrets, splitConfig } from "./channel-config";
import { CHANNEL_INFO, CHANNEL_KINDS, type ChannelKind } from "./channels/kinds";
import { attemptDelivery, type DeliveryResult } from "./deliveries/queue";
import type { AlertNotification } from "./notification";

const name = z.string({ error: "Name the channel" }).trim().min(1, "Name the channel").max(100, "Keep the name under 100 characters");
const config = z.record(z.string(), z.unknown(), { error: "Send the channel's settings as an object" });

export const channelCreateSchema = z.object({
  name,
  kind: z.enum(CHANNEL_KINDS, { error: `Choose a kind: ${CHANNEL_KINDS.join(", ")}` }),
  enabled: z.boolean().default(true),
  config: config.default({}),
});

export const channelUpdateSchema = z.object({ name: name.optional(), enabled: z.boolean().optional(), config: config.optional() }).strict();

export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  /** "config" when a tether.yaml apply manages it. */
  managedBy?: string | null;
  /** The non-secret settings. */
  config: Record<string, unknown>;
  /** Each secret field of the kind, and whether it is set. */
  secrets: Record<string, boolean>;
  /** Where it sends, secrets removed. */
  target: string;
  lastDelivery: { id: string; status: string; at: string; error: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

type Row = Prisma.NotificationChannelGetPayload<object>;
type LastDelivery = { id: bigint; status: string; createdAt: Date; lastError: string | null } | undefined;

function targetOf(row: Row, keys: Keyring): string {
  try {
    const { kind, config } = channelConfig(row, keys);
    return (CHANNEL_INFO[kind].target as (c: unknown) => string)(config);
  } catch {
    return "(incomplete settings)";
  }
}

function toView(row: Row, last: LastDelivery, keys: Keyring): ChannelView {
  const kind = row.kind as ChannelKind;
  return {
    id: row.id,
    name: row.name,
    kind,
    enabled: row.enabled,
    managedBy: row.managedBy,
    config: row.config as Record<string, unknown>,
    secrets: Object.fromEntries(CHANNEL_INFO[kind].secretFields.map((f) => [f, row.secretFields.includes(f)])),
    target: targetOf(row, keys),
    lastDelivery: last ? { id: last.id.toString(), status: last.status, at: last.createdAt.toISOString(), error: last.lastError } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Zod issues of a kind's config, re-rooted under `config.` so the form shows them at the field. */
function parseKindConfig(kind: ChannelKind, raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = CHANNEL_INFO[kind].configSchema.safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  throw new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: ["config", ...i.path] })));
}

const conflict = (err: unknown) => {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    return ApiError.conflict("A channel with that name exists", { fields: { name: ["A channel with that name exists"] } });
  }
  return err;
};

const notFound = () => ApiError.notFound("notification channel");

async function lastDeliveries(db: Db, ids: string[]): Promise<Map<string, LastDelivery>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ channelId: string; id: bigint; status: string; createdAt: Date; lastError: string | null }[]>`
    SELECT DISTINCT ON ("channelId") "channelId", id, status::text AS status, "createdAt", "lastError"
    FROM "NotificationDelivery" WHERE "channelId" = ANY(${ids}::uuid[]) ORDER BY "channelId", id DESC`;
  return new Map(rows.map((r) => [r.channelId, r]));
}

export async function listChannels(db: Db, keys: Keyring = keyring()): Promise<ChannelView[]> {
  const rows = await db.notificationChannel.findMany({ orderBy: { name: "asc" } });
  const last = await lastDeliveries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toView(r, last.get(r.id), keys));
}

export async function getChannel(db: Db, id: string, keys: Keyring = keyring()): Promise<ChannelView> {
  const row = await db.notificationChannel.findUnique({ where: { id } });
  if (!row) throw notFound();
  return toView(row, (await lastDeliveries(db, [id])).get(id), keys);
}

/** The created channel, and any secret that was generated for it (shown this once). */
export async function createChannel(
  db: Db,
  raw: unknown,
  actor: Actor,
  keys: Keyring = keyring(),
): Promise<ChannelView & { generatedSecrets?: Record<string, string> }> {
  const input = channelCreateSchema.parse(raw);
  // A form sends empty text for a field left blank: that is "not given", so defaults (and generation) apply.
  const given = Object.fromEntries(Object.entries(input.config).filter(([, v]) => v !== "" && v !== null));
  const { plain, secrets } = splitConfig(input.kind, parseKindConfig(input.kind, given));
  const generated = Object.fromEntries(Object.entries(secrets).filter(([k]) => given[k] === undefined));
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.notificationChannel.create({
        data: { name: input.name, kind: input.kind, enabled: input.enabled, config: plain as Prisma.InputJsonValue, secretFields: Object.keys(secrets) },
      });
      const row = await tx.notificationChannel.update({ where: { id: created.id }, data: { secretCiphertext: sealSecrets(created.id, secrets, keys) } });
      await audit(tx, actorOf(actor), {
        action: "channel.create",
        summary: `Created ${CHANNEL_INFO[input.kind].label} channel ${row.name}`,
        targetType: "notification_channel",
        targetId: row.id,
        ip: actor.ip,
      });
      const view = toView(row, undefined, keys);
      return Object.keys(generated).length > 0 ? { ...view, generatedSecrets: generated } : view;
    });
  } catch (err) {
    throw conflict(err);
  }
}

/** A partial change; the result is validated whole. Secret fields left out (or empty) keep their value. */
export async function updateChannel(db: Db, id: string, raw: unknown, actor: Actor, keys: Keyring = keyring()): Promise<ChannelView> {
  const input = channelUpdateSchema.parse(raw);
  const row = await db.notificationChannel.findUnique({ where: { id } });
  if (!row) throw notFound();
  if (!isChannelKind(row.kind)) throw ApiError.conflict("This channel's kind is no longer supported; delete it");
  const kind = row.kind;
  let data: Prisma.NotificationChannelUpdateInput = { name: input.name, enabled: input.enabled };
  const changedSecrets: string[] = [];
  const retyped: string[] = [];
  if (input.config) {
    const kept = openSecrets(row.id, row.secretCiphertext, keys);
    const secretFields: readonly string[] = CHANNEL_INFO[kind].secretFields;
    const merged: Record<string, unknown> = { ...(row.config as Record<string, unknown>), ...kept };
    for (const [key, value] of Object.entries(input.config)) {
      const blank = value === "" || value === null;
      // A blank secret means "keep it"; a blank plain field means "clear it".
      if (secretFields.includes(key)) {
        if (!blank) retyped.push(key);
        if (!blank && value !== kept[key]) changedSecrets.push(key);
        if (!blank) merged[key] = value;
      } else if (blank) delete merged[key];
      else merged[key] = value;
    }
    const { plain, secrets } = splitConfig(kind, parseKindConfig(kind, merged));
    const stored = row.config as Record<string, unknown>;
    const moved = (CHANNEL_INFO[kind].destinationFields ?? []).filter((f) => JSON.stringify(plain[f]) !== JSON.stringify(stored[f]));
    const mustRetype = moved.length > 0 ? Object.keys(kept).filter((f) => !retyped.includes(f) && secrets[f] !== undefined) : [];
    if (mustRetype.length > 0) {
      const message = `Enter it again: changing ${moved.join(", ")} changes where it is sent`;
      throw ApiError.invalidFields(Object.fromEntries(mustRetype.map((f) => [`config.${f}`, [message]])));
    }
    data = { ...data, config: plain as Prisma.InputJsonValue, secretFields: Object.keys(secrets), secretCiphertext: sealSecrets(row.id, secrets, keys) };
  }
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.notificationChannel.update({ where: { id }, data });
      const what = [
        input.name !== undefined && input.name !== row.name ? "renamed" : null,
        input.enabled !== undefined && input.enabled !== row.enabled ? (input.enabled ? "enabled" : "disabled") : null,
        input.config ? "settings" : null,
        changedSecrets.length > 0 ? `secret ${changedSecrets.join(", ")}` : null,
      ].filter(Boolean);
      await audit(tx, actorOf(actor), {
        action: "channel.update",
        summary: `Changed channel ${updated.name}${what.length ? ` (${what.join(", ")})` : ""}`,
        targetType: "notification_channel",
        targetId: id,
        ip: actor.ip,
      });
      return toView(updated, (await lastDeliveries(db, [id])).get(id), keys);
    });
  } catch (err) {
    throw conflict(err);
  }
}

/** Deletes the channel and its delivery history. Rules naming it simply stop sending there. */
export async function deleteChannel(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.findUnique({ where: { id }, select: { name: true } });
    if (!row) throw notFound();
    await tx.notificationChannel.delete({ where: { id } });
    await audit(tx, actorOf(actor), {
      action: "channel.delete",
      summary: `Deleted channel ${row.name}`,
      targetType: "notification_channel",
      targetId: id,
      ip: actor.ip,
    });
  });
}

export function testNotification(channelId: string, channelName: string, baseUrl: string, now: number): AlertNotification {
  return {
    event: "test",
    incidentId: null,
    dedupKey: `tether-test:${channelId}`,
    rule: { id: "test", name: "Test notification", severity: "info" },
    integration: null,
    summary: `Test notification from Tether: the channel "${channelName}" works.`,
    value: null,
    threshold: null,
    startedAt: new Date(now).toISOString(),
    resolvedAt: null,
    url: new URL("/alerts/channels", baseUrl).toString(),
  };
}

/**
 * Sends a test notification now, through the same queue path as a real one (so it is recorded as a delivery and
 * shows in the outbound explorer), and returns its outcome. A test is never retried.
 */
export async function sendTest(db: Db, id: string, actor: Actor, opts: { baseUrl: string; now?: () => number }): Promise<DeliveryResult> {
  const now = opts.now ?? Date.now;
  const channel = await db.notificationChannel.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!channel) throw notFound();
  const n = testNotification(channel.id, channel.name, opts.baseUrl, now());
  const delivery = await db.notificationDelivery.create({
    data: {
      channelId: id,
      incidentId: null,
      event: n.event,
      dedupKey: n.dedupKey,
      payload: n as unknown as Prisma.InputJsonValue,
      status: "queued",
      nextAttemptAt: null,
      leaseOwner: "test",
      leaseExpiresAt: new Date(now() + 60_000),
    },
  });
  const result = (await attemptDelivery(db, delivery.id, { now, trigger: "test" }))!;
  await audit(db, actorOf(actor), {
    action: "channel.test",
    summary: `Sent a test to channel ${channel.name}: ${result.outcome.ok ? "delivered" : `failed (${result.outcome.error})`}`,
    targetType: "notification_channel",
    targetId: id,
    ip: actor.ip,
  });
  return result;
}
