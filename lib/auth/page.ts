// Authorization for server-rendered pages: the same principal resolution as the API, from the request's cookies.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isDatabaseUnavailable } from "../api/errors";
import { db } from "../db/client";
import { resolvePrincipal, type Principal } from "./principal";
import { atLeast, type Role } from "./roles";
import { authSecret } from "./secret";

/** The signed-in principal, or null; never throws (the root layout calls it, and its errors reach no boundary). */
export async function currentPrincipal(): Promise<Principal | null> {
  return pagePrincipal().catch(() => null);
}

/**
 * As currentPrincipal, except that an unreachable database throws, so the page shows app/error.tsx's "database
 * unavailable" state instead of sending a signed-in user to the sign-in page. Once per request (React's cache):
 * the layout and the page share one lookup, so an unresponsive database costs a request one timeout, not two.
 */
const pagePrincipal = cache(async (): Promise<Principal | null> => {
  const h = await headers();
  return resolvePrincipal(db(), new Request("http://tether.local/", { headers: { cookie: h.get("cookie") ?? "" } }), authSecret()).catch((err: unknown) => {
    if (isDatabaseUnavailable(err)) throw err;
    return null;
  });
});

/**
 * The signed-in principal if they hold `role`; `null` when signed in without it (render <Forbidden />);
 * redirects to sign-in when nobody is signed in.
 */
export async function requirePage(role: Role, returnTo: string): Promise<Principal | null> {
  const principal = await pagePrincipal();
  if (!principal) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return atLeast(principal.role, role) ? principal : null;
}
