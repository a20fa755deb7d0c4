import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { shopifyVerifier } from "./shopify-verifier";

// `@shopify/shopify-api` verifies offline (webhooks.validate), but signs nothing: signatures are made by Shopify's
// published algorithm (base64 HMAC-SHA256 of the body with the client secret), and the package is asked whether
// it agrees with our verdict.
const SECRET = "shpss_0123456789abcdef0123456789abcdef";
const PREVIOUS = "shpss_previous0123456789abcdef012345";
const BODY = '{"id":820982911946154508,"email":"jon@example.com","total_price": "10.00"}';
const shopify = shopifyApi({
  apiKey: "test-key",
  apiSecretKey: SECRET,
  hostName: "tether.example.com",
  apiVersion: ApiVersion.October24,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

const sign = (secret = SECRET, body = BODY) => createHmac("sha256", secret).update(body).digest("base64");
const HEADERS = {
  "x-shopify-topic": "orders/create",
  "x-shopify-shop-domain": "acme.myshopify.com",
  "x-shopify-api-version": "2024-10",
  "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
};

async function sdk(hmac: string, body = BODY): Promise<boolean> {
  const rawRequest = new Request("https://tether.example.com/api/webhooks/in/shop", {
    method: "POST",
    headers: { ...HEADERS, "x-shopify-hmac-sha256": hmac },
    body,
  });
  return (await shopify.webhooks.validate({ rawBody: body, rawRequest })).valid;
}

function check(hmac: string | undefined, opts: { body?: string; secrets?: string[] } = {}): VerificationResult {
  const headers = { ...HEADERS, "x-shopify-hmac-sha256": hmac };
  return shopifyVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: 0 }, {}, opts.secrets ?? [SECRET]);
}

describe("shopify verifier", () => {
  it("accepts what @shopify/shopify-api accepts, with X-Shopify-Event-Id as the event id", async () => {
    expect(await sdk(sign())).toBe(true);
    expect(check(sign())).toEqual({ ok: true, verified: true, scheme: "shopify", matchedSecretIndex: 0, eventId: HEADERS["x-shopify-event-id"] });
  });

  it("rejects a tampered body, as the package does", async () => {
    const tampered = BODY.replace("10.00", "0.01");
    expect(await sdk(sign(), tampered)).toBe(false);
    expect(check(sign(), { body: tampered })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects another secret, as the package does; rotation reports the previous one", async () => {
    expect(await sdk(sign("shpss_someone_else"))).toBe(false);
    expect(check(sign("shpss_someone_else"))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sign(PREVIOUS), { secrets: [SECRET, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it.each([
    ["empty", ""],
    ["hex where base64 belongs", createHmac("sha256", SECRET).update(BODY).digest("hex")],
    ["truncated", sign().slice(0, 40)],
    ["not base64", "!!!!"],
  ])("malformed: %s", async (_name, header) => {
    if (header !== "") expect(await sdk(header)).toBe(false);
    expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("a missing header", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Shopify-Hmac-Sha256" });
  });
});
