// PayPal's OAuth2 client-credentials token, cached per (API, client ID, secret) until shortly before its
// `expires_in`, so a burst of deliveries costs one token request. The clock is the caller's (`now`).
import { createHash } from "node:crypto";
import { request, type Dispatcher } from "undici";
import { z } from "zod";
import { classifyNetworkError } from "../../../probes/classify-error";

export const PAYPAL_TIMEOUT_MS = 5_000;
/** A token is renewed this long before PayPal says it expires, so none is used while it lapses in flight. */
const EARLY_MS = 60_000;

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

export type TokenOutcome = { kind: "token"; token: string } | { kind: "refused" } | { kind: "unavailable"; detail: string };

const cache = new Map<string, { token: string; expiresAt: number }>();
const MAX_CACHED = 100;

const cacheKey = (base: string, clientId: string, secret: string) => `${base}\n${clientId}\n${createHash("sha256").update(secret).digest("hex")}`;

export async function paypalAccessToken(base: string, clientId: string, secret: string, now: number, dispatcher: Dispatcher): Promise<TokenOutcome> {
  const key = cacheKey(base, clientId, secret);
  const hit = cache.get(key);
  if (hit && now < hit.expiresAt) return { kind: "token", token: hit.token };
  try {
    const res = await request(`${base}/v1/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: "grant_type=client_credentials",
      dispatcher,
      signal: AbortSignal.timeout(PAYPAL_TIMEOUT_MS),
    });
    const text = await res.body.text();
    // PayPal answers wrong credentials with 401 invalid_client (400 for some malformed ones).
    if (res.statusCode === 401 || res.statusCode === 400) return { kind: "refused" };
    if (res.statusCode !== 200) return { kind: "unavailable", detail: `PayPal's token endpoint answered HTTP ${res.statusCode}` };
    const parsed = tokenSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return { kind: "unavailable", detail: "PayPal's token endpoint answered without access_token and expires_in" };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, { token: parsed.data.access_token, expiresAt: now + Math.max(0, parsed.data.expires_in * 1000 - EARLY_MS) });
    return { kind: "token", token: parsed.data.access_token };
  } catch (err) {
    return { kind: "unavailable", detail: `PayPal's token endpoint: ${err instanceof SyntaxError ? "not JSON" : classifyNetworkError(err).message}` };
  }
}

/** Drops a token PayPal no longer accepts, so the next delivery fetches a new one. */
export function forgetPaypalToken(base: string, clientId: string, secret: string): void {
  cache.delete(cacheKey(base, clientId, secret));
}
