// The public side's subscription requests, after the route's policy: subscribe (an HTML form or JSON), confirm and
// unsubscribe (POST only, so a mail scanner that follows links changes nothing), and the feeds. Forms are answered
// with a redirect back to the page, JSON with JSON; access rules of the page apply to subscribing and to the feeds.
import type { Db } from "../../db/client";
import { ApiError } from "../../api/errors";
import { publicUrl } from "../../alerts/incidents/lifecycle";
import type { RateLimits } from "../../auth/rate-limits";
import { requireStatusAccess } from "../serve";
import { statusFeed } from "./feed";
import { subscribeFormInput, subscribeInputSchema } from "./subscribe-input";
import { confirmSubscription, subscribe, unsubscribe } from "./subscribers";

export interface PublicRequestContext {
  slug: string;
  ip: string;
  signedIn: boolean;
  secret: string;
  now?: Date;
}

const isForm = (req: Request) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(req.headers.get("content-type") ?? "");
/**
 * Redirects are relative: behind `npm start`'s server, Next rebuilds req.url from its own configured host name
 * (`localhost`), not the one the browser used, and a redirect to another origin loses the page and its cookies.
 */
const back = (slug: string, query: string) => new Response(null, { status: 303, headers: { location: `/status/${slug}?${query}#subscribe` } });

export async function handleSubscribe(db: Db, limits: RateLimits, req: Request, ctx: PublicRequestContext): Promise<Response> {
  const form = isForm(req);
  const page = await requireStatusAccess(db, ctx.slug, { cookie: req.headers.get("cookie"), signedIn: ctx.signedIn }, ctx.secret);
  let raw: unknown;
  try {
    raw = form ? subscribeFormInput(await req.formData()) : JSON.parse(await req.text());
  } catch {
    throw ApiError.badRequest("Send a form or a JSON body");
  }
  const parsed = subscribeInputSchema.safeParse(raw);
  if (!parsed.success) {
    if (form) return back(page.slug, "subscribe=invalid");
    throw parsed.error;
  }
  const limit = await limits.consume("subscribe", { ip: ctx.ip, subject: `${page.id}:${parsed.data.address}`, target: page.id });
  if (!limit.ok) {
    if (form) return back(page.slug, "subscribe=limited");
    throw new ApiError("rate_limited", "Too many subscription requests; try again later", { retryAfterSeconds: limit.retryAfterSeconds });
  }
  try {
    const result = await subscribe(db, page, parsed.data, ctx.now);
    if (form) return back(page.slug, "subscribe=sent");
    return result.kind === "webhook"
      ? Response.json({ status: "active", id: result.id, secret: result.secret }, { status: 201, headers: { "cache-control": "no-store" } })
      : Response.json({ status: "confirmation_sent" }, { status: 202 });
  } catch (err) {
    if (form && err instanceof ApiError) return back(page.slug, err.code === "conflict" ? "subscribe=off" : "subscribe=invalid");
    throw err;
  }
}

/** Confirm or unsubscribe: the token comes in the form (the buttons of the link pages) or the query (one-click). */
export async function handleSubscriptionLink(db: Db, req: Request, slug: string, now = new Date()): Promise<Response> {
  const url = new URL(req.url);
  const form = isForm(req) ? await req.formData().catch(() => null) : null;
  const field = (name: string) => String(form?.get(name) ?? url.searchParams.get(name) ?? "");
  const action = field("action");
  if (action !== "confirm" && action !== "unsubscribe") throw ApiError.badRequest("Say confirm or unsubscribe");
  const result = action === "confirm" ? await confirmSubscription(db, field("token"), now) : await unsubscribe(db, field("token"), now);
  const outcome = result.kind === "done" ? (action === "confirm" ? "confirmed" : "unsubscribed") : result.kind;
  return new Response(null, { status: 303, headers: { location: `/status/${result.slug ?? slug}?subscription=${outcome}` } });
}

export async function handleFeed(db: Db, req: Request, ctx: Omit<PublicRequestContext, "ip">, format: "rss" | "atom"): Promise<Response> {
  const page = await requireStatusAccess(db, ctx.slug, { cookie: req.headers.get("cookie"), signedIn: ctx.signedIn }, ctx.secret);
  const notices = await db.statusPageNotice.findMany({ where: { pageId: page.id }, orderBy: { occurredAt: "desc" }, take: 50 });
  const feed = statusFeed(page, notices, publicUrl(), ctx.now ?? new Date());
  return new Response(format === "rss" ? feed.rss2() : feed.atom1(), {
    headers: {
      "content-type": format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
      // A protected page's feed is per reader.
      "cache-control": page.access === "public" ? "public, max-age=30" : "private, no-store",
    },
  });
}
