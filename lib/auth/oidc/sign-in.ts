// What an OpenID Connect sign-in does to our users, once next-auth has validated the ID token: find the user by
// the provider's `sub` (or link by a verified email), apply the role the groups map to (unless an admin locked
// it), or refuse with a reason the sign-in page puts in words.
import type { Db } from "../../db/client";
import { audit } from "../../audit/audit-log";
import type { OidcProviderConfig } from "../../config/auth";
import { isLastActiveAdmin } from "../../users/admins";
import { roleFromClaims } from "./role-mapping";

export type SsoRefusal = "email_not_verified" | "no_role" | "disabled" | "no_subject";
export type SsoOutcome = { kind: "ok"; userId: string } | { kind: "refused"; reason: SsoRefusal };

/** The sign-in page's `error` parameter for each refusal (components/auth/sign-in-errors.ts puts them in words). */
export const REFUSAL_ERROR: Record<SsoRefusal, string> = {
  email_not_verified: "SsoEmailNotVerified",
  no_role: "SsoNoRole",
  disabled: "AccessDenied",
  no_subject: "OAuthCallback",
};

export async function signInWithOidc(
  db: Db,
  provider: OidcProviderConfig,
  claims: Record<string, unknown>,
  ip?: string,
  now = new Date(),
): Promise<SsoOutcome> {
  const sub = typeof claims.sub === "string" ? claims.sub : null;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  const label = email ?? sub ?? "unknown";
  const refuse = async (reason: SsoRefusal, why: string): Promise<SsoOutcome> => {
    await audit(db, { label }, { action: "auth.sso_refused", summary: `${provider.name} sign-in refused for ${label}: ${why}`, ip });
    return { kind: "refused", reason };
  };
  if (!sub) return refuse("no_subject", "the ID token has no subject");
  // Some providers (Cognito) send the flag as a string. Anything else is not verified.
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (!email || !verified) return refuse("email_not_verified", "the provider did not verify the email address");

  const identity = await db.userIdentity.findUnique({ where: { provider_subject: { provider: provider.id, subject: sub } }, include: { user: true } });
  const existing = identity?.user ?? (await db.user.findUnique({ where: { email } }));
  if (existing?.disabledAt) return refuse("disabled", "the account is disabled");
  const decision = roleFromClaims(claims, provider.roles);
  if (decision.kind === "refused" && !existing?.roleLocked) {
    const groups = decision.groups.length ? decision.groups.join(", ") : "none";
    return refuse("no_role", `no group maps to a role (claim ${provider.roles.claim}: ${groups})`);
  }

  return db.$transaction(async (tx) => {
    let user = existing;
    if (!user) {
      const role = decision.kind === "role" ? decision.role : "viewer";
      const name = typeof claims.name === "string" ? claims.name.slice(0, 100) : null;
      user = await tx.user.create({ data: { email, name, role, lastLoginAt: now } });
      await audit(
        tx,
        { label: provider.name },
        {
          action: "user.create",
          summary: `Created ${email} as ${role} at first ${provider.name} sign-in (${decision.kind === "role" ? decision.from : "locked"})`,
          targetType: "user",
          targetId: user.id,
          ip,
        },
      );
    } else {
      let role = !user.roleLocked && decision.kind === "role" ? decision.role : user.role;
      // The guard the Users page has: the provider's groups never demote the last active admin (nobody could
      // administer Tether afterwards, least of all with password sign-in off). The admin keeps the role until
      // someone else is admin; the audit log says so.
      const lastAdmin = user.role === "admin" && role !== "admin" && (await isLastActiveAdmin(tx, user.id));
      if (lastAdmin) {
        await audit(
          tx,
          { label: provider.name },
          {
            action: "user.update",
            summary: `Kept ${user.email} admin: ${provider.name} maps them to ${role}, but they are the last active admin`,
            targetType: "user",
            targetId: user.id,
            ip,
          },
        );
        role = "admin";
      }
      await tx.user.update({ where: { id: user.id }, data: { role, lastLoginAt: now } });
      if (role !== user.role) {
        await audit(
          tx,
          { label: provider.name },
          {
            action: "user.update",
            summary: `Updated ${user.email}: role ${user.role} -> ${role} from ${provider.name} (${decision.kind === "role" ? decision.from : ""})`,
            targetType: "user",
            targetId: user.id,
            ip,
          },
        );
      }
    }
    await tx.userIdentity.upsert({
      where: { provider_subject: { provider: provider.id, subject: sub } },
      create: { provider: provider.id, subject: sub, userId: user.id, createdAt: now, lastLoginAt: now },
      update: { lastLoginAt: now },
    });
    await audit(
      tx,
      { label: user.email, userId: user.id },
      {
        action: "auth.login",
        summary: `${user.email} signed in with ${provider.name}`,
        targetType: "user",
        targetId: user.id,
        ip,
      },
    );
    return { kind: "ok", userId: user.id };
  });
}
