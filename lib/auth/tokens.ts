// API tokens: created by a user, shown once, stored as SHA-256, scoped to a role no higher than the owner's.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { hashToken, TOKEN_PREFIX, type Principal } from "./principal";
import { atLeast, ROLES, type Role } from "./roles";
import { knownScopes, SCOPES, type Scope } from "./scopes";

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what uses it").max(80),
  role: z.enum(ROLES, { error: "Choose viewer, editor or admin" }),
  scopes: z
    .array(z.enum(SCOPES, { error: `A scope is one of: ${SCOPES.join(", ")}` }))
    .max(SCOPES.length)
    .default([]),
});

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  scopes: Scope[];
  prefix: string;
  owner: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
}

/** Tokens are managed by signed-in people, not by other tokens: a leaked token cannot mint more. */
function requireUser(actor: Principal): asserts actor is Extract<Principal, { kind: "user" }> {
  if (actor.kind !== "user") throw ApiError.forbidden("API tokens are managed from a signed-in session, not with a token");
}

export async function createToken(db: Db, actor: Principal, raw: unknown, ip?: string): Promise<{ token: string; view: TokenView }> {
  requireUser(actor);
  const input = newTokenSchema.parse(raw);
  if (!atLeast(actor.role, input.role))
    throw ApiError.forbidden(`You cannot create a token above your own role (${actor.role})`, { fields: { role: ["Above your own role"] } });
  const token = generateToken();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: actor.userId,
        name: input.name,
        role: input.role,
        scopes: [...new Set(input.scopes)],
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      },
      include: { user: { select: { email: true } } },
    });
    await audit(tx, actor, {
      action: "token.create",
      summary: `Created API token "${created.name}" (${created.role}${created.scopes.length ? `; scopes ${created.scopes.join(", ")}` : ""})`,
      targetType: "token",
      targetId: created.id,
      ip,
    });
    return created;
  });
  return { token, view: view(row) };
}

function view(r: {
  id: string;
  name: string;
  role: Role;
  scopes: string[];
  prefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  user: { email: string };
}): TokenView {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    scopes: knownScopes(r.scopes),
    prefix: r.prefix,
    owner: r.user.email,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Own tokens; an admin sees everyone's. Access control is in the query (STYLE.md principle 9). */
export async function listTokens(db: Db, actor: Principal): Promise<TokenView[]> {
  requireUser(actor);
  const rows = await db.apiToken.findMany({
    where: actor.role === "admin" ? {} : { userId: actor.userId },
    include: { user: { select: { email: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(view);
}

export async function revokeToken(db: Db, actor: Principal, id: string, ip?: string): Promise<TokenView> {
  requireUser(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null, ...(actor.role === "admin" ? {} : { userId: actor.userId }) },
      data: { revokedAt: new Date() },
    });
    const row = await tx.apiToken.findFirst({
      where: { id, ...(actor.role === "admin" ? {} : { userId: actor.userId }) },
      include: { user: { select: { email: true } } },
    });
    if (!row) throw ApiError.notFound("token");
    if (count === 1) await audit(tx, actor, { action: "token.revoke", summary: `Revoked API token "${row.name}"`, targetType: "token", targetId: id, ip });
    return view(row);
  });
}
