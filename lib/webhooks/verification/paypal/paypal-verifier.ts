// PayPal: the delivery is verified by PayPal itself. The five PAYPAL-* transmission headers, the source's webhook
// ID and the event go back to `POST /v1/notifications/verify-webhook-signature` with an OAuth2 token from the
// source's client credentials (client ID in the settings, client secret as the secret), through the outbound
// guard; PayPal answers SUCCESS or FAILURE. The event is spliced in as the exact bytes received, never parsed and
// re-serialised, since PayPal checks a CRC32 of it. The signed transmission time is held to the tolerance both
// ways; the event's `id` stays the same across PayPal's retries, so it is the event id. When PayPal cannot give a
// verdict (unreachable, 5xx) the result is `unavailable`, which the receiver answers 503 so that PayPal retries.
import { request } from "undici";
import { z } from "zod";
import { classifyNetworkError } from "../../../probes/classify-error";
import { jsonStringField } from "../body-event-id";
import { checkTolerance, fail, requireHeaders, requireKeys } from "../checks";
import type { RemoteVerifier } from "../types";
import { forgetPaypalToken, PAYPAL_TIMEOUT_MS, paypalAccessToken } from "./access-token";
import { PAYPAL_API, type PaypalVerificationConfig } from "./config";

const HEADERS = [
  { name: "paypal-auth-algo", label: "PAYPAL-AUTH-ALGO" },
  { name: "paypal-cert-url", label: "PAYPAL-CERT-URL" },
  { name: "paypal-transmission-id", label: "PAYPAL-TRANSMISSION-ID" },
  { name: "paypal-transmission-sig", label: "PAYPAL-TRANSMISSION-SIG" },
  { name: "paypal-transmission-time", label: "PAYPAL-TRANSMISSION-TIME" },
];
/** ISO 8601 with a zone, as PayPal writes it (`2026-12-01T23:55:00Z`). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const verdictSchema = z.object({ verification_status: z.string() });

function isJsonObject(rawBody: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(rawBody.toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

export const paypalVerifier: RemoteVerifier<PaypalVerificationConfig> = {
  async verify(input, config, secrets, ctx) {
    const usable = secrets.map((secret) => (secret.length > 0 ? [secret] : []));
    const noKeys = requireKeys("paypal", secrets, usable);
    if (noKeys) return noKeys;

    const headers = requireHeaders("paypal", input.headers, HEADERS);
    if (!Array.isArray(headers)) return headers;
    const [authAlgo, certUrl, transmissionId, transmissionSig, transmissionTime] = headers as [string, string, string, string, string];
    const sentAt = ISO_TIME.test(transmissionTime) ? Date.parse(transmissionTime) : NaN;
    if (Number.isNaN(sentAt)) return fail("paypal", "malformed_header", "PAYPAL-TRANSMISSION-TIME is not an ISO 8601 time");
    if (!isJsonObject(input.rawBody)) return fail("paypal", "bad_signature", "The body is not a JSON event, so PayPal cannot have signed it");

    const base = config.apiBaseUrl?.replace(/\/+$/, "") ?? PAYPAL_API[config.environment];
    const fields = {
      auth_algo: authAlgo,
      cert_url: certUrl,
      transmission_id: transmissionId,
      transmission_sig: transmissionSig,
      transmission_time: transmissionTime,
    };
    const postback = Buffer.concat([
      Buffer.from(`${JSON.stringify({ ...fields, webhook_id: config.webhookId }).slice(0, -1)},"webhook_event":`),
      input.rawBody,
      Buffer.from("}"),
    ]);

    const dispatcher = ctx.dispatcher();
    let refused = 0;
    let matched = -1;
    for (const [index, [secret]] of usable.entries()) {
      if (secret === undefined) continue;
      const token = await paypalAccessToken(base, config.clientId, secret, input.now, dispatcher);
      if (token.kind === "refused") {
        refused += 1;
        continue;
      }
      if (token.kind === "unavailable") return fail("paypal", "unavailable", token.detail);
      try {
        const res = await request(`${base}/v1/notifications/verify-webhook-signature`, {
          method: "POST",
          headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json", accept: "application/json" },
          body: postback,
          dispatcher,
          signal: AbortSignal.timeout(PAYPAL_TIMEOUT_MS),
        });
        const text = await res.body.text();
        if (res.statusCode === 401) {
          forgetPaypalToken(base, config.clientId, secret);
          return fail("paypal", "unavailable", "PayPal refused a cached token; the next delivery fetches a new one");
        }
        if (res.statusCode !== 200) return fail("paypal", "unavailable", `PayPal's verify-webhook-signature answered HTTP ${res.statusCode}`);
        const verdict = verdictSchema.safeParse(JSON.parse(text));
        if (!verdict.success) return fail("paypal", "unavailable", "PayPal's verify-webhook-signature answered without verification_status");
        if (verdict.data.verification_status === "SUCCESS") {
          matched = index;
          break;
        }
      } catch (err) {
        return fail(
          "paypal",
          "unavailable",
          `PayPal's verify-webhook-signature: ${err instanceof SyntaxError ? "not JSON" : classifyNetworkError(err).message}`,
        );
      }
    }
    if (matched === -1) {
      return refused === usable.filter((keys) => keys.length > 0).length
        ? fail("paypal", "invalid_secret", `PayPal refused the client ID with each of the ${refused} client secrets`)
        : fail("paypal", "bad_signature", "PayPal says the signature does not verify (wrong webhook ID, or the body or headers were altered)");
    }
    const stale = checkTolerance("paypal", Math.floor(sentAt / 1000), input.now, config.toleranceSeconds);
    if (stale) return stale;

    const eventId = jsonStringField(input.rawBody, "id");
    return { ok: true, verified: true, scheme: "paypal", matchedSecretIndex: matched, timestamp: sentAt, ...(eventId && { eventId }) };
  },
};
