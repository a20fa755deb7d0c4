// The sign-in page's `error` parameter in words: next-auth's own codes, our SSO refusals (lib/auth/oidc/sign-in.ts)
// and a provider's own answer (lib/auth/oidc/provider-error.ts).
const PROVIDER_ERRORS: Record<string, string> = {
  access_denied: "The identity provider did not let you in (access denied). If you cancelled, try again; otherwise ask your administrator.",
  login_required: "The identity provider needs you to sign in there first.",
  consent_required: "The identity provider needs your consent before Tether can sign you in.",
  interaction_required: "The identity provider needs you to finish signing in there first.",
  unauthorized_client: "The identity provider does not allow Tether to sign people in. Ask your administrator to check the client's settings.",
  invalid_scope: "The identity provider refused the requested scopes. Ask your administrator to check OIDC_SCOPE.",
  server_error: "The identity provider had an error. Try again in a moment.",
  temporarily_unavailable: "The identity provider is unavailable right now. Try again in a moment.",
};

export function describeSignInError(error: string | undefined): string | null {
  if (!error) return null;
  if (error.startsWith("rate_limited:")) {
    const seconds = Number(error.split(":")[1]);
    return `Too many attempts. Try again in ${seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.`;
  }
  if (error.startsWith("provider_")) return PROVIDER_ERRORS[error.slice(9)] ?? "The identity provider refused the sign-in.";
  switch (error) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "AccessDenied":
      return "This account is disabled.";
    case "SsoEmailNotVerified":
      return "Your identity provider has not verified your email address, so Tether cannot sign you in with it. Verify it there, then try again.";
    case "SsoNoRole":
      return "You signed in at your identity provider, but none of your groups gives you a role in Tether. Ask your administrator to add you to a Tether group.";
    case "NoEmail":
      return "The provider did not give Tether a verified email address.";
    case "OAuthSignin":
      return "Could not reach the identity provider to start signing in. Try again, or ask your administrator to check the issuer URL.";
    case "OAuthCallback":
    case "Callback":
      return "The identity provider's answer could not be verified (it may have expired, or been tampered with). Start again from this page.";
    case "OAuthAccountNotLinked":
      return "This email belongs to an account that signs in another way.";
    default:
      return "Sign-in failed. Try again.";
  }
}
