import NextAuth from "next-auth";
import { clientIp, declarePolicy } from "@/lib/api/handler";
import { authOptions } from "@/lib/auth/options";
import { providerErrorRedirect } from "@/lib/auth/oidc/provider-error";

// next-auth's own endpoints (sign-in, callback, csrf, session, sign-out) carry their own CSRF protection. The
// options are built per request so a sign-in records the client's address and user agent on its session.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  providerErrorRedirect(req) ?? NextAuth(authOptions({ ip: clientIp(req), userAgent: req.headers.get("user-agent") ?? undefined }))(req, ctx);

export const GET = declarePolicy("public", handler);
export const POST = declarePolicy("public", handler);
