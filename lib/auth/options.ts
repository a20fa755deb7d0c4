// next-auth configuration: email + password (bcrypt) always, GitHub OAuth when GITHUB_ID/GITHUB_SECRET are set.
// Sessions are JWTs carrying only the user id; role and status are read from the database on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { db } from "../db/client";
import { audit } from "../audit/audit-log";
import { verifyPassword } from "./passwords";
import { rateLimits } from "./rate-limits";
import { createUser, userCount } from "../users/service";

const credentials = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) });

export function githubEnabled(): boolean {
  return !!process.env.GITHUB_ID && !!process.env.GITHUB_SECRET;
}

function ipOf(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded.join(",") : typeof forwarded === "string" ? forwarded : "";
  return value.split(",").map((s) => s.trim()).filter(Boolean).pop() ?? "unknown";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
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
          await audit(db(), { label: user.email, userId: user.id }, { action: "auth.login", summary: `${user.email} signed in`, targetType: "user", targetId: user.id, ip });
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(githubEnabled() ? [GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
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
          const row = account?.provider === "github" ? await db().user.findUnique({ where: { email: user.email!.toLowerCase() } }) : { id: user.id };
          if (row) token.uid = row.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
  };
}
