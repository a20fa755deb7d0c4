// Webhook sources: one inbound endpoint each. Signing secrets are encrypted like integration secrets (bound
// to the source by AAD) and never returned; a rotated-out secret stays accepted until its overlap ends.
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { keyring } from "../secrets/store";
import { rotateAll, type Keyring } from "../secrets/crypto";
import { forgetSource } from "./source-cache";
import { MAX_ATTEMPTS } from "./retry-schedule";
import { VERIFICATION_CONFIG_SCHEMAS, VERIFICATION_KINDS, VERIFICATION_SCHEMES } from "./verification/config";

export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export const sourceInputSchema = z.object({
  name: z.string().trim().min(1, "Name the source").max(100),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2-63 lower-case letters, digits and dashes; it becomes the URL /api/webhooks/in/<slug>"),
  integrationId: z.uuid().nullable().optional(),
  scheme: z.enum(VERIFICATION_KINDS, { error: `Choose a verification scheme: ${VERIFICATION_KINDS.join(", ")}` }),
  schemeConfig: z.record(z.string(), z.unknown()).default({}),
  /** Write-only. Setting it again rotates: the old one is still accepted for a day. */
  secret: z.string().min(1).max(4_096).optional(),
  forwardUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL" }))
    .nullable()
    .optional(),
  /** Relay attempts before an event is dead-lettered: the first and then the retry schedule's, in order. */
  maxAttempts: z
    .number({ error: "Enter a number of attempts" })
    .int("Enter a whole number")
    .min(1, "At least 1 attempt")
    .max(MAX_ATTEMPTS, `At most ${MAX_ATTEMPTS} attempts (the retry schedule's length)`)
    .default(MAX_ATTEMPTS),
  maxBodyBytes: z
    .number({ error: "Enter a number of bytes" })
    .int("Enter a whole number")
    .min(1_024, "At least 1 KiB")
    .max(10 * 1024 * 1024, "At most 10 MiB")
    .default(1024 * 1024),
});

export interface SourceView {
  id: string;
  slug: string;
  name: string;
  integrationId: string | null;
  scheme: string;
  schemeConfig: Record<string, unknown>;
  hasSecret: boolean;
  rotationEndsAt: string | null;
  forwardUrl: string | null;
  maxAttempts: number;
  maxBodyBytes: number;
  enabled: boolean;
  /** "config" when a tether.yaml apply manages it. */
  managedBy?: string | null;
  createdAt: string;
}

type Row = Prisma.WebhookSourceGetPayload<object>;

export function toSourceView(r: Row): SourceView {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    integrationId: r.integrationId,
    scheme: r.scheme,
    schemeConfig: r.schemeConfig as Record<string, unknown>,
    hasSecret: !!r.secretCiphertext,
    rotationEndsAt: r.previousSecretCiphertext && r.previousSecretExpiresAt ? r.previousSecretExpiresAt.toISOString() : null,
    forwardUrl: r.forwardUrl,
    maxAttempts: r.maxAttempts,
    maxBodyBytes: r.maxBodyBytes,
    enabled: r.enabled,
    managedBy: r.managedBy,
    createdAt: r.createdAt.toISOString(),
  };
}

const aad = (sourceId: string) => `webhook-source:${sourceId}`;

export async function createSource(db: Db, raw: unknown, actor: Actor, keys: Keyring = keyring()): Promise<SourceView> {
  const input = sourceInputSchema
    .superRefine((v, ctx) => {
      const parsed = VERIFICATION_CONFIG_SCHEMAS[v.scheme].safeParse(v.schemeConfig);
      if (!parsed.success)
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["schemeConfig", ...issue.path.map(String)], message: issue.message });
      const secret = VERIFICATION_SCHEMES[v.scheme].secret;
      if (secret && !v.secret)
        ctx.addIssue({ code: "custom", path: ["secret"], message: `This scheme needs the ${secret.label.toLowerCase()} the provider gave you` });
    })
    .parse(raw);
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.webhookSource.create({
        data: {
          name: input.name,
          slug: input.slug,
          integrationId: input.integrationId ?? null,
          scheme: input.scheme,
          schemeConfig: VERIFICATION_CONFIG_SCHEMAS[input.scheme].parse(input.schemeConfig) as Prisma.InputJsonValue,
          forwardUrl: input.forwardUrl ?? null,
          maxAttempts: input.maxAttempts,
          maxBodyBytes: input.maxBodyBytes,
        },
      });
      const row = input.secret
        ? await tx.webhookSource.update({ where: { id: created.id }, data: { secretCiphertext: keys.encrypt(input.secret, aad(created.id)) } })
        : created;
      await audit(tx, actorOf(actor), {
        action: "webhook.source",
        summary: `Created webhook source ${row.name} (/api/webhooks/in/${row.slug})`,
        targetType: "webhook_source",
        targetId: row.id,
        ip: actor.ip,
      });
      return toSourceView(row);
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw ApiError.conflict("A source with that slug exists", { fields: { slug: ["A source with that slug exists"] } });
    }
    throw err;
  }
}

/** Sets a new signing secret; the current one keeps being accepted for the overlap window. */
export async function rotateSourceSecret(db: Db, id: string, secret: string, actor: Actor, now = Date.now(), keys: Keyring = keyring()): Promise<SourceView> {
  const current = await db.webhookSource.findUnique({ where: { id } });
  if (!current) throw ApiError.notFound("webhook source");
  const row = await db.webhookSource.update({
    where: { id },
    data: {
      secretCiphertext: keys.encrypt(z.string().min(1).max(4_096).parse(secret), aad(id)),
      previousSecretCiphertext: current.secretCiphertext,
      previousSecretExpiresAt: current.secretCiphertext ? new Date(now + ROTATION_OVERLAP_MS) : null,
    },
  });
  forgetSource(row.slug);
  await audit(db, actorOf(actor), {
    action: "secret.set",
    summary: `Rotated the signing secret of webhook source ${row.name}`,
    targetType: "webhook_source",
    targetId: row.id,
    ip: actor.ip,
  });
  return toSourceView(row);
}

export const sourcePatchSchema = sourceInputSchema
  .pick({ name: true, integrationId: true, scheme: true, schemeConfig: true, forwardUrl: true, maxAttempts: true, maxBodyBytes: true })
  .extend({
    maxAttempts: sourceInputSchema.shape.maxAttempts.removeDefault(),
    maxBodyBytes: sourceInputSchema.shape.maxBodyBytes.removeDefault(),
    schemeConfig: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
  })
  .partial()
  .strict();

/** Edits a source; the slug and secret stay (rotate changes a secret). The receiver sees the change at once. */
export async function updateSource(db: Db, id: string, raw: unknown, actor: Actor): Promise<SourceView> {
  const input = sourcePatchSchema.parse(raw);
  const current = await db.webhookSource.findUnique({ where: { id } });
  if (!current) throw ApiError.notFound("webhook source");
  const scheme = input.scheme ?? (current.scheme as (typeof VERIFICATION_KINDS)[number]);
  // A new scheme starts from its own defaults unless settings come with it.
  const rawConfig = input.schemeConfig ?? (input.scheme && input.scheme !== current.scheme ? {} : current.schemeConfig);
  const config = VERIFICATION_CONFIG_SCHEMAS[scheme].safeParse(rawConfig);
  if (!config.success) {
    throw ApiError.invalidFields(Object.fromEntries(config.error.issues.map((i) => [["schemeConfig", ...i.path.map(String)].join("."), [i.message]])));
  }
  if (VERIFICATION_SCHEMES[scheme].secret && !current.secretCiphertext) {
    throw ApiError.invalidFields({ scheme: ["This scheme needs a signing secret: set one with Rotate secret first"] });
  }
  const row = await db.webhookSource.update({
    where: { id },
    data: {
      name: input.name,
      integrationId: input.integrationId,
      scheme,
      schemeConfig: config.data as Prisma.InputJsonValue,
      forwardUrl: input.forwardUrl,
      maxAttempts: input.maxAttempts,
      maxBodyBytes: input.maxBodyBytes,
      enabled: input.enabled,
    },
  });
  forgetSource(row.slug);
  const changed = Object.keys(input).join(", ") || "nothing";
  await audit(db, actorOf(actor), {
    action: "webhook.source",
    summary: `Edited webhook source ${row.name} (${changed})`,
    targetType: "webhook_source",
    targetId: row.id,
    ip: actor.ip,
  });
  return toSourceView(row);
}

/** Deletes a source and, with it, every event it received and their delivery records. Returns how many events. */
export async function deleteSource(db: Db, id: string, actor: Actor): Promise<{ deletedEvents: number }> {
  const { row, deletedEvents } = await db.$transaction(async (tx) => {
    const deletedEvents = await tx.webhookEvent.count({ where: { sourceId: id } });
    const row = await tx.webhookSource.delete({ where: { id } }).catch((err: unknown) => {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") throw ApiError.notFound("webhook source");
      throw err;
    });
    await audit(tx, actorOf(actor), {
      action: "webhook.source",
      summary: `Deleted webhook source ${row.name} (/api/webhooks/in/${row.slug}) and its ${deletedEvents} event(s)`,
      targetType: "webhook_source",
      targetId: row.id,
      ip: actor.ip,
    });
    return { row, deletedEvents };
  });
  forgetSource(row.slug);
  return { deletedEvents };
}

// Decrypting on every webhook is wasted work on the hot path. Keyed by the ciphertext itself, an entry goes
// stale by construction when the secret is rotated (new ciphertext); bounded so it cannot grow without limit.
const decrypted = new Map<string, string>();
const MAX_CACHED = 1_000;

function decryptCached(ciphertext: string, sourceId: string, keys: Keyring): string {
  const key = `${keys.currentId}:${sourceId}:${ciphertext}`;
  let value = decrypted.get(key);
  if (value === undefined) {
    value = keys.decrypt(ciphertext, aad(sourceId)).reveal();
    if (decrypted.size >= MAX_CACHED) decrypted.clear();
    decrypted.set(key, value);
  }
  return value;
}

/** The secrets to try, current first, for one verification. */
export function sourceSecrets(source: Row, now: number, keys: Keyring = keyring()): string[] {
  const out: string[] = [];
  if (source.secretCiphertext) out.push(decryptCached(source.secretCiphertext, source.id, keys));
  if (source.previousSecretCiphertext && source.previousSecretExpiresAt && source.previousSecretExpiresAt.getTime() > now) {
    out.push(decryptCached(source.previousSecretCiphertext, source.id, keys));
  }
  return out;
}

export async function listSources(db: Db): Promise<SourceView[]> {
  return (await db.webhookSource.findMany({ orderBy: { name: "asc" } })).map(toSourceView);
}

/**
 * Re-encrypts every source's signing secret (and a rotated-out one still in its overlap) under the current key, as
 * `npm run secrets:rotate` does for integration and channel secrets; returns how many changed. A row changed
 * meanwhile is left alone: its writer already used the current key.
 */
export async function reencryptSourceSecrets(db: Db, keys: Keyring = keyring()): Promise<number> {
  const rows = await db.webhookSource.findMany({
    where: { OR: [{ secretCiphertext: { not: null } }, { previousSecretCiphertext: { not: null } }] },
    select: { id: true, slug: true, secretCiphertext: true, previousSecretCiphertext: true },
  });
  let changed = 0;
  for (const column of ["secretCiphertext", "previousSecretCiphertext"] as const) {
    const records = rows.filter((r) => r[column]).map((r) => ({ id: r.id, slug: r.slug, ciphertext: r[column]!, aad: aad(r.id), old: r[column]! }));
    for (const r of rotateAll(records, keys)) {
      const { count } = await db.webhookSource.updateMany({ where: { id: r.id, [column]: r.old }, data: { [column]: r.ciphertext } });
      if (count) forgetSource(r.slug);
      changed += count;
    }
  }
  return changed;
}
