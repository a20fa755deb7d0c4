// Envelope for integration secrets at rest: AES-256-GCM from node:crypto, one string per secret, decryptable
// by any key in the keyring but always written with the current one, so rotation is "add key, re-encrypt rows".
//
// Stored format (one text column):  v1.<keyId>.<iv>.<tag>.<ciphertext>
//   v1          format version; anything else is rejected.
//   keyId       first 16 hex chars (lowercase) of SHA-256 of the raw 32-byte key. Identifies, does not reveal.
//   iv          12 random bytes, base64url without padding (16 chars). Fresh per encryption: a random 96-bit IV
//               stays within GCM's collision bound for far more than the ~2^32 writes one key will ever see.
//   tag         16-byte GCM auth tag, base64url (22 chars). Exactly 16 bytes are demanded: Node would otherwise
//               accept a truncated tag, which weakens the forgery bound.
//   ciphertext  base64url of the UTF-8 plaintext's ciphertext (empty for an empty secret).
// The authenticated data is "v1.<keyId>" + "\n" + the caller's AAD (an absent AAD is the same as ""), so the
// header cannot be edited and a ciphertext moved to another owner (a different AAD) fails to decrypt.
import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { SecretValue, redact } from "./secret-value";

export const FORMAT_VERSION = "v1";
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

export type SecretsErrorCode =
  /** A key is not 32 bytes, or its text encoding is neither hex nor base64. */
  | "invalid_key"
  /** A stored string is not in the v1 format. */
  | "malformed"
  /** The stored string names a key id the keyring does not hold. */
  | "unknown_key"
  /** Authentication failed: wrong key, wrong AAD, or tampered iv/tag/ciphertext. */
  | "decrypt_failed";

export class SecretsError extends Error {
  constructor(
    readonly code: SecretsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SecretsError";
  }
}

/** The public identifier of a key: first 16 hex chars of its SHA-256. Safe to log and store. */
export function keyIdOf(key: Uint8Array): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export interface SealedParts {
  version: typeof FORMAT_VERSION;
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function malformed(detail: string): SecretsError {
  return new SecretsError("malformed", `Encrypted secret is malformed: ${detail} (expected ${FORMAT_VERSION}.<keyId>.<iv>.<tag>.<ciphertext>)`);
}

/** Strict base64url: only the URL alphabet, no padding, and canonical (Buffer.from alone skips junk characters). */
function decodeB64url(text: string, part: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw malformed(`${part} is not base64url`);
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text) throw malformed(`${part} is not canonical base64url`);
  return bytes;
}

/** Splits and validates a stored string without decrypting it. Throws SecretsError("malformed"). */
export function parseSealed(sealed: string): SealedParts {
  if (typeof sealed !== "string") throw malformed(`expected a string, got ${typeof sealed}`);
  const parts = sealed.split(".");
  if (parts.length !== 5) throw malformed(`expected 5 dot-separated parts, got ${parts.length}`);
  const [version, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  if (version !== FORMAT_VERSION) throw malformed(`unsupported version ${JSON.stringify(version.slice(0, 8))}`);
  if (!/^[0-9a-f]{16}$/.test(keyId)) throw malformed("key id must be 16 lowercase hex characters");
  const ivBytes = decodeB64url(iv, "iv");
  if (ivBytes.length !== IV_BYTES) throw malformed(`iv must be ${IV_BYTES} bytes, got ${ivBytes.length}`);
  const tagBytes = decodeB64url(tag, "tag");
  if (tagBytes.length !== TAG_BYTES) throw malformed(`tag must be ${TAG_BYTES} bytes, got ${tagBytes.length}`);
  return { version: FORMAT_VERSION, keyId, iv: ivBytes, tag: tagBytes, ciphertext: decodeB64url(ciphertext, "ciphertext") };
}

function authenticatedData(keyId: string, aad: string | null | undefined): Buffer {
  return Buffer.from(`${FORMAT_VERSION}.${keyId}\n${aad ?? ""}`, "utf8");
}

/** A stored secret plus the AAD it was bound to; extra fields (the row id) ride along untouched. */
export interface SealedRecord {
  ciphertext: string;
  aad?: string | null;
}

export class Keyring {
  /** Id of the key every encryption uses. */
  readonly currentId: string;
  // KeyObjects, not Buffers: they print as `SecretKeyObject { type: 'secret' }`, never as bytes.
  readonly #keys = new Map<string, KeyObject>();

  /** `previous` keys only decrypt; duplicates (including of the current key) are ignored. */
  constructor(current: Uint8Array, previous: readonly Uint8Array[] = []) {
    this.currentId = this.#add(current, "current key");
    previous.forEach((key, i) => this.#add(key, `previous key ${i + 1}`));
  }

  #add(key: Uint8Array, label: string): string {
    if (key.length !== KEY_BYTES) throw new SecretsError("invalid_key", `The ${label} must be ${KEY_BYTES} bytes, got ${key.length}`);
    const id = keyIdOf(key);
    if (!this.#keys.has(id)) this.#keys.set(id, createSecretKey(Buffer.from(key)));
    return id;
  }

  /** Every key id held, current first. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  /** `aad` names the owner (e.g. `${integrationId}:${secretName}`); decrypt must be given the same value. */
  encrypt(plaintext: string | SecretValue, aad?: string | null): string {
    const key = this.#keys.get(this.currentId) as KeyObject;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(authenticatedData(this.currentId, aad));
    const text = plaintext instanceof SecretValue ? plaintext.reveal() : plaintext;
    const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT_VERSION, this.currentId, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
  }

  decrypt(sealed: string, aad?: string | null): SecretValue {
    const parts = parseSealed(sealed);
    const key = this.#keys.get(parts.keyId);
    if (!key) {
      throw new SecretsError(
        "unknown_key",
        `Encrypted secret was made with key ${parts.keyId}, which is not in the keyring (have ${this.ids.join(", ")}). ` +
          "If that key was rotated out, add it to TETHER_ENCRYPTION_KEY_PREVIOUS.",
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(authenticatedData(parts.keyId, aad));
    decipher.setAuthTag(parts.tag);
    try {
      const plaintext = Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
      return redact(plaintext.toString("utf8"));
    } catch (cause) {
      throw new SecretsError(
        "decrypt_failed",
        `Encrypted secret failed authentication with key ${parts.keyId}: the AAD differs from the one it was written with, or the data was altered`,
        { cause },
      );
    }
  }

  /** True when `sealed` was written with the current key (the string is still validated). */
  isCurrent(sealed: string): boolean {
    return parseSealed(sealed).keyId === this.currentId;
  }

  /** The record under the current key; the same object back when it already is. */
  reencrypt<R extends SealedRecord>(record: R): R {
    if (this.isCurrent(record.ciphertext)) return record;
    return { ...record, ciphertext: this.encrypt(this.decrypt(record.ciphertext, record.aad), record.aad) };
  }

  // Keys never print, even when a keyring ends up in a log line or a config dump.
  toJSON(): { currentId: string; ids: string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Keyring { current: ${this.currentId}, ids: [${this.ids.join(", ")}] }`;
  }
}

/**
 * Re-encrypts every record not under the current key and returns only those, for the caller to persist
 * (in batches, each update guarded by the old ciphertext so a concurrent write wins). Fails on the first
 * record that cannot be decrypted, naming its position, since skipping it would leave it unreadable later.
 */
export function rotateAll<R extends SealedRecord>(records: Iterable<R>, keyring: Keyring): R[] {
  const changed: R[] = [];
  let index = 0;
  for (const record of records) {
    try {
      const next = keyring.reencrypt(record);
      if (next !== record) changed.push(next);
    } catch (err) {
      if (err instanceof SecretsError) throw new SecretsError(err.code, `Record ${index}: ${err.message}`, { cause: err });
      throw err;
    }
    index++;
  }
  return changed;
}
