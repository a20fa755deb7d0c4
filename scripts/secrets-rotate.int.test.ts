// `npm run secrets:rotate` as an operator runs it: with the new key in TETHER_ENCRYPTION_KEY and the old one in
// TETHER_ENCRYPTION_KEY_PREVIOUS, every kind of stored secret (here: a status subscriber's link tokens and webhook
// secret, which the script once left under the old key) is readable with the new key alone afterwards.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../lib/testing/postgres";
import { Keyring } from "../lib/secrets/crypto";
import { openTokens, openWebhookSecret, sealTokens, sealWebhookSecret } from "../lib/status-pages/subscriptions/tokens";

const run = promisify(execFile);
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});

afterAll(async () => {
  await t?.close();
});

describe("npm run secrets:rotate", () => {
  it("re-encrypts status subscribers' tokens and webhook secrets under the new key", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const page = await t.db.statusPage.create({ data: { slug: "rotate", title: "Rotate" } });
    const sub = await t.db.statusSubscriber.create({
      data: { pageId: page.id, channel: "webhook", address: "https://hooks.example/x", tokenCiphertext: "", unsubscribeTokenHash: "h-rotate" },
    });
    const tokens = { confirm: "c-token", unsubscribe: "u-token" };
    await t.db.statusSubscriber.update({
      where: { id: sub.id },
      data: {
        tokenCiphertext: sealTokens(sub.id, tokens, new Keyring(oldKey)),
        secretCiphertext: sealWebhookSecret(sub.id, "whsec_rotated", new Keyring(oldKey)),
      },
    });

    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/secrets-rotate.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        TETHER_ENCRYPTION_KEY: newKey.toString("hex"),
        TETHER_ENCRYPTION_KEY_PREVIOUS: oldKey.toString("hex"),
      },
    });
    expect(stdout).toContain("re-encrypted 2 secret(s)");
    const row = await t.db.statusSubscriber.findUniqueOrThrow({ where: { id: sub.id } });
    expect(openTokens(sub.id, row.tokenCiphertext, new Keyring(newKey))).toEqual(tokens);
    expect(openWebhookSecret(sub.id, row.secretCiphertext!, new Keyring(newKey))).toBe("whsec_rotated");
  }, 60_000);
});
