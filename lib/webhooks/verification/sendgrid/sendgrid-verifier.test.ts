import { EventWebhook } from "@sendgrid/eventwebhook";
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { sendgridVerificationConfigSchema } from "./config";
import { sendgridBatchId, sendgridVerifier } from "./sendgrid-verifier";

// SendGrid signs with its private key, which only SendGrid holds, so a key pair is made here, signed by SendGrid's
// published algorithm (ECDSA P-256 over SHA-256 of timestamp + body, base64 DER), and `@sendgrid/eventwebhook` is
// asked whether it agrees with our verdict.
const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const shown = (key: ReturnType<typeof pair>["publicKey"]) => key.export({ format: "der", type: "spki" }).toString("base64");
const SENDGRID = pair();
const PUBLIC_KEY = shown(SENDGRID.publicKey);
const T = 1_750_000_000;
const NOW = T * 1000 + 2_000;
const BODY =
  '[{"email":"a@example.com","event":"delivered","sg_event_id":"ZGVsaXZlcmVk-1","timestamp":1750000000},{"email":"b@example.com","event":"open","sg_event_id":"b3Blbg-2"}]';
const config = sendgridVerificationConfigSchema.parse({});

const signature = (t: number | string = T, body = BODY, privateKey = SENDGRID.privateKey) =>
  sign("sha256", Buffer.from(`${t}${body}`), privateKey).toString("base64");
const sdk = (sig: string, t: number | string = T, body = BODY, key = PUBLIC_KEY) => {
  const webhook = new EventWebhook();
  return webhook.verifySignature(webhook.convertPublicKeyToECDSA(key), body, sig, String(t));
};

function check(sig: string | undefined, opts: { t?: string | number; body?: string; secrets?: string[]; now?: number } = {}): VerificationResult {
  const headers = {
    "x-twilio-email-event-webhook-signature": sig,
    "x-twilio-email-event-webhook-timestamp": opts.t === undefined ? String(T) : String(opts.t),
  };
  return sendgridVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: opts.now ?? NOW }, config, opts.secrets ?? [PUBLIC_KEY]);
}

describe("sendgrid verifier", () => {
  it("accepts what @sendgrid/eventwebhook accepts, with the batch id and timestamp", () => {
    const sig = signature();
    expect(sdk(sig)).toBe(true);
    expect(check(sig)).toEqual({
      ok: true,
      verified: true,
      scheme: "sendgrid",
      matchedSecretIndex: 0,
      timestamp: T * 1000,
      eventId: sendgridBatchId(Buffer.from(BODY)),
    });
  });

  it("reads the key as PEM too", () => {
    const pem = SENDGRID.publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(check(signature(), { secrets: [pem] })).toMatchObject({ ok: true });
  });

  it("rejects a tampered body, as the package does", () => {
    const tampered = BODY.replace("delivered", "bounce");
    expect(sdk(signature(), T, tampered)).toBe(false);
    expect(check(signature(), { body: tampered })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a timestamp moved after signing, as the package does", () => {
    expect(sdk(signature(), T + 1)).toBe(false);
    expect(check(signature(), { t: T + 1 })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects another key, as the package does", () => {
    const other = pair();
    expect(sdk(signature(T, BODY, other.privateKey))).toBe(false);
    expect(check(signature(T, BODY, other.privateKey))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(signature(), { secrets: [shown(other.publicKey), PUBLIC_KEY] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("holds the signed timestamp to the tolerance both ways (the package does not check it)", () => {
    const at = (t: number) => check(signature(t), { t, now: T * 1000 });
    expect(sdk(signature(T - 301), T - 301)).toBe(true);
    expect(at(T - 300)).toMatchObject({ ok: true });
    expect(at(T + 300)).toMatchObject({ ok: true });
    expect(at(T - 301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
    expect(at(T + 301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
  });

  it.each([
    ["empty signature", "", String(T)],
    ["signature not base64", "@@@", String(T)],
    ["signature not DER", Buffer.alloc(64, 1).toString("base64"), String(T)],
    ["timestamp in milliseconds", "SIG", `${T}000`],
    ["timestamp not a number", "SIG", "yesterday"],
  ])("malformed: %s", (_name, sig, t) => {
    expect(check(sig === "SIG" ? signature(t) : sig, { t })).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("missing headers, no key and an unreadable key", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Twilio-Email-Event-Webhook-Signature" });
    expect(check(signature(), { secrets: [] })).toMatchObject({ ok: false, reason: "no_secret" });
    expect(check(signature(), { secrets: ["not a key"] })).toMatchObject({ ok: false, reason: "invalid_secret" });
    const ed = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).toString("base64");
    expect(check(signature(), { secrets: [ed] })).toMatchObject({ ok: false, reason: "invalid_secret" });
  });

  it("gives a batch the same id whatever order its events come in, and none without event ids", () => {
    const events = JSON.parse(BODY) as unknown[];
    const reversed = Buffer.from(JSON.stringify([...events].reverse()));
    expect(sendgridBatchId(reversed)).toBe(sendgridBatchId(Buffer.from(BODY)));
    expect(sendgridBatchId(Buffer.from(BODY))).toMatch(/^sg_batch:[0-9a-f]{32}$/);
    expect(sendgridBatchId(Buffer.from('[{"event":"open"}]'))).toBeUndefined();
    expect(sendgridBatchId(Buffer.from('{"sg_event_id":"x"}'))).toBeUndefined();
  });
});
