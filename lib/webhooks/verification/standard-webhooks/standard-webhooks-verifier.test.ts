import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { standardWebhooksVerificationConfigSchema } from "./config";
import { signStandardWebhook, standardWebhooksKeys, standardWebhooksVerifier } from "./standard-webhooks-verifier";
import type { VerificationResult } from "../types";

// The test vector published with the Standard Webhooks reference libraries (and Svix's).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1_614_265_330,
  payload: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const NEAR_VECTOR = VECTOR.timestamp * 1000 + 42_000;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

/** Independent of the code under test: base64 after whsec_, or a raw key's own bytes. */
function sign(key: Buffer, id: string, timestamp: number | string, payload: string | Buffer): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.`).update(payload).digest("base64")}`;
}
const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ""), "base64");

function check(
  headers: Partial<Record<"id" | "timestamp" | "signature", string | undefined>>,
  opts: { secrets?: string[]; now?: number; body?: string | Buffer; secretFormat?: "auto" | "base64" | "raw"; brand?: string; tolerance?: number } = {},
): VerificationResult {
  const brand = opts.brand ?? "webhook";
  const all = { id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature: VECTOR.signature, ...headers };
  const config = standardWebhooksVerificationConfigSchema.parse({ secretFormat: opts.secretFormat, toleranceSeconds: opts.tolerance });
  return standardWebhooksVerifier.verify(
    {
      rawBody: Buffer.from(opts.body ?? VECTOR.payload),
      headers: { [`${brand}-id`]: all.id, [`${brand}-timestamp`]: all.timestamp, [`${brand}-signature`]: all.signature },
      now: opts.now ?? NEAR_VECTOR,
    },
    config,
    opts.secrets ?? [VECTOR.secret],
  );
}

const reasonOf = (result: VerificationResult) => (result.ok ? "ok" : result.reason);

describe("standard webhooks verifier", () => {
  describe("the published test vector", () => {
    it("our test-side signer reproduces it (so the other tests sign correctly)", () => {
      expect(sign(keyOf(VECTOR.secret), VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);
    });

    it("verifies with the clock near its timestamp", () => {
      expect(check({})).toEqual({
        ok: true,
        verified: true,
        scheme: "standard_webhooks",
        matchedSecretIndex: 0,
        timestamp: VECTOR.timestamp * 1000,
        eventId: VECTOR.id,
      });
    });

    it("verifies with the secret given without its whsec_ prefix, as the reference libraries allow", () => {
      const bare = VECTOR.secret.slice("whsec_".length);
      expect(reasonOf(check({}, { secrets: [bare] }))).toBe("ok");
      expect(reasonOf(check({}, { secrets: [bare], secretFormat: "base64" }))).toBe("ok");
    });

    it("is stale with today's clock", () => {
      expect(reasonOf(check({}, { now: Date.UTC(2026, 0, 1) }))).toBe("timestamp_too_old");
    });

    it("fails once the payload is parsed and re-serialised", () => {
      const reserialised = JSON.stringify(JSON.parse(VECTOR.payload));
      expect(reserialised).toBe('{"test":2432232314}');
      expect(check({}, { body: reserialised })).toMatchObject({ ok: false, reason: "bad_signature" });
    });

    it("fails when the id or timestamp differs from what was signed", () => {
      expect(reasonOf(check({ id: "msg_other" }))).toBe("bad_signature");
      expect(reasonOf(check({ timestamp: String(VECTOR.timestamp + 1) }))).toBe("bad_signature");
    });
  });

  it("rejects a signature made with another secret", () => {
    expect(check({}, { secrets: [OTHER_SECRET] })).toMatchObject({ ok: false, scheme: "standard_webhooks", reason: "bad_signature" });
  });

  it("rotation: the previous secret, passed second, still verifies and reports index 1", () => {
    expect(check({}, { secrets: [OTHER_SECRET, VECTOR.secret] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("accepts when one of several space-separated entries is valid, skipping v1a and malformed ones", () => {
    const wrong = sign(keyOf(OTHER_SECRET), VECTOR.id, VECTOR.timestamp, VECTOR.payload);
    const header = `${wrong} v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXq v1, v1,!!! ${VECTOR.signature}`;
    expect(check({ signature: header })).toMatchObject({ ok: true, matchedSecretIndex: 0 });
    expect(reasonOf(check({ signature: `${wrong}  ${VECTOR.signature}` }))).toBe("ok");
  });

  it("reads Svix's svix- headers too", () => {
    expect(check({}, { brand: "svix" })).toMatchObject({ ok: true, eventId: VECTOR.id });
    expect(check({ signature: undefined }, { brand: "svix" })).toMatchObject({ reason: "missing_header", detail: "Missing svix-signature" });
  });

  describe("secrets", () => {
    const RAW = "plain-text-key-from-another-provider";
    const T = 1_700_000_000;
    const rawSigned = { id: "msg_1", timestamp: String(T), signature: sign(Buffer.from(RAW), "msg_1", T, VECTOR.payload) };

    it("accepts an unprefixed plain-text secret as its own bytes (auto and raw)", () => {
      expect(reasonOf(check(rawSigned, { secrets: [RAW], now: T * 1000 }))).toBe("ok");
      expect(reasonOf(check(rawSigned, { secrets: [RAW], now: T * 1000, secretFormat: "raw" }))).toBe("ok");
    });

    it("reports invalid_secret when base64 is required and the secret is not base64", () => {
      expect(check(rawSigned, { secrets: [RAW], now: T * 1000, secretFormat: "base64" })).toMatchObject({ ok: false, reason: "invalid_secret" });
      expect(check({}, { secrets: ["whsec_not*base64"] })).toMatchObject({ ok: false, reason: "invalid_secret" });
    });

    it("never reads a whsec_ secret as raw bytes in auto", () => {
      const raw = sign(Buffer.from(VECTOR.secret), VECTOR.id, VECTOR.timestamp, VECTOR.payload);
      expect(reasonOf(check({ signature: raw }))).toBe("bad_signature");
      expect(reasonOf(check({ signature: raw }, { secretFormat: "raw" }))).toBe("ok");
    });

    it("an unreadable secret beside a good one does not stop the good one", () => {
      expect(check({}, { secrets: ["whsec_%%%", VECTOR.secret] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
    });

    it("standardWebhooksKeys reads each format", () => {
      expect(standardWebhooksKeys(VECTOR.secret, "auto")).toEqual([keyOf(VECTOR.secret)]);
      expect(standardWebhooksKeys("AAEC", "auto")).toEqual([Buffer.from([0, 1, 2]), Buffer.from("AAEC")]);
      expect(standardWebhooksKeys("AAEC", "raw")).toEqual([Buffer.from("AAEC")]);
      expect(standardWebhooksKeys("", "auto")).toEqual([]);
      expect(standardWebhooksKeys("whsec_", "auto")).toEqual([]);
    });

    it("reports no_secret when none is given", () => {
      expect(reasonOf(check({}, { secrets: [] }))).toBe("no_secret");
      expect(reasonOf(check({}, { secrets: [""] }))).toBe("no_secret");
    });
  });

  describe("timestamps, checked in both directions", () => {
    const at = (offsetSeconds: number) => check({}, { now: (VECTOR.timestamp + offsetSeconds) * 1000 });

    it("accepts the edges of the 5-minute window", () => {
      expect(reasonOf(at(300))).toBe("ok");
      expect(reasonOf(at(-300))).toBe("ok");
    });

    it("rejects one second past either edge", () => {
      expect(at(301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
      expect(at(-301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
    });

    it("honours a configured tolerance", () => {
      expect(reasonOf(check({}, { now: (VECTOR.timestamp + 11) * 1000, tolerance: 10 }))).toBe("timestamp_too_old");
    });
  });

  describe("malformed headers", () => {
    const sig = VECTOR.signature.slice(3);
    it.each([
      ["empty signature", { signature: "" }],
      ["v1, alone", { signature: "v1," }],
      ["v1 without a comma", { signature: `v1${sig}` }],
      ["v1= instead of v1,", { signature: `v1=${sig}` }],
      ["only a v1a entry", { signature: `v1a,${sig}` }],
      ["an unknown version", { signature: `v2,${sig}` }],
      ["truncated (padding dropped)", { signature: VECTOR.signature.slice(0, -1) }],
      ["truncated (31 bytes)", { signature: `v1,${Buffer.alloc(31, 1).toString("base64")}` }],
      ["too long (33 bytes)", { signature: `v1,${Buffer.alloc(33, 1).toString("base64")}` }],
      ["non-base64 garbage", { signature: "v1,!!!!not-base64!!!!" }],
      ["url-safe base64", { signature: `v1,${Buffer.from(sig, "base64").toString("base64url")}` }],
      ["hex instead of base64", { signature: `v1,${Buffer.from(sig, "base64").toString("hex")}` }],
      ["empty id", { id: "" }],
      ["empty timestamp", { timestamp: "" }],
      ["non-numeric timestamp", { timestamp: "soon" }],
      ["fractional timestamp", { timestamp: `${VECTOR.timestamp}.5` }],
      ["ISO timestamp", { timestamp: new Date(VECTOR.timestamp * 1000).toISOString() }],
    ])("%s", (_name, headers) => {
      expect(check(headers)).toMatchObject({ ok: false, reason: "malformed_header" });
    });

    it("each missing header is named", () => {
      expect(check({ id: undefined })).toMatchObject({ reason: "missing_header", detail: "Missing webhook-id" });
      expect(check({ timestamp: undefined })).toMatchObject({ reason: "missing_header", detail: "Missing webhook-timestamp" });
      expect(check({ signature: undefined })).toMatchObject({ reason: "missing_header", detail: "Missing webhook-signature" });
      expect(check({ id: undefined, timestamp: undefined, signature: undefined })).toMatchObject({
        detail: "Missing webhook-id, webhook-timestamp, webhook-signature",
      });
    });
  });

  it("never puts a secret or the expected signature in the detail", () => {
    const results = [check({}, { secrets: [OTHER_SECRET] }), check({}, { now: Date.UTC(2026, 0, 1) }), check({ signature: "v1,abc" })];
    for (const result of results) {
      expect(result.ok).toBe(false);
      const detail = result.ok ? "" : result.detail;
      for (const leak of [VECTOR.secret.slice(6, 20), OTHER_SECRET.slice(6, 20), VECTOR.signature.slice(3, 20)]) expect(detail).not.toContain(leak);
    }
  });
});

describe("signStandardWebhook", () => {
  it("reproduces the published test vector", () => {
    const headers = signStandardWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.payload, secret: VECTOR.secret });
    expect(headers).toEqual({ "webhook-id": VECTOR.id, "webhook-timestamp": String(VECTOR.timestamp), "webhook-signature": VECTOR.signature });
  });

  it("signs what our own verifier accepts, and refuses a secret that is not base64", () => {
    const body = '{"event":"firing"}';
    const h = signStandardWebhook({ id: "msg_1", timestamp: VECTOR.timestamp, body, secret: OTHER_SECRET });
    const config = standardWebhooksVerificationConfigSchema.parse({});
    const result = standardWebhooksVerifier.verify({ headers: { ...h }, rawBody: Buffer.from(body), now: NEAR_VECTOR }, config, [OTHER_SECRET]);
    expect(result.ok).toBe(true);
    expect(() => signStandardWebhook({ id: "msg_1", timestamp: 1, body, secret: "whsec_!!" })).toThrow(/base64/);
  });
});
