// The switch that turns password sign-in off, refused while it would lock every admin out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAuthConfig } from "../config/auth";
import { createTestDb, type TestDb } from "../testing/postgres";
import { passwordLoginRefusal } from "./password-login";

let t: TestDb;
const sso = readAuthConfig({ OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "tether", OIDC_CLIENT_SECRET: "s", TETHER_PASSWORD_LOGIN: "false" });

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("password sign-in switched off", () => {
  it("is fine while password sign-in is on", async () => {
    expect(await passwordLoginRefusal(t.db, readAuthConfig({}), false)).toBeNull();
  });

  it("is refused without any SSO provider", async () => {
    expect(await passwordLoginRefusal(t.db, readAuthConfig({ TETHER_PASSWORD_LOGIN: "false" }), false)).toMatch(/no single sign-on is configured/);
  });

  it("is refused until an enabled admin has signed in through a configured provider", async () => {
    await t.db.user.create({ data: { email: "pw-admin@example.com", role: "admin", passwordHash: "x" } });
    const editor = await t.db.user.create({ data: { email: "sso-editor@example.com", role: "editor" } });
    await t.db.userIdentity.create({ data: { userId: editor.id, provider: "oidc", subject: "editor" } });
    expect(await passwordLoginRefusal(t.db, sso, false)).toMatch(/no enabled admin has signed in through single sign-on yet/);

    // An admin who signed in through a provider no longer configured does not count.
    const gone = await t.db.user.create({ data: { email: "old-sso-admin@example.com", role: "admin" } });
    await t.db.userIdentity.create({ data: { userId: gone.id, provider: "oidc-retired", subject: "old" } });
    expect(await passwordLoginRefusal(t.db, sso, false)).not.toBeNull();

    await t.db.user.update({ where: { id: editor.id }, data: { role: "admin", disabledAt: new Date() } });
    expect(await passwordLoginRefusal(t.db, sso, false)).not.toBeNull();
    await t.db.user.update({ where: { id: editor.id }, data: { disabledAt: null } });
    expect(await passwordLoginRefusal(t.db, sso, false)).toBeNull();
  });
});
