// A generic OpenID Connect provider for next-auth (openid-client underneath): discovery from the issuer,
// authorization code flow with PKCE, state and nonce, and the ID token validated by openid-client (signature,
// issuer, audience, expiry, nonce). The profile is the ID token's claims joined with the userinfo answer, whose
// `sub` openid-client checks against the ID token's, since many providers send groups only from userinfo.
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { OidcProviderConfig } from "../../config/auth";

export type OidcClaims = Record<string, unknown> & { sub: string };

const bare = (url: string) => url.replace(/\/$/, "");

export function oidcProvider(config: OidcProviderConfig): OAuthConfig<OidcClaims> {
  return {
    id: config.id,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scope } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      async request({ tokens, client }) {
        // openid-client checks the ID token's `iss` against the discovered metadata; this checks the metadata
        // against the configured issuer, so a discovery document cannot name another issuer.
        if (bare(client.issuer.metadata.issuer) !== config.issuer) throw new Error(`the discovered issuer is not ${config.issuer}`);
        // With `idToken: true` next-auth hands over openid-client's TokenSet (its types say only the parameters).
        const set = tokens as unknown as Parameters<typeof client.userinfo>[0] & { claims(): OidcClaims };
        const idToken = set.claims();
        const userinfo = client.issuer.metadata.userinfo_endpoint ? await client.userinfo(set) : {};
        return { ...idToken, ...userinfo, sub: idToken.sub };
      },
    },
    profile(claims) {
      return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null, name: typeof claims.name === "string" ? claims.name : null };
    },
  };
}
