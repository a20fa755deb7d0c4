// Editing, disabling and deleting webhook sources, seen through the receiver itself: an edit takes effect on the
// very next delivery (the receiver's source cache is told), a disabled source answers 410, a deleted one 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { ApiError } from "../api/errors";
import { createTestDb, type TestDb } from "../testing/postgres";
import { Keyring } from "../secrets/crypto";
import { parseKey } from "../secrets/key-source";
import { createSource, deleteSource, reencryptSourceSecrets, rotateSourceSecret, sourceSecrets, updateSource } from "./sources";

let t: TestDb;
let POST: (req: Request, ctx: { params: Promise<{ source: string }> }) => Promise<Response>;
const actor = { principal: null };

const deliver = (slug: string, body = '{"type":"ping"}', headers: Record<string, string> = {}) =>
  POST(new Request(`http://tether.test/api/webhooks/in/${slug}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), {
    params: Promise.resolve({ source: slug }),
  });

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "x".repeat(40), TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  ({ POST } = await import("../../app/api/webhooks/in/[source]/route"));
});
afterAll(async () => {
  await t.close();
});

describe("webhook source edits", () => {
  it("applies an edit to the next delivery: body limit, name, relay target, scheme settings", async () => {
    const s = await createSource(t.db, { name: "Edits", slug: "edits", scheme: "none" }, actor);
    expect((await deliver("edits", JSON.stringify({ pad: "x".repeat(2_000) }))).status).toBe(202);
    const edited = await updateSource(
      t.db,
      s.id,
      { name: "Edited", maxBodyBytes: 1_024, forwardUrl: "https://relay.example.com/in", schemeConfig: { eventIdHeader: "x-delivery" } },
      actor,
    );
    expect(edited).toMatchObject({
      name: "Edited",
      maxBodyBytes: 1_024,
      forwardUrl: "https://relay.example.com/in",
      schemeConfig: { eventIdHeader: "x-delivery" },
    });
    expect((await deliver("edits", JSON.stringify({ pad: "x".repeat(2_000) }))).status).toBe(413);
    // The new scheme settings are in force too: the event id now comes from the header, so a repeat is a duplicate.
    expect((await deliver("edits", "{}", { "x-delivery": "d-1" })).status).toBe(202);
    expect((await deliver("edits", "{}", { "x-delivery": "d-1" })).status).toBe(200);
  });

  it("refuses settings that do not fit the scheme, per field, and a verifying scheme without a secret", async () => {
    const s = await createSource(t.db, { name: "Strict", slug: "strict", scheme: "hmac", secret: "s3cret", schemeConfig: { header: "x-sig" } }, actor);
    const bad = await updateSource(t.db, s.id, { schemeConfig: { header: "x-sig", algorithm: "md5" } }, actor).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).details).toEqual({ fields: { "schemeConfig.algorithm": [expect.stringMatching(/sha256/)] } });
    const none = await createSource(t.db, { name: "Open", slug: "open", scheme: "none" }, actor);
    const noSecret = await updateSource(t.db, none.id, { scheme: "github" }, actor).catch((e: unknown) => e);
    expect((noSecret as ApiError).details).toEqual({ fields: { scheme: [expect.stringMatching(/signing secret/)] } });
    await expect(updateSource(t.db, s.id, { slug: "renamed" }, actor)).rejects.toThrow();
  });

  it("a disabled source answers 410 and stores nothing; enabled again, it receives", async () => {
    const s = await createSource(t.db, { name: "Pause", slug: "pause", scheme: "none" }, actor);
    expect((await deliver("pause")).status).toBe(202);
    await updateSource(t.db, s.id, { enabled: false }, actor);
    const before = await t.db.webhookEvent.count({ where: { sourceId: s.id } });
    const res = await deliver("pause");
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ error: { code: "gone" } });
    expect(await t.db.webhookEvent.count({ where: { sourceId: s.id } })).toBe(before);
    await updateSource(t.db, s.id, { enabled: true }, actor);
    expect((await deliver("pause")).status).toBe(202);
  });

  it("deleting a source deletes its events and deliveries; its address then answers 404", async () => {
    const s = await createSource(t.db, { name: "Gone", slug: "gone", scheme: "none" }, actor);
    expect((await deliver("gone")).status).toBe(202);
    expect((await deliver("gone")).status).toBe(202);
    const [event] = await t.db.webhookEvent.findMany({ where: { sourceId: s.id } });
    await t.db.webhookDelivery.create({
      data: { eventId: event!.id, attempt: 1, startedAt: new Date(), durationMs: 1, url: "https://x.example", trigger: "retry" },
    });
    expect(await deleteSource(t.db, s.id, actor)).toEqual({ deletedEvents: 2 });
    expect(await t.db.webhookEvent.count({ where: { sourceId: s.id } })).toBe(0);
    expect(await t.db.webhookDelivery.count({ where: { eventId: event!.id } })).toBe(0);
    expect((await deliver("gone")).status).toBe(404);
    await expect(deleteSource(t.db, s.id, actor)).rejects.toMatchObject({ status: 404 });
    const audit = await t.db.auditEvent.findFirst({ where: { targetId: s.id }, orderBy: { id: "desc" } });
    expect(audit?.summary).toMatch(/Deleted webhook source Gone .* and its 2 event/);
  });

  it("key rotation re-encrypts source signing secrets, current and rotated-out, readable without the old key", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const processKey = parseKey(process.env.TETHER_ENCRYPTION_KEY!, "TETHER_ENCRYPTION_KEY");
    const s = await createSource(t.db, { name: "Rekeyed", slug: "rekeyed", scheme: "stripe", secret: "whsec_old" }, actor, new Keyring(oldKey));
    await rotateSourceSecret(t.db, s.id, "whsec_new", actor, Date.now(), new Keyring(oldKey));
    const during = new Keyring(newKey, [oldKey, processKey]);
    expect(await reencryptSourceSecrets(t.db, during)).toBeGreaterThanOrEqual(2);
    const row = await t.db.webhookSource.findUniqueOrThrow({ where: { id: s.id } });
    expect(sourceSecrets(row, Date.now(), new Keyring(newKey))).toEqual(["whsec_new", "whsec_old"]);
    expect(await reencryptSourceSecrets(t.db, during)).toBe(0);
  });
});
