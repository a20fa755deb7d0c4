import { describe, expect, it } from "vitest";
import { readAuthConfig } from "./auth";

const okta = { OIDC_OKTA_ISSUER: "https://acme.okta.com/", OIDC_OKTA_CLIENT_ID: "okta-id", OIDC_OKTA_CLIENT_SECRET: "okta-very-secret" };

describe("readAuthConfig", () => {
  it("has no provider and password sign-in on by default", () => {
    expect(readAuthConfig({})).toEqual({ oidc: [], passwordLogin: true });
  });

  it("reads one provider from OIDC_* and several side by side from OIDC_<NAME>_*", () => {
    const config = readAuthConfig({
      OIDC_ISSUER: "https://login.example.com/realms/acme",
      OIDC_CLIENT_ID: "tether",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_NAME: "Keycloak",
      OIDC_ROLE_MAP: "tether-admins:admin, tether-editors:editor",
      ...okta,
      OIDC_OKTA_ROLE_CLAIM: "roles",
      OIDC_OKTA_DEFAULT_ROLE: "none",
    });
    expect(config.oidc).toEqual([
      {
        id: "oidc",
        name: "Keycloak",
        issuer: "https://login.example.com/realms/acme",
        clientId: "tether",
        clientSecret: "s3cret",
        scope: "openid email profile",
        roles: { claim: "groups", map: { "tether-admins": "admin", "tether-editors": "editor" }, defaultRole: "viewer" },
      },
      {
        id: "oidc-okta",
        name: "Okta",
        issuer: "https://acme.okta.com",
        clientId: "okta-id",
        clientSecret: "okta-very-secret",
        scope: "openid email profile",
        // The global map applies unless the provider has its own.
        roles: { claim: "roles", map: { "tether-admins": "admin", "tether-editors": "editor" }, defaultRole: null },
      },
    ]);
  });

  it("refuses a half-configured provider, naming what is missing and never a secret", () => {
    const attempt = () => readAuthConfig({ OIDC_OKTA_ISSUER: "https://acme.okta.com", OIDC_OKTA_CLIENT_SECRET: "okta-very-secret" });
    expect(attempt).toThrow(/OIDC_OKTA_CLIENT_ID: not set, but OIDC_OKTA_ISSUER is; an OIDC provider needs all three/);
    expect(() => readAuthConfig({ OIDC_CLIENT_SECRET: "leaky-secret" })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID: not set/);
    try {
      readAuthConfig({ OIDC_CLIENT_SECRET: "leaky-secret", OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "x" });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/OIDC_ISSUER: must be the issuer's http\(s\) URL/);
      expect((err as Error).message).not.toContain("leaky-secret");
    }
  });

  it("explains a bad role map, default role or switch", () => {
    expect(() => readAuthConfig({ OIDC_ROLE_MAP: "tether-admins:owner" })).toThrow(/OIDC_ROLE_MAP: "tether-admins:owner" is not group:role/);
    expect(() => readAuthConfig({ OIDC_DEFAULT_ROLE: "root" })).toThrow(/OIDC_DEFAULT_ROLE: must be one of viewer, editor, admin or none/);
    expect(() => readAuthConfig({ TETHER_PASSWORD_LOGIN: "no" })).toThrow(/TETHER_PASSWORD_LOGIN: must be true or false/);
    expect(readAuthConfig({ TETHER_PASSWORD_LOGIN: "false" }).passwordLogin).toBe(false);
  });
});
