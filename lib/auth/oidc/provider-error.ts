// A provider that answers the callback with an error (RFC 6749 4.1.2.1: the user said no, the client is not
// allowed, ...) is sent to the sign-in page with that error, which next-auth would fold into "OAuthCallback".
// Only the registered codes pass; anything else reads as a failed callback.
const CODES = new Set([
  "access_denied",
  "unauthorized_client",
  "invalid_request",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
  "login_required",
  "consent_required",
  "interaction_required",
  "account_selection_required",
]);

export function providerErrorRedirect(req: Request): Response | null {
  const url = new URL(req.url);
  if (req.method !== "GET" || !/\/api\/auth\/callback\/[^/]+$/.test(url.pathname)) return null;
  const error = url.searchParams.get("error");
  if (!error) return null;
  const code = CODES.has(error) ? error : "OAuthCallback";
  return new Response(null, { status: 302, headers: { location: `/signin?error=${code === "OAuthCallback" ? code : `provider_${code}`}` } });
}
