// A signed-in browser's cookie for tests that call route handlers directly: a real session row and the JWT that
// names it, exactly what a sign-in through next-auth leaves behind (lib/auth/options.ts).
import { encode } from "next-auth/jwt";
import type { Db } from "../../db/client";
import { createSession } from "../sessions";

export async function sessionCookie(db: Db, userId: string, secret: string): Promise<string> {
  const sid = await createSession(db, userId, { ip: "127.0.0.1", userAgent: "test" });
  return `next-auth.session-token=${await encode({ token: { uid: userId, sid }, secret })}`;
}
