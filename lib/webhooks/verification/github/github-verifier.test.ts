import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { githubVerifier } from "./github-verifier";
import type { VerificationResult } from "../types";

const CURRENT = "gh-secret-current";
const PREVIOUS = "gh-secret-previous";
const DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
const BODY = Buffer.from('{"action": "opened", "number": 42, "pull_request": {"title": "Fix"}}');

const sign = (secret: string, body: Buffer = BODY) => createHmac("sha256", secret).update(body).digest("hex");

function check(
  signature: string | undefined,
  opts: { secrets?: string[]; now?: number; body?: Buffer; headers?: Record<string, string | undefined> } = {},
): VerificationResult {
  const headers = { "x-hub-signature-256": signature, "x-github-delivery": DELIVERY, ...opts.headers };
  return githubVerifier.verify({ rawBody: opts.body ?? BODY, headers, now: opts.now ?? 0 }, {}, opts.secrets ?? [CURRENT]);
}

const reasonOf = (result: VerificationResult) => (result.ok ? "ok" : result.reason);

describe("github verifier", () => {
  it("accepts a valid signature and returns the delivery id as the event id", () => {
    expect(check(`sha256=${sign(CURRENT)}`)).toEqual({ ok: true, verified: true, scheme: "github", matchedSecretIndex: 0, eventId: DELIVERY });
  });

  it("accepts upper-case hex", () => {
    expect(reasonOf(check(`sha256=${sign(CURRENT).toUpperCase()}`))).toBe("ok");
  });

  it("leaves the event id out when X-GitHub-Delivery is absent", () => {
    const result = check(`sha256=${sign(CURRENT)}`, { headers: { "x-github-delivery": undefined } });
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty("eventId");
  });

  it("has no timestamp, so any clock verifies (replays must be caught by de-duplicating the delivery id)", () => {
    for (const now of [0, Date.UTC(2020, 0, 1), Date.UTC(2040, 0, 1)]) expect(reasonOf(check(`sha256=${sign(CURRENT)}`, { now }))).toBe("ok");
  });

  it("rejects a signature made with another secret", () => {
    expect(check(`sha256=${sign("not-the-secret")}`)).toMatchObject({ ok: false, scheme: "github", reason: "bad_signature" });
  });

  it("rotation: a signature by the previous secret verifies and reports index 1", () => {
    expect(check(`sha256=${sign(PREVIOUS)}`, { secrets: [CURRENT, PREVIOUS] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
    expect(reasonOf(check(`sha256=${sign(PREVIOUS)}`))).toBe("bad_signature");
  });

  it("rejects a body that was parsed and re-serialised", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString("utf8"))));
    expect(reserialised.equals(BODY)).toBe(false);
    expect(reasonOf(check(`sha256=${sign(CURRENT)}`, { body: reserialised }))).toBe("bad_signature");
  });

  it("rejects a body with a trailing newline added", () => {
    expect(reasonOf(check(`sha256=${sign(CURRENT)}`, { body: Buffer.concat([BODY, Buffer.from("\n")]) }))).toBe("bad_signature");
  });

  describe("malformed headers", () => {
    const good = sign(CURRENT);
    it.each([
      ["empty", ""],
      ["prefix alone", "sha256="],
      ["no prefix", good],
      ["the legacy sha1= form", `sha1=${createHmac("sha1", CURRENT).update(BODY).digest("hex")}`],
      ["truncated (62 hex)", `sha256=${good.slice(0, 62)}`],
      ["truncated (odd length)", `sha256=${good.slice(0, 63)}`],
      ["too long", `sha256=${good}ab`],
      ["non-hex", `sha256=${"g".repeat(64)}`],
      ["base64 instead of hex", `sha256=${Buffer.from(good, "hex").toString("base64")}`],
      // GitHub sends one signature; two joined by a proxy are not something it produces.
      ["two signatures joined", `sha256=${sign("old")}, sha256=${good}`],
    ])("%s", (_name, header) => {
      expect(check(header)).toMatchObject({ ok: false, reason: "malformed_header" });
    });

    it("a missing header", () => {
      expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Hub-Signature-256" });
    });
  });

  it("reports no_secret when none is usable", () => {
    expect(reasonOf(check(`sha256=${sign(CURRENT)}`, { secrets: [] }))).toBe("no_secret");
    expect(reasonOf(check(`sha256=${sign(CURRENT)}`, { secrets: ["", ""] }))).toBe("no_secret");
  });

  it("never puts a secret or the expected signature in the detail", () => {
    const result = check(`sha256=${sign("other")}`, { secrets: [CURRENT, PREVIOUS] });
    expect(result.ok).toBe(false);
    const detail = result.ok ? "" : result.detail;
    for (const leak of [CURRENT, PREVIOUS, sign(CURRENT).slice(0, 16), sign(PREVIOUS).slice(0, 16)]) expect(detail).not.toContain(leak);
  });
});
