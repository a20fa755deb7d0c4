// Who may read a status page. Public pages: anyone. Signed-in pages: any Tether user or token. Password pages:
// whoever holds the unlock cookie, an HMAC of the page's id and password hash under the app secret, so it
// cannot be forged and a new password voids every cookie made from the old one.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { StatusPage } from "../db/generated/client";
import { verifyPassword } from "../auth/passwords";

export const UNLOCK_MAX_AGE_S = 30 * 24 * 3600;

export const unlockCookieName = (slug: string) => `tether-status-${slug}`;

export function unlockToken(page: Pick<StatusPage, "id" | "passwordHash">, secret: string): string {
  return createHmac("sha256", secret)
    .update(`status-page-unlock:${page.id}:${page.passwordHash ?? ""}`)
    .digest("base64url");
}

/** A cookie header's value of one cookie, or null. */
export function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function holdsUnlock(page: Pick<StatusPage, "id" | "slug" | "passwordHash">, cookieHeader: string | null, secret: string): boolean {
  const given = cookieValue(cookieHeader, unlockCookieName(page.slug));
  if (!given || !page.passwordHash) return false;
  const want = Buffer.from(unlockToken(page, secret));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

export type AccessDecision = { kind: "granted" } | { kind: "needs_password" } | { kind: "needs_sign_in" };

/** The decision for one request: `signedIn` says whether it carries a Tether session or token. */
export function accessOf(
  page: Pick<StatusPage, "id" | "slug" | "access" | "passwordHash">,
  cookieHeader: string | null,
  signedIn: boolean,
  secret: string,
): AccessDecision {
  if (page.access === "public") return { kind: "granted" };
  if (page.access === "signed_in") return signedIn ? { kind: "granted" } : { kind: "needs_sign_in" };
  // A signed-in colleague needs no page password.
  return signedIn || holdsUnlock(page, cookieHeader, secret) ? { kind: "granted" } : { kind: "needs_password" };
}

/** Checks a password typed into the page's form; a page with no password set never unlocks. */
export async function checkPagePassword(page: Pick<StatusPage, "access" | "passwordHash">, password: string): Promise<boolean> {
  if (page.access !== "password" || !page.passwordHash) return false;
  return verifyPassword(password.slice(0, 200), page.passwordHash);
}

/** The Set-Cookie value that unlocks the page for its own path only. */
export function unlockCookie(page: Pick<StatusPage, "id" | "slug" | "passwordHash">, secret: string, secure: boolean): string {
  return [
    `${unlockCookieName(page.slug)}=${unlockToken(page, secret)}`,
    `Path=/status/${page.slug}`,
    `Max-Age=${UNLOCK_MAX_AGE_S}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
