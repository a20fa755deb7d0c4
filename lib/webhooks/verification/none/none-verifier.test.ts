import { describe, expect, it } from "vitest";
import { noneVerificationConfigSchema } from "./config";
import { noneVerifier } from "./none-verifier";

describe("none verifier", () => {
  it("accepts anything and says it was not verified", () => {
    const result = noneVerifier.verify({ rawBody: Buffer.from("anything"), headers: {}, now: 0 }, noneVerificationConfigSchema.parse({}), []);
    expect(result).toEqual({ ok: true, verified: false, scheme: "none" });
    expect(result).not.toHaveProperty("matchedSecretIndex");
  });

  it("ignores secrets and signature headers", () => {
    const input = { rawBody: Buffer.from("{}"), headers: { "x-hub-signature-256": "sha256=bogus" }, now: 0 };
    expect(noneVerifier.verify(input, {}, ["a-secret"])).toEqual({ ok: true, verified: false, scheme: "none" });
  });

  it("returns a configured event id header for de-duplication", () => {
    const config = noneVerificationConfigSchema.parse({ eventIdHeader: "X-Request-Id" });
    const result = noneVerifier.verify({ rawBody: Buffer.alloc(0), headers: { "x-request-id": "req_1" }, now: 0 }, config, []);
    expect(result).toEqual({ ok: true, verified: false, scheme: "none", eventId: "req_1" });
  });
});
