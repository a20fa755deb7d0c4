import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slackVerificationConfigSchema } from "./config";
import { slackVerifier } from "./slack-verifier";
import type { VerificationResult } from "../types";

const CURRENT = "8f742231b10e8888abcd99yyyzzz85a5";
const PREVIOUS = "1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a";
const T = 1_531_420_618;
const NOW = T * 1000 + 2_000;
const BODY = Buffer.from('{"token": "x", "event_id": "Ev9UQ52YNA", "event": {"type": "app_mention", "text": "hi"}}');
const config = slackVerificationConfigSchema.parse({});

const sign = (secret: string, t: number | string = T, body: Buffer = BODY) =>
  `v0=${createHmac("sha256", secret).update(`v0:${t}:`).update(body).digest("hex")}`;

function check(
  signature: string | undefined,
  // null leaves the header out (undefined would take the default).
  timestamp: string | null = String(T),
  opts: { secrets?: string[]; now?: number; body?: Buffer; tolerance?: number } = {},
): VerificationResult {
  const cfg = opts.tolerance === undefined ? config : slackVerificationConfigSchema.parse({ toleranceSeconds: opts.tolerance });
  const headers = { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp ?? undefined };
  return slackVerifier.verify({ rawBody: opts.body ?? BODY, headers, now: opts.now ?? NOW }, cfg, opts.secrets ?? [CURRENT]);
}

const reasonOf = (result: VerificationResult) => (result.ok ? "ok" : result.reason);

describe("slack verifier", () => {
  it("accepts a valid signature and returns the timestamp and Events API event_id", () => {
    expect(check(sign(CURRENT))).toEqual({ ok: true, verified: true, scheme: "slack", matchedSecretIndex: 0, timestamp: T * 1000, eventId: "Ev9UQ52YNA" });
  });

  it("verifies a form-encoded body (slash command) without an event id", () => {
    const form = Buffer.from("token=x&team_id=T1&command=%2Fweather&text=94070");
    const result = check(sign(CURRENT, T, form), String(T), { body: form });
    expect(result).toMatchObject({ ok: true, matchedSecretIndex: 0 });
    expect(result).not.toHaveProperty("eventId");
  });

  it("rejects a signature made with another secret", () => {
    expect(check(sign("another-signing-secret"))).toMatchObject({ ok: false, scheme: "slack", reason: "bad_signature" });
  });

  it("rotation: a signature by the previous secret verifies and reports index 1", () => {
    expect(check(sign(PREVIOUS), String(T), { secrets: [CURRENT, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("rejects a body that was parsed and re-serialised", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString("utf8"))));
    expect(reserialised.equals(BODY)).toBe(false);
    expect(reasonOf(check(sign(CURRENT), String(T), { body: reserialised }))).toBe("bad_signature");
  });

  it("rejects a timestamp header changed after signing", () => {
    expect(reasonOf(check(sign(CURRENT, T - 10), String(T)))).toBe("bad_signature");
  });

  describe("timestamps, checked in both directions", () => {
    const at = (t: number, tolerance?: number) => check(sign(CURRENT, t), String(t), { now: T * 1000, tolerance });

    it("accepts the edges of the 5-minute window", () => {
      expect(reasonOf(at(T - 300))).toBe("ok");
      expect(reasonOf(at(T + 300))).toBe("ok");
    });

    it("rejects one second past either edge", () => {
      expect(at(T - 301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
      expect(at(T + 301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
    });

    it("honours a configured tolerance", () => {
      expect(reasonOf(at(T + 31, 30))).toBe("timestamp_in_future");
    });
  });

  describe("malformed headers", () => {
    const good = sign(CURRENT);
    it.each([
      ["empty signature", "", String(T)],
      ["empty timestamp", good, ""],
      ["v0= alone", "v0=", String(T)],
      ["no version", good.slice(3), String(T)],
      ["an unknown version", `v1=${good.slice(3)}`, String(T)],
      ["truncated (62 hex)", good.slice(0, 65), String(T)],
      ["truncated (odd length)", good.slice(0, 66), String(T)],
      ["non-hex", `v0=${"x".repeat(64)}`, String(T)],
      ["two signatures", `${sign("old")},${good}`, String(T)],
      ["non-numeric timestamp", good, "now"],
      ["fractional timestamp", good, `${T}.0`],
      ["timestamp in milliseconds", good, `${T}000`],
    ])("%s", (_name, signature, timestamp) => {
      expect(check(signature, timestamp)).toMatchObject({ ok: false, reason: "malformed_header" });
    });

    it("missing headers are all named", () => {
      expect(check(undefined)).toMatchObject({ reason: "missing_header", detail: "Missing X-Slack-Signature" });
      expect(check(sign(CURRENT), null)).toMatchObject({ reason: "missing_header", detail: "Missing X-Slack-Request-Timestamp" });
      expect(check(undefined, null)).toMatchObject({ reason: "missing_header", detail: "Missing X-Slack-Signature, X-Slack-Request-Timestamp" });
    });
  });

  it("reports no_secret when none is usable", () => {
    expect(reasonOf(check(sign(CURRENT), String(T), { secrets: [] }))).toBe("no_secret");
  });

  it("never puts a secret or the expected signature in the detail", () => {
    const result = check(sign("other"), String(T), { secrets: [CURRENT, PREVIOUS] });
    expect(result.ok).toBe(false);
    const detail = result.ok ? "" : result.detail;
    for (const leak of [CURRENT, PREVIOUS, sign(CURRENT).slice(3, 19), sign(PREVIOUS).slice(3, 19)]) expect(detail).not.toContain(leak);
  });
});
