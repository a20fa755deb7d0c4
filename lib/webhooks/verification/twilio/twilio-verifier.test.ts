import twilio from "twilio";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { twilioVerificationConfigSchema } from "./config";
import { twilioParamString, twilioVerifier } from "./twilio-verifier";

// Signatures are made by the `twilio` package (getExpectedTwilioSignature), and its validateRequest /
// validateRequestWithBody are asked whether they agree with our verdict.
const TOKEN = "12345678901234567890123456789012";
const PREVIOUS = "abcdefabcdefabcdefabcdefabcdefab";
const URL = "https://tether.example.com/api/webhooks/in/twilio";
const PARAMS = { MessageSid: "SM0123456789abcdef0123456789abcdef", From: "+14155550100", To: "+14155550199", Body: "Hello & welcome", NumMedia: "0" };
const FORM = new URLSearchParams(PARAMS).toString();
const config = twilioVerificationConfigSchema.parse({ url: URL });

function check(
  header: string | undefined,
  opts: { secrets?: string[]; body?: string; query?: string; headers?: Record<string, string> } = {},
): VerificationResult {
  const headers = { "x-twilio-signature": header, ...opts.headers };
  return twilioVerifier.verify({ rawBody: Buffer.from(opts.body ?? FORM), headers, now: 0, query: opts.query }, config, opts.secrets ?? [TOKEN]);
}

describe("twilio verifier, form parameters", () => {
  const signature = twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS);

  it("accepts what the twilio package signs, with the idempotency token as event id", () => {
    expect(twilio.validateRequest(TOKEN, signature, URL, PARAMS)).toBe(true);
    expect(check(signature, { headers: { "i-twilio-idempotency-token": "idem-1" } })).toEqual({
      ok: true,
      verified: true,
      scheme: "twilio",
      matchedSecretIndex: 0,
      eventId: "idem-1",
    });
  });

  it("sorts parameters by name whatever order the body sends them in", () => {
    const reordered = new URLSearchParams(Object.entries(PARAMS).reverse()).toString();
    expect(check(signature, { body: reordered })).toMatchObject({ ok: true });
  });

  it("signs a repeated parameter's values as the package does", () => {
    const params = { ...PARAMS, MediaUrl: ["https://b.example/2", "https://a.example/1"] };
    const body = new URLSearchParams([...Object.entries(PARAMS), ["MediaUrl", "https://b.example/2"], ["MediaUrl", "https://a.example/1"]]).toString();
    const sig = twilio.getExpectedTwilioSignature(TOKEN, URL, params);
    expect(twilio.validateRequest(TOKEN, sig, URL, params)).toBe(true);
    expect(check(sig, { body })).toMatchObject({ ok: true });
  });

  it("signs the query string as received", () => {
    const sig = twilio.getExpectedTwilioSignature(TOKEN, `${URL}?tenant=acme`, PARAMS);
    expect(check(sig, { query: "tenant=acme" })).toMatchObject({ ok: true });
    expect(check(sig, { query: "tenant=evil" })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sig)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a tampered parameter, as the package does", () => {
    const tampered = { ...PARAMS, Body: "Send money" };
    expect(twilio.validateRequest(TOKEN, signature, URL, tampered)).toBe(false);
    expect(check(signature, { body: new URLSearchParams(tampered).toString() })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects another Auth Token, as the package does", () => {
    const other = twilio.getExpectedTwilioSignature("ffffffffffffffffffffffffffffffff", URL, PARAMS);
    expect(twilio.validateRequest(TOKEN, other, URL, PARAMS)).toBe(false);
    expect(check(other)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rotation: the previous token verifies and reports index 1", () => {
    const old = twilio.getExpectedTwilioSignature(PREVIOUS, URL, PARAMS);
    expect(check(old, { secrets: [TOKEN, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("HMAC-SHA256 when the account signs with a SharedKey", () => {
    const sig = twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS, "HMAC_SHA256");
    const sha256 = twilioVerificationConfigSchema.parse({ url: URL, algorithm: "sha256" });
    const input = { rawBody: Buffer.from(FORM), headers: { "x-twilio-signature": sig }, now: 0 };
    expect(twilioVerifier.verify(input, sha256, [TOKEN])).toMatchObject({ ok: true });
    expect(check(sig)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("builds the parameter string as the package does", () => {
    expect(twilioParamString(new URLSearchParams("b=2&a=1&a=1&a=0"))).toBe("a0a1b2");
  });
});

describe("twilio verifier, JSON body (bodySHA256)", () => {
  const body = '{"event":"message.delivered","sid": "SM1"}';
  const query = `bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  const signedUrl = `${URL}?${query}`;
  const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, {});

  it("accepts what the package accepts", () => {
    expect(twilio.validateRequestWithBody(TOKEN, signature, signedUrl, body)).toBe(true);
    expect(check(signature, { body, query })).toMatchObject({ ok: true, scheme: "twilio" });
  });

  it("rejects a body that does not match bodySHA256, as the package does", () => {
    const tampered = body.replace("delivered", "failed");
    expect(twilio.validateRequestWithBody(TOKEN, signature, signedUrl, tampered)).toBe(false);
    expect(check(signature, { body: tampered, query })).toMatchObject({ ok: false, reason: "bad_signature", detail: expect.stringContaining("bodySHA256") });
  });

  it("rejects a bodySHA256 swapped for the tampered body's hash (the URL is signed)", () => {
    const tampered = body.replace("delivered", "failed");
    expect(check(signature, { body: tampered, query: `bodySHA256=${twilio.getExpectedBodyHash(tampered)}` })).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });
});

describe("twilio verifier, malformed", () => {
  it.each([
    ["empty", ""],
    ["not base64", "%%%"],
    ["sha256 length under sha1", Buffer.alloc(32).toString("base64")],
    ["hex", "a".repeat(40)],
  ])("%s", (_name, header) => {
    expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("a missing header, and no token", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Twilio-Signature" });
    expect(check("x", { secrets: [""] })).toMatchObject({ ok: false, reason: "no_secret" });
  });

  it("refuses a query string in the configured URL", () => {
    expect(twilioVerificationConfigSchema.safeParse({ url: `${URL}?a=1` }).error?.issues[0]?.message).toMatch(/query string/);
  });
});
