// A real OpenID Provider for tests: panva's certified `oidc-provider`, on a local port, with the clients, users
// and group claims a test gives it. Its own sign-in page (the development interactions: a login name that is one
// of the accounts, any password) and consent granted for the registered clients, as an enterprise IdP does
// for an app its admin has approved. `tamperIdToken` re-signs the next ID tokens the token endpoint answers with
// the provider's own key, so a test can hand the app a validly signed token with a wrong audience or expiry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import Provider, { type Configuration } from "oidc-provider";

/** An account at the provider; its login name (the key in `accounts`) is its `sub`. */
export interface TestAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  groups: string[];
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestOidcProvider {
  issuer: string;
  /** By login name, which is also the `sub` (what the provider's sign-in page takes); change groups between sign-ins. */
  accounts: Map<string, TestAccount>;
  /** Changes the claims of the ID tokens the token endpoint answers from now on, re-signed; null stops it. */
  tamperIdToken(change: ((claims: JWTPayload) => JWTPayload) | null): void;
  close(): Promise<void>;
}

export async function startTestOidcProvider(options: {
  clients: TestClient[];
  accounts: Record<string, TestAccount>;
  port?: number;
  host?: string;
}): Promise<TestOidcProvider> {
  const host = options.host ?? "127.0.0.1";
  // Listening comes first (the issuer URL names the port), so a request that arrives while the provider is being
  // set up waits for it instead of hanging unanswered.
  let ready!: (handler: (req: IncomingMessage, res: ServerResponse) => void) => void;
  const handler = new Promise<(req: IncomingMessage, res: ServerResponse) => void>((resolve) => (ready = resolve));
  const server: Server = createServer((req, res) => void handler.then((handle) => handle(req, res)));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-signing-key", alg: "RS256", use: "sig" };
  const accounts = new Map(Object.entries(options.accounts));
  const scopes = "openid email profile";

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({ ...c, grant_types: ["authorization_code"], response_types: ["code"] })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["test-cookie-signing-key-0123456789"] },
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    async findAccount(_ctx, login) {
      if (!accounts.has(login)) return undefined;
      return {
        accountId: login,
        // Read at each token and userinfo request, so a group changed by the test shows at the next sign-in.
        async claims() {
          const a = accounts.get(login)!;
          return { sub: login, email: a.email, email_verified: a.email_verified, name: a.name, groups: a.groups };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: session.accountId! });
      grant.addOIDCScope(scopes);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  let tamper: ((claims: JWTPayload) => JWTPayload) | null = null;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (tamper && ctx.path === "/token" && body?.id_token) {
      const claims = tamper(decodeJwt(body.id_token));
      ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" }).sign(privateKey) };
    }
  });

  ready(provider.callback());
  return {
    issuer,
    accounts,
    tamperIdToken(change) {
      tamper = change;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
