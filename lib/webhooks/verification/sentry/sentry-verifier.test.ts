import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { sentryVerifier } from "./sentry-verifier";

// Sentry publishes no signing package: signatures follow its published algorithm (the hex HMAC-SHA256 of the
// body, keyed by the integration's client secret), computed here with node:crypto.
const SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const BODY = '{"action":"created","data":{"issue":{"id":"1170820242"}},"installation":{"uuid":"a8e5d37a"}}';
const sign = (secret = SECRET, body = BODY) => createHmac("sha256", secret).update(body).digest("hex");

function check(header: string | undefined, opts: { body?: string; secrets?: string[] } = {}): VerificationResult {
  const headers = { "sentry-hook-signature": header, "sentry-hook-resource": "issue", "request-id": "c2a9b3d1-req", "sentry-hook-timestamp": "1" };
  return sentryVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: 1_750_000_000_000 }, {}, opts.secrets ?? [SECRET]);
}

describe("sentry verifier", () => {
  it("accepts a valid signature, with Request-ID as the event id, whatever the unsigned timestamp says", () => {
    expect(check(sign())).toEqual({ ok: true, verified: true, scheme: "sentry", matchedSecretIndex: 0, eventId: "c2a9b3d1-req" });
  });

  it("rejects a tampered body and another secret", () => {
    expect(check(sign(), { body: BODY.replace("created", "resolved") })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sign("other"))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sign("old"), { secrets: [SECRET, "old"] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it.each([
    ["empty", ""],
    ["prefixed", `sha256=${sign()}`],
    ["truncated", sign().slice(0, 63)],
    ["base64", createHmac("sha256", SECRET).update(BODY).digest("base64")],
  ])("malformed: %s", (_name, header) => {
    expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("a missing header", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing Sentry-Hook-Signature" });
  });
});
