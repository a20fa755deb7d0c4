// Integration secrets in the database: encrypted on write (AAD binds each to its integration and name), never
// returned by any API, decrypted only by the probe executor. Header, URL and body values reference them as
// {{secret.NAME}}; the executor substitutes them into the outgoing request and scrubs them from results.
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { Keyring, loadKeyring, parseSealed, rotateAll, type SecretValue } from "./index";

export const secretNameSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "Use capitals, digits and underscores, starting with a letter (e.g. API_KEY)");
export const secretValueSchema = z.object({ value: z.string().min(1, "Enter the secret's value").max(8_192, "At most 8 KiB") });

export interface SecretSummary {
  name: string;
  updatedAt: string;
  keyId: string;
}

const globalForKeys = globalThis as unknown as { tetherKeyring?: Keyring };

/** The process-wide keyring: TETHER_ENCRYPTION_KEY, or the key generated into the data dir. */
export function keyring(): Keyring {
  globalForKeys.tetherKeyring ??= loadKeyring({ dataDir: process.env.TETHER_DATA_DIR || ".data" }).keyring;
  return globalForKeys.tetherKeyring;
}

const aad = (integrationId: string, name: string) => `${integrationId}:${name}`;

/** A secret's stored form for one integration, for writers that create the row in a transaction of their own (the MCP import). */
export function sealSecret(integrationId: string, name: string, value: string, keys = keyring()): { ciphertext: string; keyId: string } {
  const ciphertext = keys.encrypt(value, aad(integrationId, secretNameSchema.parse(name)));
  return { ciphertext, keyId: parseSealed(ciphertext).keyId };
}

export async function listSecrets(db: Db, integrationId: string): Promise<SecretSummary[]> {
  const rows = await db.integrationSecret.findMany({
    where: { integrationId },
    orderBy: { name: "asc" },
    select: { name: true, updatedAt: true, keyId: true },
  });
  return rows.map((r) => ({ name: r.name, updatedAt: r.updatedAt.toISOString(), keyId: r.keyId }));
}

export async function setSecret(db: Db, integrationId: string, rawName: string, body: unknown, actor: Actor, keys = keyring()): Promise<SecretSummary> {
  const name = secretNameSchema.parse(rawName);
  const { value } = secretValueSchema.parse(body);
  const ciphertext = keys.encrypt(value, aad(integrationId, name));
  const keyId = parseSealed(ciphertext).keyId;
  return db.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id: integrationId }, select: { name: true } });
    if (!integration) throw ApiError.notFound("integration");
    const row = await tx.integrationSecret.upsert({
      where: { integrationId_name: { integrationId, name } },
      create: { integrationId, name, ciphertext, keyId },
      update: { ciphertext, keyId },
    });
    await audit(tx, actorOf(actor), {
      action: "secret.set",
      summary: `Set secret ${name} on ${integration.name}`,
      targetType: "integration",
      targetId: integrationId,
      ip: actor.ip,
    });
    return { name: row.name, updatedAt: row.updatedAt.toISOString(), keyId: row.keyId };
  });
}

export async function deleteSecret(db: Db, integrationId: string, rawName: string, actor: Actor): Promise<void> {
  const name = secretNameSchema.parse(rawName);
  await db.$transaction(async (tx) => {
    const { count } = await tx.integrationSecret.deleteMany({ where: { integrationId, name } });
    if (count === 0) throw new ApiError("not_found", `No secret ${name} on this integration`);
    await audit(tx, actorOf(actor), {
      action: "secret.delete",
      summary: `Deleted secret ${name}`,
      targetType: "integration",
      targetId: integrationId,
      ip: actor.ip,
    });
  });
}

/** Decrypts an integration's secrets for one probe run. */
export async function loadSecrets(db: Db, integrationId: string, keys = keyring()): Promise<Map<string, SecretValue>> {
  const rows = await db.integrationSecret.findMany({ where: { integrationId }, select: { name: true, ciphertext: true } });
  return new Map(rows.map((r) => [r.name, keys.decrypt(r.ciphertext, aad(integrationId, r.name))]));
}

/** Re-encrypts every secret under the current key, in batches; returns how many changed. */
export async function rotateSecrets(db: Db, actor: Actor, keys = keyring(), batchSize = 200): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.integrationSecret.findMany({ take: batchSize, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}), orderBy: { id: "asc" } });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]!.id;
    const records = rows.map((r) => ({ id: r.id, ciphertext: r.ciphertext, aad: aad(r.integrationId, r.name), old: r.ciphertext }));
    for (const r of rotateAll(records, keys)) {
      // Only if nobody changed it meanwhile: a concurrent write already used the current key.
      const { count } = await db.integrationSecret.updateMany({
        where: { id: r.id, ciphertext: r.old },
        data: { ciphertext: r.ciphertext, keyId: parseSealed(r.ciphertext).keyId },
      });
      changed += count;
    }
  }
  await audit(db, actorOf(actor), {
    action: "secrets.rotate",
    summary: `Re-encrypted ${changed} secret(s) under key ${keys.currentId}`,
  });
  return changed;
}
