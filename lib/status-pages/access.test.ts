import { describe, expect, it } from "vitest";
import { accessOf, cookieValue, holdsUnlock, unlockCookie, unlockToken } from "./access";

const SECRET = "access-test-secret-0123456789abcdef0123";
const page = { id: "8f5d0a3e-1111-4222-8333-444455556666", slug: "acme", access: "password" as const, passwordHash: "$2b$12$abcdefghijklmnopqrstuv" };

describe("status page access", () => {
  it("grants public pages to anyone and signed-in pages only to the signed in", () => {
    expect(accessOf({ ...page, access: "public", passwordHash: null }, null, false, SECRET)).toEqual({ kind: "granted" });
    expect(accessOf({ ...page, access: "signed_in", passwordHash: null }, null, false, SECRET)).toEqual({ kind: "needs_sign_in" });
    expect(accessOf({ ...page, access: "signed_in", passwordHash: null }, null, true, SECRET)).toEqual({ kind: "granted" });
  });

  it("grants a password page to the holder of its unlock cookie, which a new password, another page or another secret voids", () => {
    const cookie = unlockCookie(page, SECRET, true).split(";")[0]!;
    expect(unlockCookie(page, SECRET, true)).toMatch(/; Path=\/status\/acme; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure$/);
    expect(accessOf(page, `other=1; ${cookie}`, false, SECRET)).toEqual({ kind: "granted" });
    expect(accessOf(page, null, false, SECRET)).toEqual({ kind: "needs_password" });
    expect(accessOf(page, "tether-status-acme=forged", false, SECRET)).toEqual({ kind: "needs_password" });
    expect(holdsUnlock({ ...page, passwordHash: "$2b$12$another" }, cookie, SECRET)).toBe(false);
    expect(holdsUnlock({ ...page, id: "8f5d0a3e-1111-4222-8333-000000000000" }, cookie, SECRET)).toBe(false);
    expect(holdsUnlock(page, cookie, `${SECRET}-rotated`)).toBe(false);
    expect(holdsUnlock({ ...page, passwordHash: null }, `tether-status-acme=${unlockToken({ ...page, passwordHash: null }, SECRET)}`, SECRET)).toBe(false);
    // A signed-in colleague needs no page password.
    expect(accessOf(page, null, true, SECRET)).toEqual({ kind: "granted" });
  });

  it("reads one cookie out of a header", () => {
    expect(cookieValue("a=1; tether-status-acme=x%3Dy; b=2", "tether-status-acme")).toBe("x=y");
    expect(cookieValue(null, "a")).toBeNull();
    expect(cookieValue("aa=1", "a")).toBeNull();
  });
});
