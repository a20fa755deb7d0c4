// TETHER_PASSWORD_LOGIN=false turns password sign-in off: the form is hidden and next-auth has no credentials
// provider to answer. `npm start` refuses the setting (and does not start) unless an enabled admin has already
// signed in through a configured SSO provider, so switching passwords off can never lock every admin out.
import type { Db } from "../db/client";
import type { AuthConfig } from "../config/auth";

/** Null when the configuration is safe to run; otherwise why it is refused, in words for the operator. */
export async function passwordLoginRefusal(db: Db, config: AuthConfig, github: boolean): Promise<string | null> {
  if (config.passwordLogin) return null;
  const ssoIds = config.oidc.map((p) => p.id);
  if (!ssoIds.length && !github) {
    return "TETHER_PASSWORD_LOGIN=false, but no single sign-on is configured (OIDC_ISSUER, OIDC_<NAME>_ISSUER or GITHUB_ID): nobody could sign in. Configure a provider first.";
  }
  const ssoAdmins = await db.user.count({
    where: {
      role: "admin",
      disabledAt: null,
      OR: [{ identities: { some: { provider: { in: ssoIds } } } }, ...(github ? [{ githubId: { not: null } }] : [])],
    },
  });
  if (ssoAdmins > 0) return null;
  return (
    "TETHER_PASSWORD_LOGIN=false is refused: no enabled admin has signed in through single sign-on yet, so switching passwords off " +
    "would lock every admin out. Keep password sign-in on, sign in once through SSO as an admin (or have an admin give an SSO user the admin role), then set it again."
  );
}
