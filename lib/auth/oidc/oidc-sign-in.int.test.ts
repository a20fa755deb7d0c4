// Sign-in through a real OpenID Provider (panva's oidc-provider) and next-auth's real handler, over HTTP, with a
// real database: the browser's hops (sign-in, the provider's page, the callback) are driven one by one, so a test
// can tamper with any of them. Every refusal must leave no session behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAuthConfig, type AuthConfig } from "../../config/auth";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { authOptions } from "../options";
import { resolvePrincipal } from "../principal";
import { TestBrowser } from "../testing/browser";
import { startNextAuthServer, type NextAuthServer } from "../testing/next-auth-server";
import { startTestOidcProvider, type TestOidcProvider } from "../testing/oidc-provider";

const SECRET = "oidc-sign-in-test-secret-0123456789abcdef";
let t: TestDb;
let app: NextAuthServer;
let idp: TestOidcProvider;
let config: AuthConfig;
const failures: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  // next-auth's logger is where it says why a callback failed: kept, so a refusal is checked for its reason.
  app = await startNextAuthServer((context) => ({
    ...authOptions(context, config),
    logger: {
      error: (code, meta) => failures.push(`${code}: ${(meta as { error?: Error }).error?.message ?? (meta as Error).message}`),
      warn: () => {},
      debug: () => {},
    },
  }));
  process.env.NEXTAUTH_URL = app.url;
  idp = await startTestOidcProvider({
    clients: [
      { client_id: "tether", client_secret: "tether-client-secret", redirect_uris: [`${app.url}/api/auth/callback/oidc`] },
      { client_id: "another-app", client_secret: "another-secret", redirect_uris: ["http://127.0.0.1:1/callback"] },
    ],
    accounts: {
      ada: { email: "Ada@Example.com", email_verified: true, name: "Ada", groups: ["staff", "tether-admins"] },
      bob: { email: "bob@example.com", email_verified: true, groups: ["tether-editors"] },
      eve: { email: "eve@example.com", email_verified: false, groups: ["tether-admins"] },
      zed: { email: "zed@example.com", email_verified: true, groups: ["staff"] },
    },
  });
  config = readAuthConfig({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: "tether",
    OIDC_CLIENT_SECRET: "tether-client-secret",
    OIDC_NAME: "Acme SSO",
    OIDC_ROLE_MAP: "tether-admins:admin,tether-editors:editor",
    OIDC_DEFAULT_ROLE: "none",
  });
});

afterAll(async () => {
  await app?.close();
  await idp?.close();
  await t?.close();
});

beforeEach(() => {
  idp.tamperIdToken(null);
  failures.length = 0;
});

interface Flow {
  /** Changes the authorization URL before the browser goes to the provider. */
  authorize?: (url: URL) => void;
  /** Changes the provider's redirect back to us before the browser follows it. */
  callback?: (url: URL) => void;
}

/** Signs in as `login` through the provider's own page; answers where the app sent the browser in the end. */
async function signIn(browser: TestBrowser, login: string, flow: Flow = {}): Promise<string> {
  const { csrfToken } = JSON.parse((await browser.request(`${app.url}/api/auth/csrf`)).body) as { csrfToken: string };
  const started = await browser.request(`${app.url}/api/auth/signin/oidc`, { form: { csrfToken, callbackUrl: `${app.url}/`, json: "true" } });
  const authorization = new URL((JSON.parse(started.body) as { url: string }).url);
  expect(authorization.origin).toBe(idp.issuer);
  flow.authorize?.(authorization);

  const atLogin = await browser.follow(authorization.href, (u) => u.includes("/interaction/"));
  const page = await browser.request(atLogin.location!);
  expect(page.body).toContain('name="login"');
  const submitted = await browser.request(atLogin.location!, { form: { prompt: "login", login, password: "any" } });
  const back = await browser.follow(submitted.location!, (u) => u.startsWith(`${app.url}/api/auth/callback/`));
  const callback = new URL(back.location!);
  flow.callback?.(callback);
  // next-auth's own error page redirects on to ours (pages.error): follow until the app leaves /api/auth.
  const done = await browser.follow(callback.href, (u) => !u.startsWith(`${app.url}/api/auth/`));
  expect(done.status).toBe(302);
  return done.location!;
}

/** Where a sign-in ended: the path, and the error the sign-in page is asked to show. */
function where(location: string): string {
  const url = new URL(location);
  const error = url.searchParams.get("error");
  return error ? `${url.pathname} error=${error}` : url.pathname;
}

async function principalOf(browser: TestBrowser) {
  return resolvePrincipal(t.db, new Request(`${app.url}/`, { headers: { cookie: browser.cookieHeader(app.url) } }), SECRET);
}

describe("OpenID Connect sign-in", () => {
  it("discovers the provider, sends PKCE, state and nonce, and signs a user in with the role their group maps to", async () => {
    const browser = new TestBrowser();
    let authorization: URL | null = null;
    const landed = await signIn(browser, "ada", { authorize: (u) => (authorization = new URL(u)) });
    expect(where(landed)).toBe("/");
    expect(authorization!.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization!.searchParams.get("state")).toBeTruthy();
    expect(authorization!.searchParams.get("nonce")).toBeTruthy();
    expect(authorization!.searchParams.get("scope")).toBe("openid email profile");

    expect(await principalOf(browser)).toMatchObject({ kind: "user", email: "ada@example.com", role: "admin" });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.com" }, include: { identities: true, sessions: true } });
    expect(user).toMatchObject({ name: "Ada", role: "admin", passwordHash: null });
    expect(user.identities).toMatchObject([{ provider: "oidc", subject: "ada" }]);
    // The session row records the browser: its user agent and address.
    expect(user.sessions).toMatchObject([{ userAgent: browser.userAgent, ip: "127.0.0.1", endedAt: null }]);
  });

  it("applies the groups at every sign-in: a changed group changes the role at the next one", async () => {
    const first = new TestBrowser();
    await signIn(first, "bob");
    expect(await principalOf(first)).toMatchObject({ email: "bob@example.com", role: "editor" });

    idp.accounts.get("bob")!.groups = ["tether-admins"];
    const second = new TestBrowser();
    await signIn(second, "bob");
    expect(await principalOf(second)).toMatchObject({ role: "admin" });

    idp.accounts.get("bob")!.groups = ["staff"];
    const third = new TestBrowser();
    // No group maps to a role and there is no default: refused, in words the sign-in page shows.
    expect(where(await signIn(third, "bob"))).toBe("/signin error=SsoNoRole");
    expect(await principalOf(third)).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "bob@example.com" } })).role).toBe("admin");
    const refused = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_refused" }, orderBy: { id: "desc" } });
    expect(refused.summary).toBe("Acme SSO sign-in refused for bob@example.com: no group maps to a role (claim groups: staff)");
  });

  it("keeps a role an admin locked, whatever the groups say", async () => {
    idp.accounts.get("bob")!.groups = ["tether-editors"];
    await t.db.user.update({ where: { email: "bob@example.com" }, data: { role: "viewer", roleLocked: true } });
    const browser = new TestBrowser();
    await signIn(browser, "bob");
    expect(await principalOf(browser)).toMatchObject({ role: "viewer" });
    await t.db.user.update({ where: { email: "bob@example.com" }, data: { roleLocked: false } });
  });

  it("never demotes the last active admin: the groups say editor, the admin stays admin and the audit log says why", async () => {
    const others = await t.db.user.findMany({ where: { role: "admin", email: { not: "bob@example.com" } }, select: { id: true } });
    await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "editor" } });
    await t.db.user.update({ where: { email: "bob@example.com" }, data: { role: "admin", roleLocked: false, disabledAt: null } });
    idp.accounts.get("bob")!.groups = ["tether-editors"];
    try {
      const browser = new TestBrowser();
      await signIn(browser, "bob");
      expect(await principalOf(browser)).toMatchObject({ role: "admin" });
      const kept = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.update" }, orderBy: { id: "desc" } });
      expect(kept.summary).toBe("Kept bob@example.com admin: Acme SSO maps them to editor, but they are the last active admin");
      // With another admin present, the same groups demote as usual.
      await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "admin" } });
      if (others.length === 0) await t.db.user.create({ data: { email: "second-admin@example.com", role: "admin" } });
      const again = new TestBrowser();
      await signIn(again, "bob");
      expect(await principalOf(again)).toMatchObject({ role: "editor" });
    } finally {
      await t.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "admin" } });
    }
  });

  it("gives the default role to a user whose groups map to nothing, when a default is configured", async () => {
    const withDefault = { ...config, oidc: [{ ...config.oidc[0]!, roles: { ...config.oidc[0]!.roles, defaultRole: "viewer" as const } }] };
    const saved = config;
    config = withDefault;
    try {
      const browser = new TestBrowser();
      await signIn(browser, "zed");
      expect(await principalOf(browser)).toMatchObject({ email: "zed@example.com", role: "viewer" });
    } finally {
      config = saved;
    }
  });

  it("refuses an email the provider has not verified, and creates nobody", async () => {
    const browser = new TestBrowser();
    expect(where(await signIn(browser, "eve"))).toBe("/signin error=SsoEmailNotVerified");
    expect(await principalOf(browser)).toBeNull();
    expect(await t.db.user.findUnique({ where: { email: "eve@example.com" } })).toBeNull();
  });

  it("refuses a disabled user", async () => {
    await t.db.user.update({ where: { email: "ada@example.com" }, data: { disabledAt: new Date() } });
    try {
      const browser = new TestBrowser();
      expect(where(await signIn(browser, "ada"))).toBe("/signin error=AccessDenied");
      expect(await principalOf(browser)).toBeNull();
    } finally {
      await t.db.user.update({ where: { email: "ada@example.com" }, data: { disabledAt: null } });
    }
  });

  it("refuses an ID token, validly signed by the provider, for another audience", async () => {
    idp.tamperIdToken((claims) => ({ ...claims, aud: "another-app" }));
    const browser = new TestBrowser();
    expect(where(await signIn(browser, "ada"))).toBe("/signin error=OAuthCallback");
    expect(await principalOf(browser)).toBeNull();
    expect(failures).toEqual([expect.stringContaining("aud mismatch, expected tether, got: another-app")]);
  });

  it("refuses an expired ID token", async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    idp.tamperIdToken((claims) => ({ ...claims, iat: hourAgo - 600, exp: hourAgo }));
    const browser = new TestBrowser();
    expect(where(await signIn(browser, "ada"))).toBe("/signin error=OAuthCallback");
    expect(await principalOf(browser)).toBeNull();
    expect(failures).toEqual([expect.stringContaining("JWT expired")]);
  });

  it("refuses an ID token from another issuer", async () => {
    idp.tamperIdToken((claims) => ({ ...claims, iss: "http://127.0.0.1:1" }));
    const browser = new TestBrowser();
    expect(where(await signIn(browser, "ada"))).toBe("/signin error=OAuthCallback");
    expect(failures).toEqual([expect.stringContaining("unexpected iss value")]);
  });

  it("refuses a callback whose state is not the one this browser was given", async () => {
    const browser = new TestBrowser();
    const landed = await signIn(browser, "ada", { callback: (u) => u.searchParams.set("state", "attacker-state") });
    expect(where(landed)).toBe("/signin error=OAuthCallback");
    expect(await principalOf(browser)).toBeNull();
    expect(failures).toEqual([expect.stringContaining("state mismatch")]);
  });

  it("refuses an ID token whose nonce is not the one this browser sent", async () => {
    const browser = new TestBrowser();
    // The provider signs whatever nonce the authorization request carried: a replaced one comes back in the token.
    const landed = await signIn(browser, "ada", { authorize: (u) => u.searchParams.set("nonce", "attacker-nonce") });
    expect(where(landed)).toBe("/signin error=OAuthCallback");
    expect(await principalOf(browser)).toBeNull();
    expect(failures).toEqual([expect.stringContaining("nonce mismatch")]);
  });

  it("sends a provider's refusal (the user cancelled) to the sign-in page with its code", async () => {
    const browser = new TestBrowser();
    const { csrfToken } = JSON.parse((await browser.request(`${app.url}/api/auth/csrf`)).body) as { csrfToken: string };
    const started = await browser.request(`${app.url}/api/auth/signin/oidc`, { form: { csrfToken, callbackUrl: `${app.url}/`, json: "true" } });
    const atLogin = await browser.follow((JSON.parse(started.body) as { url: string }).url, (u) => u.includes("/interaction/"));
    // The provider's own "Cancel" link: it answers the callback with error=access_denied.
    const back = await browser.follow(`${atLogin.location!}/abort`, (u) => u.startsWith(`${app.url}/api/auth/callback/`));
    expect(new URL(back.location!).searchParams.get("error")).toBe("access_denied");
    const done = await browser.request(back.location!);
    expect(where(done.location!)).toBe("/signin error=provider_access_denied");
  });

  it("ends the session at sign-out: the same cookie no longer signs anyone in", async () => {
    const browser = new TestBrowser();
    await signIn(browser, "ada");
    const principal = await principalOf(browser);
    expect(principal).toMatchObject({ email: "ada@example.com" });
    const cookie = browser.cookieHeader(app.url);
    const { csrfToken } = JSON.parse((await browser.request(`${app.url}/api/auth/csrf`)).body) as { csrfToken: string };
    await browser.request(`${app.url}/api/auth/signout`, { form: { csrfToken, json: "true" } });
    expect(await resolvePrincipal(t.db, new Request(`${app.url}/`, { headers: { cookie } }), SECRET)).toBeNull();
    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: principal!.kind === "user" ? principal!.sessionId! : "" } });
    expect(row.endedAt).not.toBeNull();
  });
});
