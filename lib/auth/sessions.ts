// Signed-in browsers, one row each (UserSession). The session cookie is a next-auth JWT naming its row (`sid`);
// lib/auth/principal.ts checks the row on every request, as it already re-reads the user's role and status, so
// ending a row ends the session at once: sign out, "sign out everywhere", an admin, or disabling the user.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import type { Principal } from "./principal";
import { activeSessionWhere } from "./session-check";

export interface SessionContext {
  ip?: string;
  userAgent?: string;
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

type Writer = Db | Prisma.TransactionClient;

export async function createSession(db: Writer, userId: string, context: SessionContext = {}, now = new Date()): Promise<string> {
  const row = await db.userSession.create({
    data: { userId, ip: context.ip ?? null, userAgent: context.userAgent?.slice(0, 400) ?? null, createdAt: now, lastSeenAt: now },
  });
  return row.id;
}

function view(r: { id: string; userAgent: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date }, currentId?: string): SessionView {
  return {
    id: r.id,
    userAgent: r.userAgent,
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.id === currentId,
  };
}

function signedIn(actor: Principal): asserts actor is Extract<Principal, { kind: "user" }> {
  if (actor.kind !== "user") throw ApiError.forbidden("Sessions are managed from a signed-in session, not with an API token");
}

/** The caller's own live sessions, newest use first, the one making this request marked `current`. */
export async function listOwnSessions(db: Db, actor: Principal, now = new Date()): Promise<SessionView[]> {
  signedIn(actor);
  return listUserSessions(db, actor.userId, now, actor.sessionId);
}

export async function listUserSessions(db: Db, userId: string, now = new Date(), currentId?: string): Promise<SessionView[]> {
  const rows = await db.userSession.findMany({ where: { userId, ...activeSessionWhere(now) }, orderBy: { lastSeenAt: "desc" } });
  return rows.map((r) => view(r, currentId));
}

/** Ends one of the caller's own sessions. */
export async function endOwnSession(db: Db, actor: Principal, id: string, ip?: string, now = new Date()): Promise<void> {
  signedIn(actor);
  const { count } = await db.userSession.updateMany({ where: { id, userId: actor.userId, endedAt: null }, data: { endedAt: now } });
  if (count === 0) throw ApiError.notFound("session");
  await audit(db, actor, { action: "session.end", summary: `${actor.email} ended one of their sessions`, targetType: "user", targetId: actor.userId, ip });
}

/** Ends every session of a user; the count ended. Used by sign out everywhere, admins, and disabling a user. */
export async function endAllSessions(db: Writer, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  return count;
}

/** "Sign out everywhere": the caller's sessions, this one included. */
export async function signOutEverywhere(db: Db, actor: Principal, ip?: string, now = new Date()): Promise<{ ended: number }> {
  signedIn(actor);
  const ended = await endAllSessions(db, actor.userId, now);
  await audit(db, actor, {
    action: "session.end",
    summary: `${actor.email} signed out everywhere (${ended} sessions)`,
    targetType: "user",
    targetId: actor.userId,
    ip,
  });
  return { ended };
}

/** An admin ends all of another user's sessions. */
export async function endUserSessions(db: Db, actor: Principal, userId: string, ip?: string, now = new Date()): Promise<{ ended: number }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw ApiError.notFound("user");
    const ended = await endAllSessions(tx, userId, now);
    await audit(tx, actor, { action: "session.end", summary: `Ended ${ended} sessions of ${user.email}`, targetType: "user", targetId: userId, ip });
    return { ended };
  });
}

/** Sign out of this browser (next-auth's sign-out event). */
export async function endSession(db: Db, id: string, now = new Date()): Promise<void> {
  await db.userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
}
