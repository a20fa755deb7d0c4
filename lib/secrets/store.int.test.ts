// Secret storage against a real database: write-only values bound to their row, and rotation to a new key.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { Keyring } from "./crypto";
import { listSecrets, loadSecrets, rotateSecrets, setSecret } from "./store";

let t: TestDb;
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

async function integration(name: string) {
  return t.db.integration.create({ data: { name, kind: "http", config: { url: "https://example.com" }, intervalSeconds: 60, timeoutMs: 1000 } });
}

describe("secret store", () => {
  it("lists names only, decrypts for the probe, and refuses a ciphertext moved to another integration", async () => {
    const keys = new Keyring(oldKey);
    const a = await integration("A");
    const b = await integration("B");
    await setSecret(t.db, a.id, "API_KEY", { value: "alpha-secret" }, { principal: null }, keys);
    expect(await listSecrets(t.db, a.id)).toEqual([{ name: "API_KEY", updatedAt: expect.any(String), keyId: keys.currentId }]);
    expect((await loadSecrets(t.db, a.id, keys)).get("API_KEY")?.reveal()).toBe("alpha-secret");

    // Copying the row's ciphertext to another integration does not make it readable there.
    const row = await t.db.integrationSecret.findFirstOrThrow({ where: { integrationId: a.id } });
    await t.db.integrationSecret.create({ data: { integrationId: b.id, name: "API_KEY", ciphertext: row.ciphertext, keyId: row.keyId } });
    await expect(loadSecrets(t.db, b.id, keys)).rejects.toMatchObject({ code: "decrypt_failed" });
    await t.db.integrationSecret.deleteMany({ where: { integrationId: b.id } });
  });

  it("rotation re-encrypts every secret under the new key; the old key is then no longer needed", async () => {
    const before = new Keyring(oldKey);
    const c = await integration("C");
    for (const name of ["ONE", "TWO", "THREE"]) await setSecret(t.db, c.id, name, { value: `value-${name}` }, { principal: null }, before);

    const during = new Keyring(newKey, [oldKey]);
    const changed = await rotateSecrets(t.db, { principal: null }, during, 2);
    expect(changed).toBe(4); // three here and the one from the previous test
    expect(await rotateSecrets(t.db, { principal: null }, during)).toBe(0);
    const rows = await t.db.integrationSecret.findMany();
    expect(new Set(rows.map((r) => r.keyId))).toEqual(new Set([during.currentId]));

    const after = new Keyring(newKey);
    const loaded = await loadSecrets(t.db, c.id, after);
    expect([...loaded].map(([k, v]) => `${k}=${v.reveal()}`).sort()).toEqual(["ONE=value-ONE", "THREE=value-THREE", "TWO=value-TWO"]);
    await expect(loadSecrets(t.db, c.id, new Keyring(oldKey))).rejects.toMatchObject({ code: "unknown_key" });
    expect(await t.db.auditEvent.count({ where: { action: "secrets.rotate" } })).toBe(2);
  });
});
