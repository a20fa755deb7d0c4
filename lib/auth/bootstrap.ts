// First-run accounts and the session secret for the single-machine default. Files live in the data dir with
// mode 0600, next to the embedded database they belong to.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/client";
import { createUser, ensureAdmin } from "../users/service";

export function loadOrCreateAuthSecret(dataDir: string): { secret: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "auth.secret");
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), created: false };
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return { secret, created: true };
}

export const DEMO_ADMIN_EMAIL = "admin@tether.local";

/**
 * The demo's admin: created with a random password into an empty database, and the password kept in the data
 * dir so each start can print it again. Returns the credentials, or null when accounts already exist.
 */
export async function ensureDemoAdmin(db: Db, dataDir: string): Promise<{ email: string; password: string } | null> {
  const file = join(dataDir, "demo-admin.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string };
    if (await db.user.findUnique({ where: { email: saved.email } })) return saved;
  }
  if ((await db.user.count()) > 0) return null;
  const password = randomBytes(12).toString("base64url");
  await createUser(db, null, { email: DEMO_ADMIN_EMAIL, name: "Demo admin", role: "admin", password });
  writeFileSync(file, JSON.stringify({ email: DEMO_ADMIN_EMAIL, password }, null, 2), { mode: 0o600 });
  return { email: DEMO_ADMIN_EMAIL, password };
}

export { ensureAdmin };
