import { createHmac } from "node:crypto";
import { WebhooksHelper } from "square";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { squareVerificationConfigSchema } from "./config";
import { squareVerifier } from "./square-verifier";

// Square's SDK only verifies, so each signature is made by Square's published algorithm (base64 HMAC-SHA256 of the
// notification URL followed by the body) and the SDK's WebhooksHelper is asked whether it agrees with our verdict.
const KEY = "sq0wsk-test-signature-key";
const PREVIOUS = "sq0wsk-previous-signature-key";
const URL = "https://tether.example.com/api/webhooks/in/square";
const BODY = '{"merchant_id":"6SSW7HV8K2ST5","type":"payment.updated","event_id":"6a8f5f28-54a1-4eb0-a98a-3111513fd4fc","data":{"type":"payment"}}';
const config = squareVerificationConfigSchema.parse({ notificationUrl: URL });

const sign = (key = KEY, url = URL, body = BODY) =>
  createHmac("sha256", key)
    .update(url + body)
    .digest("base64");
const sdk = (signatureHeader: string, { key = KEY, url = URL, body = BODY } = {}) =>
  WebhooksHelper.verifySignature({ requestBody: body, signatureHeader, signatureKey: key, notificationUrl: url });

function check(header: string | undefined, opts: { secrets?: string[]; body?: string; url?: string } = {}): VerificationResult {
  const cfg = opts.url ? squareVerificationConfigSchema.parse({ notificationUrl: opts.url }) : config;
  const headers = { "x-square-hmacsha256-signature": header };
  return squareVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: 0 }, cfg, opts.secrets ?? [KEY]);
}

describe("square verifier", () => {
  it("accepts what Square's SDK accepts, with the body's event_id", async () => {
    expect(await sdk(sign())).toBe(true);
    expect(check(sign())).toEqual({ ok: true, verified: true, scheme: "square", matchedSecretIndex: 0, eventId: "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc" });
  });

  it("rejects a tampered body, as the SDK does", async () => {
    const tampered = BODY.replace("payment.updated", "payment.created");
    expect(await sdk(sign(), { body: tampered })).toBe(false);
    expect(check(sign(), { body: tampered })).toMatchObject({ ok: false, scheme: "square", reason: "bad_signature" });
  });

  it("rejects another signature key, as the SDK does", async () => {
    expect(await sdk(sign("sq0wsk-someone-else"))).toBe(false);
    expect(check(sign("sq0wsk-someone-else"))).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("signs the notification URL: a source set up with another URL does not verify", async () => {
    const other = "https://tether.example.com/api/webhooks/in/square-2";
    expect(await sdk(sign(), { url: other })).toBe(false);
    expect(check(sign(), { url: other })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rotation: the previous key verifies and reports index 1", () => {
    expect(check(sign(PREVIOUS), { secrets: [KEY, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it.each([
    ["empty", ""],
    ["not base64", "not a signature!"],
    ["31 bytes", Buffer.alloc(31).toString("base64")],
    [
      "hex where base64 belongs",
      createHmac("sha256", KEY)
        .update(URL + BODY)
        .digest("hex"),
    ],
    ["unpadded base64", sign().replace(/=+$/, "")],
  ])("malformed header: %s", (_name, header) => {
    expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("a missing header, and no key", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing x-square-hmacsha256-signature" });
    expect(check(sign(), { secrets: [] })).toMatchObject({ ok: false, reason: "no_secret" });
  });

  it("requires the notification URL in the settings", () => {
    expect(squareVerificationConfigSchema.safeParse({}).success).toBe(false);
    expect(squareVerificationConfigSchema.safeParse({ notificationUrl: "ftp://x" }).success).toBe(false);
  });
});
