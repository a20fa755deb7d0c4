// The password form's action: checks the password against the page's hash under the sign-in rate limits (keyed
// by page), and answers a redirect back to the page, with the unlock cookie when the password was right.
import type { Db } from "../db/client";
import type { RateLimits } from "../auth/rate-limits";
import { checkPagePassword, unlockCookie } from "./access";
import { findStatusPageBySlug } from "./public-view";

export async function unlockStatusPage(
  db: Db,
  limits: RateLimits,
  slug: string,
  password: string,
  opts: { ip: string; secret: string; secure: boolean },
): Promise<Response> {
  const row = await findStatusPageBySlug(db, slug);
  // Relative: under `npm start` Next rebuilds the request URL from its own host name (localhost), so an absolute
  // redirect would send a reader on 127.0.0.1 to another origin, where the unlock cookie is not sent.
  const back = (query: string) => `/status/${row?.slug ?? "missing"}${query}`;
  if (!row) return new Response(null, { status: 404 });
  const keys = { subject: `status-page:${row.id}`, ip: opts.ip };
  const limit = await limits.check("login", keys);
  if (!limit.ok) return new Response(null, { status: 303, headers: { location: back("?unlock=limited") } });
  if (!(await checkPagePassword(row, password))) {
    await limits.penalize("login", keys);
    return new Response(null, { status: 303, headers: { location: back("?unlock=wrong") } });
  }
  await limits.reset("login", keys.subject);
  return new Response(null, { status: 303, headers: { location: back(""), "set-cookie": unlockCookie(row, opts.secret, opts.secure) } });
}
