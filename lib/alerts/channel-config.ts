// A channel's stored config: the non-secret fields as JSON, the secret ones as one encrypted JSON object bound to
// the channel by AAD (the keyring of lib/secrets, as integration and webhook-source secrets are). Only the
// delivery queue and "send test" ever put the two back together.
import type { Db } from "../db/client";
import { rotateAll, type Keyring } from "../secrets/crypto";
import { keyring } from "../secrets/store";
import { CHANNEL_INFO, type ChannelKind } from "./channels/kinds";

const aad = (channelId: string) => `notification-channel:${channelId}`;

export function isChannelKind(kind: string): kind is ChannelKind {
  return Object.hasOwn(CHANNEL_INFO, kind);
}

/** A parsed config split into what may be shown and what is sealed. Empty secret fields are left out. */
export function splitConfig(kind: ChannelKind, config: Record<string, unknown>): { plain: Record<string, unknown>; secrets: Record<string, string> } {
  const secretFields = new Set<string>(CHANNEL_INFO[kind].secretFields);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!secretFields.has(key)) plain[key] = value;
    else if (typeof value === "string" && value !== "") secrets[key] = value;
  }
  return { plain, secrets };
}

export function sealSecrets(channelId: string, secrets: Record<string, string>, keys: Keyring = keyring()): string | null {
  return Object.keys(secrets).length === 0 ? null : keys.encrypt(JSON.stringify(secrets), aad(channelId));
}

export function openSecrets(channelId: string, ciphertext: string | null, keys: Keyring = keyring()): Record<string, string> {
  return ciphertext ? (JSON.parse(keys.decrypt(ciphertext, aad(channelId)).reveal()) as Record<string, string>) : {};
}

/** The full config a sender needs, validated again, and the secret values to scrub from whatever it records. */
export function channelConfig(
  row: { id: string; kind: string; config: unknown; secretCiphertext: string | null },
  keys: Keyring = keyring(),
): { kind: ChannelKind; config: unknown; secrets: string[] } {
  if (!isChannelKind(row.kind)) throw new Error(`Unknown channel kind ${JSON.stringify(row.kind)}`);
  const secrets = openSecrets(row.id, row.secretCiphertext, keys);
  const config = CHANNEL_INFO[row.kind].configSchema.parse({ ...(row.config as Record<string, unknown>), ...secrets });
  return { kind: row.kind, config, secrets: Object.values(secrets) };
}

/**
 * Re-encrypts every channel's secrets under the current key (after TETHER_ENCRYPTION_KEY changes); returns how
 * many changed. Each update is guarded by the old ciphertext, so a concurrent edit, already under the current key, wins.
 */
export async function rotateChannelSecrets(db: Pick<Db, "notificationChannel">, keys: Keyring = keyring()): Promise<number> {
  const rows = await db.notificationChannel.findMany({ where: { secretCiphertext: { not: null } }, select: { id: true, secretCiphertext: true } });
  const records = rows.map((r) => ({ id: r.id, ciphertext: r.secretCiphertext!, aad: aad(r.id), old: r.secretCiphertext! }));
  let changed = 0;
  for (const r of rotateAll(records, keys)) {
    const { count } = await db.notificationChannel.updateMany({ where: { id: r.id, secretCiphertext: r.old }, data: { secretCiphertext: r.ciphertext } });
    changed += count;
  }
  return changed;
}
