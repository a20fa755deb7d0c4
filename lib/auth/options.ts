// next-auth configuration: email + password (bcrypt) unless TETHER_PASSWORD_LOGIN=false, GitHub OAuth when
// GITHUB_ID/GITHUB_SECRET are set, and each OpenID Connect provider of lib/config/auth.ts. Sessions are JWTs
// carrying the user id and the id of a session row (lib/auth/sessions.ts); the row, the role and the user's
// status are read from the database on every request.
import type { NextAuthOptions, Profile } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { db } from "../db/client";
import { audit } from "../audit/audit-log";
import { requestClientAddress } from "../http/client-address";
import { verifyPassword } from "./passwords";
import { rateLimits } from "./rate-limits";
import { createUser, userCount } from "../users/service";
import { githubEnabled, readAuthConfig, type AuthConfig } from "../config/auth";
import { oidcProvider } from "./oidc/provider";
import { REFUSAL_ERROR, signInWithOidc } from "./oidc/sign-in";
import { createSession, endSession, type SessionContext } from "./sessions";
import { SESSION_IDLE_SECONDS } from "./session-check";

const credentials = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) });

function ipOf(headers: Record<string, unknown> | undefined): string {
  return requestClientAddress((name) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : undefined;
  });
}

/**
 * GitHub, or GitHub Enterprise with GITHUB_URL / GITHUB_API_URL. Only a verified email is used to link an
 * account: linking on an unverified address would let anyone claim an existing user's account.
 */
function githubProvider() {
  const web = (process.env.GITHUB_URL ?? "https://github.com").replace(/\/$/, "");
  const apiBase = (process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, "");
  return GitHubProvider({
    clientId: process.env.GITHUB_ID!,
    clientSecret: process.env.GITHUB_SECRET!,
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${web}/login/oauth/access_token`,
    userinfo: {
      url: `${apiBase}/user`,
      async request({ tokens }) {
        const headers = { authorization: `Bearer ${tokens.access_token}`, accept: "application/vnd.github+json" };
        const [profile, emails] = await Promise.all([
          fetch(`${apiBase}/user`, { headers }).then((r) => r.json() as Promise<Record<string, unknown>>),
          fetch(`${apiBase}/user/emails`, { headers }).then((r) =>
            r.ok ? (r.json() as Promise<{ email: string; primary: boolean; verified: boolean }[]>) : [],
          ),
        ]);
        const verified = emails.filter((e) => e.verified);
        // next-auth types this as its generic Profile; the provider's profile() then reads GitHub's fields.
        return { ...profile, email: (verified.find((e) => e.primary) ?? verified[0])?.email ?? undefined } as unknown as Profile;
      },
    },
  });
}

/** The sign-in buttons the page shows, in order: GitHub, then each OIDC provider. Passwords are a form of their own. */
export function signInMethods(config: AuthConfig = readAuthConfig()): { password: boolean; providers: { id: string; name: string }[] } {
  return {
    password: config.passwordLogin,
    providers: [...(githubEnabled() ? [{ id: "github", name: "GitHub" }] : []), ...config.oidc.map((p) => ({ id: p.id, name: p.name }))],
  };
}

/**
 * `context` is the request's client (address, user agent), recorded on the session a sign-in creates; the route
 * builds the options per request.
 */
export function authOptions(context: SessionContext = {}, config: AuthConfig = readAuthConfig()): NextAuthOptions {
  const oidc = new Map(config.oidc.map((p) => [p.id, p]));
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/signin", error: "/signin" },
    providers: [...(config.passwordLogin ? [passwordProvider()] : []), ...(githubEnabled() ? [githubProvider()] : []), ...config.oidc.map(oidcProvider)],
    callbacks: {
      async signIn({ user, account, profile }) {
        const sso = account ? oidc.get(account.provider) : undefined;
        if (sso) {
          const outcome = await signInWithOidc(db(), sso, (profile ?? {}) as Record<string, unknown>, context.ip);
          return outcome.kind === "ok" ? true : `/signin?error=${REFUSAL_ERROR[outcome.reason]}`;
        }
        if (account?.provider !== "github") return true;
        // GitHub sign-in links to the account with the same verified email, or creates a viewer
        // (the very first account of a deployment becomes admin).
        const email = user.email?.toLowerCase();
        if (!email) return "/signin?error=NoEmail";
        const githubId = String((profile as { id?: number | string } | undefined)?.id ?? account.providerAccountId);
        const existing = await db().user.findFirst({ where: { OR: [{ githubId }, { email }] } });
        if (existing?.disabledAt) return false;
        if (existing) {
          await db().user.update({ where: { id: existing.id }, data: { githubId, lastLoginAt: new Date() } });
        } else {
          await createUser(db(), null, { email, name: user.name ?? null, role: (await userCount(db())) === 0 ? "admin" : "viewer", githubId });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const row =
            account && oidc.has(account.provider)
              ? await db()
                  .userIdentity.findUnique({ where: { provider_subject: { provider: account.provider, subject: account.providerAccountId } } })
                  .then((i) => i && { id: i.userId })
              : account?.provider === "github"
                ? await db().user.findUnique({ where: { email: user.email!.toLowerCase() } })
                : { id: user.id };
          if (row) {
            token.uid = row.id;
            token.sid = await createSession(db(), row.id, context);
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(db(), token.sid);
      },
    },
  };
}

function passwordProvider() {
  return CredentialsProvider({
    name: "Email and password",
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw, req) {
      const parsed = credentials.safeParse(raw);
      if (!parsed.success) return null;
      const { email, password } = parsed.data;
      const ip = ipOf(req?.headers);
      const limit = await rateLimits().check("login", { subject: email, ip });
      if (!limit.ok) throw new Error(`rate_limited:${limit.retryAfterSeconds}`);
      const user = await db().user.findUnique({ where: { email } });
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!ok || !user || user.disabledAt) {
        await rateLimits().penalize("login", { subject: email, ip });
        await audit(db(), { label: email }, { action: "auth.login_failed", summary: `Failed sign-in for ${email}`, ip });
        return null;
      }
      await rateLimits().reset("login", email);
      await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await audit(
        db(),
        { label: user.email, userId: user.id },
        { action: "auth.login", summary: `${user.email} signed in`, targetType: "user", targetId: user.id, ip },
      );
      return { id: user.id, email: user.email, name: user.name };
    },
  });
}
