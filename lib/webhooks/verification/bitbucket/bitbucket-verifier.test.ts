import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { bitbucketVerifier } from "./bitbucket-verifier";

// Bitbucket publishes no signing package: signatures follow its published algorithm (`sha256=` and the hex
// HMAC-SHA256 of the body, keyed by the webhook secret), computed here with node:crypto.
const SECRET = "bb-webhook-secret";
const BODY = '{"push": {"changes": []}, "repository": {"full_name": "acme/api"}}';
const UUID = "{6f4a0c2e-4b9d-4a44-9c53-0d0b2c8f1a11}";
const sign = (secret = SECRET, body = BODY) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function check(header: string | undefined, opts: { body?: string; secrets?: string[] } = {}): VerificationResult {
  const headers = { "x-hub-signature": header, "x-request-uuid": UUID, "x-event-key": "repo:push" };
  return bitbucketVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: 0 }, {}, opts.secrets ?? [SECRET]);
}

describe("bitbucket verifier", () => {
  it("accepts a valid signature, with X-Request-UUID as the event id", () => {
    expect(check(sign())).toEqual({ ok: true, verified: true, scheme: "bitbucket", matchedSecretIndex: 0, eventId: UUID });
  });

  it("rejects a tampered body and another secret", () => {
    expect(check(sign(), { body: BODY.replace("acme", "evil") })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sign("other"))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(sign("old"), { secrets: [SECRET, "old"] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it.each([
    ["empty", ""],
    ["no sha256= prefix", sign().slice("sha256=".length)],
    ["sha1= (another algorithm)", `sha1=${createHmac("sha1", SECRET).update(BODY).digest("hex")}`],
    ["truncated", sign().slice(0, 50)],
    ["base64", `sha256=${createHmac("sha256", SECRET).update(BODY).digest("base64")}`],
  ])("malformed: %s", (_name, header) => {
    expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("a missing header", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Hub-Signature" });
  });
});
