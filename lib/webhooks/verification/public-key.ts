// Schemes the provider signs with its private key (SendGrid's ECDSA P-256, Discord's Ed25519): the source stores
// the provider's public key in place of a shared secret (encrypted and rotated like one, though nothing about it
// is secret). Parsing a key costs more than checking a signature, so parsed keys are kept, bounded.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

const parsed = new Map<string, KeyObject | null>();
const MAX_CACHED = 1_000;

/** Each secret's key as `read` makes it ([] when it cannot be read), in the caller's order. */
export function publicKeys(kind: string, secrets: readonly string[], read: (text: string) => KeyObject): KeyObject[][] {
  return secrets.map((secret) => {
    if (secret.trim() === "") return [];
    const cacheKey = `${kind}:${secret}`;
    let key = parsed.get(cacheKey);
    if (key === undefined) {
      try {
        key = read(secret.trim());
      } catch {
        key = null;
      }
      if (parsed.size >= MAX_CACHED) parsed.clear();
      parsed.set(cacheKey, key);
    }
    return key ? [key] : [];
  });
}

/** A DER SubjectPublicKeyInfo, as PEM or as its bare base64 (how SendGrid shows it). */
export function spkiKey(text: string): KeyObject {
  if (text.includes("-----BEGIN")) return createPublicKey(text);
  return createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
}

/** Index of the first key under which `signature` verifies `content`, or -1. A signature the key type cannot read is no match. */
export function matchingKeyIndex(keysPerSecret: readonly (readonly KeyObject[])[], digest: string | null, content: Buffer, signature: Buffer): number {
  return keysPerSecret.findIndex((keys) =>
    keys.some((key) => {
      try {
        return verify(digest, content, key, signature);
      } catch {
        return false;
      }
    }),
  );
}
