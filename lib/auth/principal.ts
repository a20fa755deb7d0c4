// Who is making a request: a signed-in user (next-auth session cookie) or an API token (Authorization: Bearer).
// Resolved from the request itself, and re-checked against the database every time, so a disabled user, a
// changed role, an ended session or a revoked token takes effect at once.
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import type { Db } from "../db/client";
import { lesserRole, type Role } from "./roles";
import { checkSession } from "./session-check";
import { knownScopes, type Scope } from "./scopes";

export type Principal =
  | { kind: "user"; userId: string; email: string; role: Role; label: string; sessionId?: string }
  | { kind: "token"; tokenId: string; userId: string; role: Role; label: string; scopes: Scope[] };

export const TOKEN_PREFIX = "tth_";
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function cookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

export async function principalFromToken(db: Db, token: string, now = new Date()): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findFirst({
    where: { tokenHash: hashToken(token), revokedAt: null, user: { disabledAt: null } },
    include: { user: { select: { role: true, email: true } } },
  });
  if (!row) return null;
  // Last-used is informational: one write a minute per token is plenty and keeps hot tokens cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "token",
    tokenId: row.id,
    userId: row.userId,
    role: lesserRole(row.role, row.user.role),
    label: `token "${row.name}" (${row.user.email})`,
    scopes: knownScopes(row.scopes),
  };
}

/** A session cookie counts only while the session row it names is live (lib/auth/sessions.ts). */
export async function principalFromSessionToken(db: Db, sessionToken: string, secret: string, now = new Date()): Promise<Principal | null> {
  const payload = await decode({ token: sessionToken, secret }).catch(() => null);
  const userId = typeof payload?.uid === "string" ? payload.uid : null;
  const sessionId = typeof payload?.sid === "string" ? payload.sid : null;
  if (!userId || !sessionId) return null;
  const user = await checkSession(db, sessionId, userId, now);
  return user ? { kind: "user", userId: user.id, email: user.email, role: user.role, label: user.email, sessionId } : null;
}

export async function resolvePrincipal(db: Db, req: Request, secret: string): Promise<Principal | null> {
  const auth = req.headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return principalFromToken(db, auth.slice(7).trim());
  const cookies = req.headers.get("cookie");
  for (const name of SESSION_COOKIES) {
    const value = cookie(cookies, name);
    if (value) return principalFromSessionToken(db, value, secret);
  }
  return null;
}
