// The one way channels POST to a receiver: through the SSRF guard, with a timeout, reading the status, a body
// excerpt and Retry-After, and turning the result into a SendOutcome with every secret scrubbed out of it.
// A refusal by the receiver itself (4xx other than 408/425/429) or by the guard is permanent: resending
// the same request cannot succeed.
import { request } from "undici";
import { classifyNetworkError } from "../../../probes/classify-error";
import { createSafeDispatcher, outboundPolicyFromEnv } from "../../../security/outbound";
import { retryAfterMs } from "../../../webhooks/retry-schedule";
import type { SendContext, SendOutcome } from "../../notification";

export const SEND_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 1_000;
const RETRYABLE_4XX = new Set([408, 425, 429]);
export const REDACTED = "[redacted]";

/** The forms a secret may be echoed in: as is, URL-encoded, and for a secret URL its path and query alone. */
function forms(secret: string): string[] {
  const out = [secret, encodeURIComponent(secret)];
  if (/^https?:\/\//.test(secret)) {
    try {
      const url = new URL(secret);
      const tail = `${url.pathname}${url.search}`;
      if (tail.length >= 8) out.push(tail);
    } catch {
      // Not a URL after all.
    }
  }
  return out;
}

/** Replaces every secret (in each of its forms) in `text`; secrets shorter than 4 characters are not searched for. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Every string field of an outcome scrubbed; a second line of defence behind each channel's own care. */
export function scrubOutcome(outcome: SendOutcome, secrets: readonly string[]): SendOutcome {
  const s = (v: string | null) => (v === null ? null : scrub(v, secrets));
  return {
    ...outcome,
    target: scrub(outcome.target, secrets),
    requestExcerpt: scrub(outcome.requestExcerpt, secrets),
    responseExcerpt: s(outcome.responseExcerpt),
    error: s(outcome.error),
  };
}

export interface PostOptions {
  ctx: SendContext;
  /** Already redacted. */
  target: string;
  headers?: Record<string, string>;
  /** Values to scrub from everything recorded. */
  secrets: readonly string[];
  /** The statuses that mean delivered; any 2xx by default. */
  ok?: (status: number) => boolean;
  /** What to record as the request, when the body itself holds a secret; the body by default. */
  requestExcerpt?: string;
}

export async function postJson(url: string, body: string, opts: PostOptions): Promise<SendOutcome> {
  const base = { target: opts.target, requestExcerpt: (opts.requestExcerpt ?? body).slice(0, 4_000) };
  let outcome: SendOutcome;
  try {
    const res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Tether-Alerts/1", ...opts.headers },
      body,
      dispatcher: createSafeDispatcher(outboundPolicyFromEnv()),
      signal: AbortSignal.any([opts.ctx.signal, AbortSignal.timeout(SEND_TIMEOUT_MS)]),
    });
    const status = res.statusCode;
    const text = (await res.body.text()).slice(0, EXCERPT_CHARS);
    const ok = opts.ok ? opts.ok(status) : status >= 200 && status < 300;
    const header = res.headers["retry-after"];
    outcome = {
      ...base,
      ok,
      responseStatus: status,
      responseExcerpt: text || null,
      error: ok ? null : `HTTP ${status}${text ? `: ${text.split("\n")[0]!.slice(0, 200)}` : ""}`,
      retryAfterMs: ok ? null : retryAfterMs(Array.isArray(header) ? header[0] : header, opts.ctx.now()),
      permanent: !ok && status >= 300 && status < 500 && !RETRYABLE_4XX.has(status),
    };
  } catch (err) {
    const { errorClass, message } = classifyNetworkError(err);
    outcome = { ...base, ok: false, responseStatus: null, responseExcerpt: null, error: message, retryAfterMs: null, permanent: errorClass === "blocked" };
  }
  return scrubOutcome(outcome, opts.secrets);
}
