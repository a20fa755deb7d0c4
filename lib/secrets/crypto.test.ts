import { createHash, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Keyring, SecretsError, keyIdOf, parseSealed, rotateAll } from "./crypto";
import { SecretValue } from "./secret-value";

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const keyC = Buffer.alloc(32, 0xc3);
const AAD = "int_123:apiKey";

/** Flips one bit of the decoded bytes in part `index` of a sealed string. */
function flipBit(sealed: string, index: number, byte = 0): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[byte]! ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof SecretsError ? err.code : `not a SecretsError: ${String(err)}`;
  }
  return undefined;
}

describe("Keyring encrypt/decrypt", () => {
  const ring = new Keyring(keyA);

  it("round-trips, returning a SecretValue", () => {
    for (const plain of ["sk_live_abc", "", "pässwörd 🔑", "x".repeat(10_000)]) {
      const decrypted = ring.decrypt(ring.encrypt(plain, AAD), AAD);
      expect(decrypted).toBeInstanceOf(SecretValue);
      expect(decrypted.reveal()).toBe(plain);
    }
    expect(ring.decrypt(ring.encrypt("no aad")).reveal()).toBe("no aad");
  });

  it("accepts a SecretValue as plaintext", () => {
    const secret = ring.decrypt(ring.encrypt("tok", AAD), AAD);
    expect(ring.decrypt(ring.encrypt(secret, AAD), AAD).reveal()).toBe("tok");
  });

  it("writes the documented format with a fresh IV each time", () => {
    const a = ring.encrypt("same", AAD);
    const b = ring.encrypt("same", AAD);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    const parts = parseSealed(a);
    expect(parts.keyId).toBe(ring.currentId);
    expect(parts.iv).toHaveLength(12);
    expect(parts.tag).toHaveLength(16);
    expect(parts.iv.equals(parseSealed(b).iv)).toBe(false);
  });

  it("derives the key id from SHA-256 of the key", () => {
    expect(keyIdOf(keyA)).toBe(createHash("sha256").update(keyA).digest("hex").slice(0, 16));
    expect(ring.currentId).toBe(keyIdOf(keyA));
  });

  it("fails with the wrong AAD, so a ciphertext copied to another row is useless", () => {
    const sealed = ring.encrypt("sk_live_abc", AAD);
    expect(codeOf(() => ring.decrypt(sealed, "int_999:apiKey"))).toBe("decrypt_failed");
    expect(codeOf(() => ring.decrypt(sealed))).toBe("decrypt_failed");
    expect(codeOf(() => ring.decrypt(ring.encrypt("x"), AAD))).toBe("decrypt_failed");
    expect(() => ring.decrypt(sealed, "other")).toThrow(/AAD differs|altered/);
  });

  it("fails when the iv, tag or ciphertext is tampered with", () => {
    const sealed = ring.encrypt("sk_live_abc", AAD);
    expect(codeOf(() => ring.decrypt(flipBit(sealed, 2), AAD))).toBe("decrypt_failed");
    expect(codeOf(() => ring.decrypt(flipBit(sealed, 3), AAD))).toBe("decrypt_failed");
    expect(codeOf(() => ring.decrypt(flipBit(sealed, 3, 15), AAD))).toBe("decrypt_failed");
    expect(codeOf(() => ring.decrypt(flipBit(sealed, 4), AAD))).toBe("decrypt_failed");
    const parts = sealed.split(".");
    expect(codeOf(() => ring.decrypt([...parts.slice(0, 4), parts[4]!.slice(0, -1)].join("."), AAD))).not.toBeUndefined();
  });

  it("fails when relabeled with another key's id", () => {
    const other = new Keyring(keyB);
    const sealed = ring.encrypt("x", AAD);
    // Relabel the ciphertext with keyB's id: the key changes and the authenticated header no longer matches.
    const relabeled = sealed.replace(ring.currentId, other.currentId);
    expect(codeOf(() => other.decrypt(relabeled, AAD))).toBe("decrypt_failed");
  });

  it("names the unknown key id and the keys it has", () => {
    const sealed = new Keyring(keyB).encrypt("x");
    expect(codeOf(() => ring.decrypt(sealed))).toBe("unknown_key");
    expect(() => ring.decrypt(sealed)).toThrow(new RegExp(`key ${keyIdOf(keyB)}.*not in the keyring.*${keyIdOf(keyA)}.*TETHER_ENCRYPTION_KEY_PREVIOUS`));
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(codeOf(() => new Keyring(Buffer.alloc(16)))).toBe("invalid_key");
    expect(() => new Keyring(keyA, [Buffer.alloc(31)])).toThrow(/previous key 1 must be 32 bytes, got 31/);
  });

  it("never prints key bytes", () => {
    const ring2 = new Keyring(keyA, [keyB]);
    for (const text of [inspect(ring2, { showHidden: true, depth: 10 }), JSON.stringify(ring2), String(ring2)]) {
      expect(text).not.toContain(keyA.toString("hex"));
      expect(text).not.toContain(keyA.toString("base64"));
    }
    expect(inspect(ring2)).toContain(ring2.currentId);
  });
});

describe("parseSealed", () => {
  const good = new Keyring(keyA).encrypt("x", AAD);
  const parts = good.split(".");
  const withPart = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join(".");

  it.each([
    ["", /5 dot-separated parts, got 1/],
    ["v1.abc", /got 2/],
    [`${good}.extra`, /got 6/],
    [withPart(0, "v2"), /unsupported version "v2"/],
    [withPart(1, "ABCDEF0123456789"), /key id must be 16 lowercase hex/],
    [withPart(1, "abc"), /key id/],
    [withPart(2, Buffer.alloc(9).toString("base64url")), /iv must be 12 bytes, got 9/],
    [withPart(2, `${parts[2]}==`), /iv is not base64url/],
    [withPart(2, parts[2]!.replace(/^./, "+")), /iv is not base64url/],
    [withPart(3, Buffer.alloc(12).toString("base64url")), /tag must be 16 bytes, got 12/],
    [withPart(4, "a"), /ciphertext is not canonical base64url/],
  ])("rejects %j", (input, message) => {
    expect(() => parseSealed(input)).toThrow(message);
    expect(codeOf(() => parseSealed(input))).toBe("malformed");
  });

  it("rejects non-strings with a clear error", () => {
    expect(() => parseSealed(null as unknown as string)).toThrow(/expected a string, got object/);
  });
});

describe("rotation", () => {
  const old = new Keyring(keyA);
  const rotated = new Keyring(keyB, [keyA]);

  it("lets previous keys decrypt while encrypting with the current one", () => {
    const sealed = old.encrypt("legacy", AAD);
    expect(rotated.decrypt(sealed, AAD).reveal()).toBe("legacy");
    expect(parseSealed(rotated.encrypt("new")).keyId).toBe(keyIdOf(keyB));
    expect(rotated.ids).toEqual([keyIdOf(keyB), keyIdOf(keyA)]);
  });

  it("reencrypt moves a record to the current key and keeps its other fields", () => {
    const record = { id: "sec_1", ciphertext: old.encrypt("legacy", AAD), aad: AAD };
    const next = rotated.reencrypt(record);
    expect(next).not.toBe(record);
    expect(next.id).toBe("sec_1");
    expect(rotated.isCurrent(next.ciphertext)).toBe(true);
    expect(rotated.decrypt(next.ciphertext, AAD).reveal()).toBe("legacy");
    expect(codeOf(() => new Keyring(keyB).decrypt(next.ciphertext, "other"))).toBe("decrypt_failed");
  });

  it("reencrypt is a no-op for a record already under the current key", () => {
    const record = { id: "sec_2", ciphertext: rotated.encrypt("fresh", AAD), aad: AAD };
    expect(rotated.reencrypt(record)).toBe(record);
  });

  it("rotateAll returns only the changed records, and a second pass returns none", () => {
    const records = [
      { id: 1, ciphertext: old.encrypt("one", "1:a"), aad: "1:a" },
      { id: 2, ciphertext: rotated.encrypt("two", "2:a"), aad: "2:a" },
      { id: 3, ciphertext: new Keyring(keyC).encrypt("three", null), aad: null },
    ];
    const ring = new Keyring(keyB, [keyA, keyC]);
    const changed = rotateAll(records, ring);
    expect(changed.map((r) => r.id)).toEqual([1, 3]);
    expect(changed.every((r) => ring.isCurrent(r.ciphertext))).toBe(true);
    expect(changed.map((r) => ring.decrypt(r.ciphertext, r.aad).reveal())).toEqual(["one", "three"]);
    // After the DB writes them back, nothing is left to rotate, and the old keys can be dropped.
    const persisted = records.map((r) => changed.find((c) => c.id === r.id) ?? r);
    expect(rotateAll(persisted, ring)).toEqual([]);
    expect(persisted.map((r) => new Keyring(keyB).decrypt(r.ciphertext, r.aad).reveal())).toEqual(["one", "two", "three"]);
  });

  it("rotateAll names the record it cannot decrypt", () => {
    const records = [
      { ciphertext: old.encrypt("ok", AAD), aad: AAD },
      { ciphertext: new Keyring(keyC).encrypt("orphan", AAD), aad: AAD },
    ];
    expect(() => rotateAll(records, rotated)).toThrow(/^Record 1: .*not in the keyring/);
    expect(codeOf(() => rotateAll(records, rotated))).toBe("unknown_key");
    expect(codeOf(() => rotateAll([{ ciphertext: old.encrypt("x", AAD), aad: "moved" }], rotated))).toBe("decrypt_failed");
  });

  it("uses a random key correctly end to end", () => {
    const ring = new Keyring(randomBytes(32));
    expect(ring.decrypt(ring.encrypt("r", AAD), AAD).reveal()).toBe("r");
  });
});
