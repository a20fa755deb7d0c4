// The last active admin is kept on the Users page (SSO sign-in's side is in lib/auth/oidc/oidc-sign-in.int.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../auth/principal";
import { createTestDb, type TestDb } from "../testing/postgres";
import { isLastActiveAdmin } from "./admins";
import { updateUser } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("the last active admin", () => {
  it("cannot be demoted or disabled until another admin exists", async () => {
    const only = await t.db.user.create({ data: { email: "only-admin@example.com", role: "admin" } });
    const actor: Principal = { kind: "user", userId: only.id, email: only.email, role: "admin", label: only.email };
    expect(await isLastActiveAdmin(t.db, only.id)).toBe(true);
    await expect(updateUser(t.db, actor, only.id, { role: "editor" })).rejects.toThrow("This is the last active admin; make someone else admin first");
    await expect(updateUser(t.db, actor, only.id, { disabled: true })).rejects.toThrow("last active admin");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: only.id } })).role).toBe("admin");

    // A disabled admin does not count; an enabled one does.
    const other = await t.db.user.create({ data: { email: "second-admin@example.com", role: "admin", disabledAt: new Date() } });
    expect(await isLastActiveAdmin(t.db, only.id)).toBe(true);
    await t.db.user.update({ where: { id: other.id }, data: { disabledAt: null } });
    expect(await isLastActiveAdmin(t.db, only.id)).toBe(false);
    await updateUser(t.db, actor, only.id, { role: "editor" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: only.id } })).role).toBe("editor");
  });
});
