import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyIdOf } from "./crypto";
import { KEY_FILE_NAME, loadKeyring, loadOrCreateKeyFile, parseKey, parseKeyList } from "./key-source";

const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 3));
const other = Buffer.alloc(32, 0x5c);
const ENV = "TETHER_ENCRYPTION_KEY";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tether-secrets-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("parseKey", () => {
  it.each([
    ["hex", key.toString("hex")],
    ["upper-case hex", key.toString("hex").toUpperCase()],
    ["base64", key.toString("base64")],
    ["unpadded base64", key.toString("base64").replace(/=+$/, "")],
    ["base64url", key.toString("base64url")],
    ["a value with a trailing newline", `${key.toString("base64")}\n`],
  ])("accepts %s", (_label, text) => {
    expect(parseKey(text, ENV).equals(key)).toBe(true);
  });

  it.each([
    ["an empty value", "   ", /TETHER_ENCRYPTION_KEY must be 32 bytes.*it is empty/],
    ["16 bytes of hex", Buffer.alloc(16, 1).toString("hex"), /TETHER_ENCRYPTION_KEY must be 32 bytes.*got 16 bytes of hex/],
    ["33 bytes of hex", Buffer.alloc(33, 1).toString("hex"), /got 33 bytes of hex/],
    ["16 bytes of base64", Buffer.alloc(16, 1).toString("base64"), /TETHER_ENCRYPTION_KEY must be 32 bytes.*got 16 bytes of base64/],
    ["48 bytes of base64", randomish(48).toString("base64"), /got 48 bytes of base64/],
    ["a passphrase", "correct horse battery staple", /TETHER_ENCRYPTION_KEY .*neither hex nor base64/],
    ["mixed base64 alphabets", `${key.toString("base64").slice(0, 40)}+-_/`, /neither hex nor base64/],
    ["misplaced padding", `${key.toString("base64").slice(0, 20)}=${key.toString("base64").slice(21)}`, /neither hex nor base64/],
  ])("rejects %s, naming the variable", (_label, text, message) => {
    expect(() => parseKey(text, ENV)).toThrow(message);
  });

  it("never echoes the key text in its error", () => {
    const text = randomish(31).toString("hex");
    expect(() => parseKey(text, ENV)).toThrow(ENV);
    try {
      parseKey(text, ENV);
    } catch (err) {
      expect((err as Error).message).not.toContain(text);
    }
  });

  it("parses comma-separated lists, skipping blanks and naming the bad entry", () => {
    const list = parseKeyList(` ${key.toString("hex")}, ${other.toString("base64")},`, "TETHER_ENCRYPTION_KEY_PREVIOUS");
    expect(list.map((k) => k.toString("hex"))).toEqual([key.toString("hex"), other.toString("hex")]);
    expect(() => parseKeyList(`${key.toString("hex")},nope`, "TETHER_ENCRYPTION_KEY_PREVIOUS")).toThrow(
      /TETHER_ENCRYPTION_KEY_PREVIOUS \(entry 2\) must be 32 bytes/,
    );
  });
});

describe("loadOrCreateKeyFile", () => {
  it("creates the key once with mode 0600 and reuses it", () => {
    const dir = join(tempDir(), "nested", "data");
    const first = loadOrCreateKeyFile(dir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dir, KEY_FILE_NAME));
    expect(first.key).toHaveLength(32);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, "utf8").trim()).toBe(first.key.toString("hex"));

    const second = loadOrCreateKeyFile(dir);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]); // no temp files left behind
  });

  it("reads a key file someone else wrote, in either encoding", () => {
    const dir = tempDir();
    writeFileSync(join(dir, KEY_FILE_NAME), other.toString("base64"));
    const loaded = loadOrCreateKeyFile(dir);
    expect(loaded).toMatchObject({ created: false });
    expect(loaded.key.equals(other)).toBe(true);
  });

  it("refuses a corrupt key file rather than overwriting it, naming the file", () => {
    const dir = tempDir();
    const path = join(dir, KEY_FILE_NAME);
    writeFileSync(path, "garbage");
    expect(() => loadOrCreateKeyFile(dir)).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} must be 32 bytes`));
    expect(readFileSync(path, "utf8")).toBe("garbage");
  });
});

describe("loadKeyring", () => {
  it("uses TETHER_ENCRYPTION_KEY when set and never touches the data dir", () => {
    const dir = tempDir();
    const loaded = loadKeyring({ dataDir: dir, env: { TETHER_ENCRYPTION_KEY: key.toString("base64") } });
    expect(loaded).toMatchObject({ source: "env", created: false });
    expect(loaded.keyring.currentId).toBe(keyIdOf(key));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("adds previous keys for decryption only", () => {
    const loaded = loadKeyring({
      dataDir: tempDir(),
      env: { TETHER_ENCRYPTION_KEY: key.toString("hex"), TETHER_ENCRYPTION_KEY_PREVIOUS: other.toString("hex") },
    });
    expect(loaded.keyring.ids).toEqual([keyIdOf(key), keyIdOf(other)]);
  });

  it("falls back to the data-dir key when the variable is unset or empty, creating it only once", () => {
    const dir = tempDir();
    const first = loadKeyring({ dataDir: dir, env: {} });
    expect(first).toMatchObject({ source: "file", created: true, path: join(dir, KEY_FILE_NAME) });
    const second = loadKeyring({ dataDir: dir, env: { TETHER_ENCRYPTION_KEY: "" } });
    expect(second).toMatchObject({ source: "file", created: false });
    expect(second.keyring.currentId).toBe(first.keyring.currentId);
    const sealed = first.keyring.encrypt("survives a restart", "i:s");
    expect(second.keyring.decrypt(sealed, "i:s").reveal()).toBe("survives a restart");
  });

  it("reports a bad variable by name", () => {
    expect(() => loadKeyring({ dataDir: tempDir(), env: { TETHER_ENCRYPTION_KEY: "short" } })).toThrow(/^TETHER_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => loadKeyring({ dataDir: tempDir(), env: { TETHER_ENCRYPTION_KEY: key.toString("hex"), TETHER_ENCRYPTION_KEY_PREVIOUS: "abcd" } })).toThrow(
      /^TETHER_ENCRYPTION_KEY_PREVIOUS \(entry 1\) must be 32 bytes.*got 2 bytes of hex/,
    );
  });
});

/** Deterministic non-uniform bytes, so failures reproduce. */
function randomish(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) % 256));
}
