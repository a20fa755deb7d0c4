// The check every cookie-authenticated request makes (lib/auth/principal.ts): the session row the cookie names is
// live and its user enabled. Kept apart from lib/auth/sessions.ts, which manages the rows, so principal.ts needs only this.
import type { Db } from "../db/client";
import type { Role } from "./roles";

/** A session unused this long is over: the same as the cookie's lifetime (lib/auth/options.ts). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
/** lastSeenAt is informational: one write a minute per session keeps page loads cheap. */
const TOUCH_EVERY_MS = 60_000;

export const activeSessionWhere = (now: Date) => ({ endedAt: null, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_SECONDS * 1000) } });

/** The session's user, if the session is live and its user enabled; touches lastSeenAt. */
export async function checkSession(db: Db, sessionId: string, userId: string, now = new Date()): Promise<{ id: string; email: string; role: Role } | null> {
  const row = await db.userSession.findFirst({
    where: { id: sessionId, userId, ...activeSessionWhere(now), user: { disabledAt: null } },
    include: { user: { select: { id: true, email: true, role: true } } },
  });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await db.userSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  return row.user;
}
