import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { VERIFICATION_KINDS, verificationSettingSchema } from "./config";
import { verifiers, verify } from "./registry";

describe("verification registry", () => {
  it("has exactly one verifier per kind", () => {
    expect(Object.keys(verifiers).sort()).toEqual([...VERIFICATION_KINDS].sort());
  });

  it("dispatches to the kind's verifier", async () => {
    const body = Buffer.from('{"ref": "main"}');
    const signature = `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`;
    const input = { rawBody: body, headers: { "x-hub-signature-256": signature }, now: 0 };
    expect(await verify("github", input, {}, ["s3cret"])).toMatchObject({ ok: true, scheme: "github" });
    expect(await verify("none", input, {}, [])).toMatchObject({ ok: true, verified: false, scheme: "none" });
    expect(await verify("stripe", input, { toleranceSeconds: 300 }, ["s3cret"])).toMatchObject({ ok: false, scheme: "stripe", reason: "missing_header" });
  });

  it("takes a setting parsed from stored JSON", async () => {
    const setting = verificationSettingSchema.parse({ kind: "hmac", config: { header: "X-Sig" } });
    const body = Buffer.from("payload");
    const input = { rawBody: body, headers: { "x-sig": createHmac("sha256", "k").update(body).digest("hex") }, now: 0 };
    expect(await verify(setting.kind, input, setting.config, ["k"])).toMatchObject({ ok: true, scheme: "hmac" });
  });

  it("types a config to its kind (checked by tsc; the call is never made)", () => {
    const input = { rawBody: Buffer.alloc(0), headers: {}, now: 0 };
    const wrong = () =>
      // @ts-expect-error a Stripe config lacks the header the generic scheme needs
      verify("hmac", input, { toleranceSeconds: 300 }, ["k"]);
    expect(typeof wrong).toBe("function");
  });
});
