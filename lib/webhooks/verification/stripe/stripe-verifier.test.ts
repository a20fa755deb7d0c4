import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stripeVerificationConfigSchema } from "./config";
import { stripeVerifier } from "./stripe-verifier";
import type { VerificationResult } from "../types";

// Signatures are computed here with node:crypto, independently of the code under test.
const CURRENT = "whsec_current_0123456789abcdef";
const PREVIOUS = "whsec_previous_0123456789abcdef";
const T = 1_750_000_000;
const NOW = T * 1000 + 1_500;
// The space after "amount": makes JSON.stringify(JSON.parse(body)) differ from what was signed.
const BODY = Buffer.from('{"id": "evt_1Nq", "object": "event", "data": {"object": {"amount": 1000}}}');
const config = stripeVerificationConfigSchema.parse({});

const sign = (secret: string, t: number | string = T, body: Buffer = BODY) =>
  createHmac("sha256", Buffer.from(secret, "utf8")).update(`${t}.`).update(body).digest("hex");

function check(header: string | undefined, opts: { secrets?: string[]; now?: number; body?: Buffer; tolerance?: number } = {}): VerificationResult {
  const cfg = opts.tolerance === undefined ? config : stripeVerificationConfigSchema.parse({ toleranceSeconds: opts.tolerance });
  return stripeVerifier.verify({ rawBody: opts.body ?? BODY, headers: { "stripe-signature": header }, now: opts.now ?? NOW }, cfg, opts.secrets ?? [CURRENT]);
}

function reasonOf(result: VerificationResult) {
  return result.ok ? "ok" : result.reason;
}

describe("stripe verifier", () => {
  it("accepts a valid signature and returns the timestamp and event id", () => {
    expect(check(`t=${T},v1=${sign(CURRENT)}`)).toEqual({
      ok: true,
      verified: true,
      scheme: "stripe",
      matchedSecretIndex: 0,
      timestamp: T * 1000,
      eventId: "evt_1Nq",
    });
  });

  it("uses the secret's UTF-8 bytes, whsec_ included (unlike Standard Webhooks, nothing is base64-decoded)", () => {
    const decodedKey = createHmac("sha256", Buffer.from("current_0123456789abcdef", "base64")).update(`${T}.`).update(BODY).digest("hex");
    expect(reasonOf(check(`t=${T},v1=${decodedKey}`))).toBe("bad_signature");
  });

  it("rejects a signature made with another secret", () => {
    const result = check(`t=${T},v1=${sign("whsec_someone_else")}`);
    expect(result).toMatchObject({ ok: false, scheme: "stripe", reason: "bad_signature" });
  });

  it("accepts when one of several v1 signatures is valid, ignoring v0 and unknown schemes", () => {
    const header = `t=${T},v1=${sign("whsec_rolled_out")},v0=${sign("whsec_test_mode")},v1=${sign(CURRENT)},v9=whatever`;
    expect(check(header)).toMatchObject({ ok: true, matchedSecretIndex: 0 });
  });

  it("skips a malformed v1 next to a valid one", () => {
    expect(reasonOf(check(`t=${T},v1=nothex,v1=${sign(CURRENT)}`))).toBe("ok");
  });

  it("tolerates spaces after the commas", () => {
    expect(reasonOf(check(`t=${T}, v1=${sign(CURRENT)}`))).toBe("ok");
  });

  it("rotation: a signature by the previous secret verifies and reports index 1", () => {
    expect(check(`t=${T},v1=${sign(PREVIOUS)}`, { secrets: [CURRENT, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
    // While Stripe rolls the secret it signs with both; the current one is reported.
    expect(check(`t=${T},v1=${sign(PREVIOUS)},v1=${sign(CURRENT)}`, { secrets: [CURRENT, PREVIOUS] })).toMatchObject({ matchedSecretIndex: 0 });
    expect(reasonOf(check(`t=${T},v1=${sign(PREVIOUS)}`, { secrets: [CURRENT] }))).toBe("bad_signature");
  });

  it("rejects a body that was parsed and re-serialised", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString("utf8"))));
    expect(reserialised.equals(BODY)).toBe(false);
    expect(reasonOf(check(`t=${T},v1=${sign(CURRENT)}`, { body: reserialised }))).toBe("bad_signature");
  });

  it("rejects a body changed by one byte", () => {
    const altered = Buffer.from(BODY.toString("utf8").replace("1000", "1001"));
    expect(reasonOf(check(`t=${T},v1=${sign(CURRENT)}`, { body: altered }))).toBe("bad_signature");
  });

  it("signs the body as bytes, so a body that is not UTF-8 verifies as sent", () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    expect(check(`t=${T},v1=${sign(CURRENT, T, binary)}`, { body: binary })).toMatchObject({ ok: true });
    expect(check(`t=${T},v1=${sign(CURRENT, T, binary)}`, { body: binary })).not.toHaveProperty("eventId");
  });

  describe("timestamps, checked in both directions", () => {
    const at = (t: number, opts: { tolerance?: number } = {}) => check(`t=${t},v1=${sign(CURRENT, t)}`, { now: T * 1000, ...opts });

    it("accepts the edges of the default 300 s window", () => {
      expect(reasonOf(at(T - 300))).toBe("ok");
      expect(reasonOf(at(T + 300))).toBe("ok");
    });

    it("rejects one second past either edge", () => {
      expect(at(T - 301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
      expect(at(T + 301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
      expect(reasonOf(at(T - 86_400))).toBe("timestamp_too_old");
    });

    it("honours a configured tolerance", () => {
      expect(reasonOf(at(T - 61, { tolerance: 60 }))).toBe("timestamp_too_old");
      expect(reasonOf(at(T - 60, { tolerance: 60 }))).toBe("ok");
    });

    it("checks the signature first, so a forged old request is a bad signature, not a stale one", () => {
      expect(reasonOf(check(`t=${T - 1000},v1=${sign("whsec_forger", T - 1000)}`))).toBe("bad_signature");
    });

    it("rejects a signature whose t= was moved into the window after signing", () => {
      expect(reasonOf(check(`t=${T},v1=${sign(CURRENT, T - 1000)}`))).toBe("bad_signature");
    });
  });

  describe("malformed headers", () => {
    const good = sign(CURRENT);
    it.each([
      ["empty", ""],
      ["whitespace only", "   "],
      ["no timestamp", `v1=${good}`],
      ["timestamp only", `t=${T}`],
      ["only a v0 signature", `t=${T},v0=${good}`],
      ["empty t=", `t=,v1=${good}`],
      ["non-numeric t=", `t=yesterday,v1=${good}`],
      ["fractional t=", `t=${T}.5,v1=${good}`],
      ["negative t=", `t=-${T},v1=${good}`],
      ["milliseconds in t=", `t=${T}000,v1=${good}`],
      ["two t=", `t=${T},t=${T},v1=${good}`],
      ["an entry without =", `t=${T},v1=${good},garbage`],
      ["a trailing comma", `t=${T},v1=${good},`],
      ["empty v1=", `t=${T},v1=`],
      ["truncated v1 (62 hex)", `t=${T},v1=${good.slice(0, 62)}`],
      ["truncated v1 (odd length)", `t=${T},v1=${good.slice(0, 63)}`],
      ["too long v1", `t=${T},v1=${good}00`],
      ["non-hex v1", `t=${T},v1=${"zz".repeat(32)}`],
      ["base64 where hex belongs", `t=${T},v1=${Buffer.from(good, "hex").toString("base64")}`],
    ])("%s", (_name, header) => {
      expect(check(header)).toMatchObject({ ok: false, scheme: "stripe", reason: "malformed_header" });
    });

    it("a missing header", () => {
      expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing Stripe-Signature" });
    });
  });

  it("reports no_secret before looking at the request", () => {
    expect(reasonOf(check(`t=${T},v1=${sign(CURRENT)}`, { secrets: [] }))).toBe("no_secret");
    expect(reasonOf(check(undefined, { secrets: [""] }))).toBe("no_secret");
    // An empty slot does not shift indices: the match is still reported against the caller's list.
    expect(check(`t=${T},v1=${sign(PREVIOUS)}`, { secrets: ["", PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("never puts a secret or the expected signature in the detail", () => {
    const results = [
      check(`t=${T},v1=${sign("whsec_other")}`, { secrets: [CURRENT, PREVIOUS] }),
      check(`t=${T - 1000},v1=${sign(CURRENT, T - 1000)}`, { secrets: [CURRENT, PREVIOUS] }),
      check(`t=${T},v1=${sign(CURRENT).slice(0, 40)}`, { secrets: [CURRENT, PREVIOUS] }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      const detail = result.ok ? "" : result.detail;
      for (const secret of [CURRENT, PREVIOUS, "current_0123", "previous_0123"]) expect(detail).not.toContain(secret);
      expect(detail).not.toContain(sign(CURRENT).slice(0, 16));
      expect(detail).not.toContain(sign(PREVIOUS).slice(0, 16));
    }
  });
});
