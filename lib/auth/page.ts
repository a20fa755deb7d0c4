// Authorization for server-rendered pages: the same principal resolution as the API, from the request's cookies.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../db/client";
import { resolvePrincipal, type Principal } from "./principal";
import { atLeast, type Role } from "./roles";
import { authSecret } from "./secret";

export async function currentPrincipal(): Promise<Principal | null> {
  const h = await headers();
  return resolvePrincipal(db(), new Request("http://tether.local/", { headers: { cookie: h.get("cookie") ?? "" } }), authSecret()).catch(() => null);
}

/**
 * The signed-in principal if they hold `role`; `null` when signed in without it (render <Forbidden />);
 * redirects to sign-in when nobody is signed in.
 */
export async function requirePage(role: Role, returnTo: string): Promise<Principal | null> {
  const principal = await currentPrincipal();
  if (!principal) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return atLeast(principal.role, role) ? principal : null;
}
