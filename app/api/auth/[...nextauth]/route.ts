import NextAuth from "next-auth";
import { declarePolicy } from "@/lib/api/handler";
import { authOptions } from "@/lib/auth/options";

// next-auth's own endpoints (sign-in, callback, csrf, session, sign-out) carry their own CSRF protection.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(authOptions())(req, ctx);

export const GET = declarePolicy("public", handler);
export const POST = declarePolicy("public", handler);
