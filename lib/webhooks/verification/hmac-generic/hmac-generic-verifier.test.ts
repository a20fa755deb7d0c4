import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacVerificationConfigSchema, type HmacVerificationConfig } from "./config";
import { hmacVerifier } from "./hmac-generic-verifier";
import type { VerificationResult } from "../types";

const CURRENT = "generic-current-secret";
const PREVIOUS = "generic-previous-secret";
const T = 1_760_000_000;
const NOW = T * 1000 + 900;
const BODY = Buffer.from('{"event": "order.paid", "id": 991}');

type Alg = "sha1" | "sha256" | "sha512";
const mac = (secret: string, content: string | Buffer, alg: Alg = "sha256", enc: "hex" | "base64" = "hex") =>
  createHmac(alg, secret).update(content).digest(enc);
const withTs = (t: number | string, body: Buffer = BODY) => Buffer.concat([Buffer.from(`${t}.`), body]);

const bodyOnly = hmacVerificationConfigSchema.parse({ header: "X-Signature", prefix: "sha256=" });
const timestamped = hmacVerificationConfigSchema.parse({
  header: "x-signature",
  signedContent: "{timestamp}.{body}",
  timestampHeader: "X-Timestamp",
  eventIdHeader: "X-Event-Id",
});

function check(
  config: HmacVerificationConfig,
  headers: Record<string, string | undefined>,
  opts: { secrets?: string[]; now?: number; body?: Buffer } = {},
): VerificationResult {
  return hmacVerifier.verify({ rawBody: opts.body ?? BODY, headers, now: opts.now ?? NOW }, config, opts.secrets ?? [CURRENT]);
}
const reasonOf = (result: VerificationResult) => (result.ok ? "ok" : result.reason);

describe("generic hmac verifier", () => {
  it("accepts a prefixed hex signature of the body", () => {
    expect(check(bodyOnly, { "x-signature": `sha256=${mac(CURRENT, BODY)}` })).toEqual({ ok: true, verified: true, scheme: "hmac", matchedSecretIndex: 0 });
  });

  it.each([
    ["sha1", "hex"],
    ["sha1", "base64"],
    ["sha256", "hex"],
    ["sha256", "base64"],
    ["sha512", "hex"],
    ["sha512", "base64"],
  ] as const)("accepts %s / %s", (algorithm, encoding) => {
    const config = hmacVerificationConfigSchema.parse({ header: "x-sig", algorithm, encoding });
    expect(reasonOf(check(config, { "x-sig": mac(CURRENT, BODY, algorithm, encoding) }))).toBe("ok");
    expect(reasonOf(check(config, { "x-sig": mac("wrong", BODY, algorithm, encoding) }))).toBe("bad_signature");
  });

  it("refuses a signature of another algorithm by its length", () => {
    const config = hmacVerificationConfigSchema.parse({ header: "x-sig", algorithm: "sha512" });
    expect(reasonOf(check(config, { "x-sig": mac(CURRENT, BODY, "sha256") }))).toBe("malformed_header");
  });

  it("accepts a signed timestamp and returns it with the event id", () => {
    const result = check(timestamped, { "x-signature": mac(CURRENT, withTs(T)), "x-timestamp": String(T), "x-event-id": " evt_77 " });
    expect(result).toEqual({ ok: true, verified: true, scheme: "hmac", matchedSecretIndex: 0, timestamp: T * 1000, eventId: "evt_77" });
  });

  it("rejects a signature made with another secret", () => {
    expect(check(bodyOnly, { "x-signature": `sha256=${mac("someone-else", BODY)}` })).toMatchObject({ ok: false, scheme: "hmac", reason: "bad_signature" });
  });

  it("rejects a body-only signature when {timestamp}.{body} is configured", () => {
    expect(reasonOf(check(timestamped, { "x-signature": mac(CURRENT, BODY), "x-timestamp": String(T) }))).toBe("bad_signature");
  });

  it("accepts when one of several separated signatures is valid", () => {
    const config = hmacVerificationConfigSchema.parse({ header: "x-sig", prefix: "v1=", separator: "," });
    const header = `v1=${mac(PREVIOUS, BODY)}, v0=${mac(CURRENT, BODY)}, v1=zz, v1=${mac(CURRENT, BODY)}`;
    expect(check(config, { "x-sig": header })).toMatchObject({ ok: true, matchedSecretIndex: 0 });
    // Without a separator configured the same header is one unreadable signature.
    expect(reasonOf(check(hmacVerificationConfigSchema.parse({ header: "x-sig", prefix: "v1=" }), { "x-sig": header }))).toBe("malformed_header");
  });

  it("rotation: the previous secret, passed second, verifies and reports index 1", () => {
    expect(check(bodyOnly, { "x-signature": `sha256=${mac(PREVIOUS, BODY)}` }, { secrets: [CURRENT, PREVIOUS] })).toMatchObject({
      ok: true,
      matchedSecretIndex: 1,
    });
  });

  it("rejects a body that was parsed and re-serialised", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString("utf8"))));
    expect(reserialised.equals(BODY)).toBe(false);
    expect(reasonOf(check(bodyOnly, { "x-signature": `sha256=${mac(CURRENT, BODY)}` }, { body: reserialised }))).toBe("bad_signature");
    const signed = { "x-signature": mac(CURRENT, withTs(T)), "x-timestamp": String(T) };
    expect(reasonOf(check(timestamped, signed, { body: reserialised }))).toBe("bad_signature");
  });

  describe("timestamps, checked in both directions", () => {
    const at = (t: number, config = timestamped) => check(config, { "x-signature": mac(CURRENT, withTs(t)), "x-timestamp": String(t) }, { now: T * 1000 });

    it("accepts the edges and rejects one second past them", () => {
      expect(reasonOf(at(T - 300))).toBe("ok");
      expect(reasonOf(at(T + 300))).toBe("ok");
      expect(reasonOf(at(T - 301))).toBe("timestamp_too_old");
      expect(reasonOf(at(T + 301))).toBe("timestamp_in_future");
    });

    it("honours a configured tolerance", () => {
      const tight = hmacVerificationConfigSchema.parse({ ...timestamped, toleranceSeconds: 5 });
      expect(reasonOf(at(T - 6, tight))).toBe("timestamp_too_old");
    });

    it("ignores the clock entirely for body-only signatures", () => {
      expect(reasonOf(check(bodyOnly, { "x-signature": `sha256=${mac(CURRENT, BODY)}` }, { now: 0 }))).toBe("ok");
    });
  });

  describe("malformed headers", () => {
    const good = `sha256=${mac(CURRENT, BODY)}`;
    it.each([
      ["empty", ""],
      ["prefix alone", "sha256="],
      ["missing prefix", mac(CURRENT, BODY)],
      ["wrong prefix", `sha1=${mac(CURRENT, BODY)}`],
      ["truncated", good.slice(0, -2)],
      ["odd length", good.slice(0, -1)],
      ["non-hex", `sha256=${"q".repeat(64)}`],
    ])("%s", (_name, header) => {
      expect(check(bodyOnly, { "x-signature": header })).toMatchObject({ ok: false, reason: "malformed_header" });
    });

    it("garbage where base64 is expected", () => {
      const config = hmacVerificationConfigSchema.parse({ header: "x-sig", encoding: "base64" });
      for (const header of ["not base64 at all", mac(CURRENT, BODY), mac(CURRENT, BODY, "sha256", "base64").slice(0, -1)]) {
        expect(reasonOf(check(config, { "x-sig": header })), header).toBe("malformed_header");
      }
    });

    it("a bad or missing timestamp", () => {
      const sig = mac(CURRENT, withTs(T));
      expect(reasonOf(check(timestamped, { "x-signature": sig, "x-timestamp": "abc" }))).toBe("malformed_header");
      expect(reasonOf(check(timestamped, { "x-signature": sig, "x-timestamp": `${T}000` }))).toBe("malformed_header");
      expect(check(timestamped, { "x-signature": sig })).toMatchObject({ reason: "missing_header", detail: "Missing x-timestamp" });
    });

    it("a missing signature header", () => {
      expect(check(bodyOnly, {})).toMatchObject({ reason: "missing_header", detail: "Missing x-signature" });
    });
  });

  it("reports no_secret when none is usable", () => {
    expect(reasonOf(check(bodyOnly, { "x-signature": `sha256=${mac(CURRENT, BODY)}` }, { secrets: [] }))).toBe("no_secret");
  });

  it("never puts a secret or the expected signature in the detail", () => {
    const result = check(bodyOnly, { "x-signature": `sha256=${mac("other", BODY)}` }, { secrets: [CURRENT, PREVIOUS] });
    expect(result.ok).toBe(false);
    const detail = result.ok ? "" : result.detail;
    for (const leak of [CURRENT, PREVIOUS, mac(CURRENT, BODY).slice(0, 16), mac(PREVIOUS, BODY).slice(0, 16)]) expect(detail).not.toContain(leak);
  });
});
