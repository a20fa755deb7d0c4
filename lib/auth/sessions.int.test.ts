// Sessions a team controls: each cookie names a session row, checked on every request, so ending a row (sign out
// everywhere, an admin, disabling the user) signs that browser out at its very next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { updateUser } from "../users/service";
import { resolvePrincipal, type Principal } from "./principal";
import { endUserSessions, listOwnSessions, listUserSessions, signOutEverywhere } from "./sessions";
import { sessionCookie } from "./testing/session-cookie";

const SECRET = "sessions-test-secret-0123456789abcdefghij";
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

const as = (cookie: string) => resolvePrincipal(t.db, new Request("http://tether.test/", { headers: { cookie } }), SECRET);

async function user(email: string, role: "viewer" | "admin" = "viewer") {
  return t.db.user.create({ data: { email, role } });
}

describe("sessions", () => {
  it("lists a user's own sessions with this one marked, and sign out everywhere ends them all", async () => {
    const ann = await user("ann@example.com");
    const laptop = await sessionCookie(t.db, ann.id, SECRET);
    const phone = await sessionCookie(t.db, ann.id, SECRET);
    const me = (await as(laptop)) as Principal;
    expect(me).toMatchObject({ kind: "user", email: "ann@example.com" });

    const sessions = await listOwnSessions(t.db, me);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ userAgent: "test", ip: "127.0.0.1" });

    expect(await signOutEverywhere(t.db, me, "10.0.0.9")).toEqual({ ended: 2 });
    expect(await as(laptop)).toBeNull();
    expect(await as(phone)).toBeNull();
    expect(await listUserSessions(t.db, ann.id)).toEqual([]);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "session.end", targetId: ann.id } });
    expect(event).toMatchObject({ summary: "ann@example.com signed out everywhere (2 sessions)", ip: "10.0.0.9" });
  });

  it("an admin ends any user's sessions; other users keep theirs", async () => {
    const admin = await user("root@example.com", "admin");
    const bea = await user("bea@example.com");
    const adminCookie = await sessionCookie(t.db, admin.id, SECRET);
    const beaCookie = await sessionCookie(t.db, bea.id, SECRET);
    const actor = (await as(adminCookie)) as Principal;
    expect(await endUserSessions(t.db, actor, bea.id)).toEqual({ ended: 1 });
    expect(await as(beaCookie)).toBeNull();
    expect(await as(adminCookie)).toMatchObject({ email: "root@example.com" });
  });

  it("disabling a user ends their sessions at once, and enabling them again does not bring the sessions back", async () => {
    const admin = (await as(await sessionCookie(t.db, (await t.db.user.findUniqueOrThrow({ where: { email: "root@example.com" } })).id, SECRET))) as Principal;
    const cid = await user("cid@example.com");
    const cookie = await sessionCookie(t.db, cid.id, SECRET);
    expect(await as(cookie)).not.toBeNull();
    await updateUser(t.db, admin, cid.id, { disabled: true });
    expect(await as(cookie)).toBeNull();
    await updateUser(t.db, admin, cid.id, { disabled: false });
    expect(await as(cookie)).toBeNull();
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.update", targetId: cid.id }, orderBy: { id: "asc" } })).summary).toBe(
      "Updated cid@example.com: disabled, 1 sessions ended",
    );
  });

  it("a session idle longer than the cookie's lifetime is over; a cookie without a session row counts for nothing", async () => {
    const dee = await user("dee@example.com");
    const cookie = await sessionCookie(t.db, dee.id, SECRET);
    await t.db.userSession.updateMany({ where: { userId: dee.id }, data: { lastSeenAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) } });
    expect(await as(cookie)).toBeNull();
    const { encode } = await import("next-auth/jwt");
    expect(await as(`next-auth.session-token=${await encode({ token: { uid: dee.id }, secret: SECRET })}`)).toBeNull();
  });

  it("a role change shows at the next request of a live session", async () => {
    const eli = await user("eli@example.com");
    const cookie = await sessionCookie(t.db, eli.id, SECRET);
    await t.db.user.update({ where: { id: eli.id }, data: { role: "admin" } });
    expect(await as(cookie)).toMatchObject({ role: "admin" });
  });
});
