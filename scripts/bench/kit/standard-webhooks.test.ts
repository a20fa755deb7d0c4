import { describe, expect, it } from "vitest";
import { newSecret, signedHeaders } from "./standard-webhooks";

describe("signedHeaders", () => {
  it("reproduces the test vector published with the Standard Webhooks reference libraries", () => {
    expect(signedHeaders("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", '{"test": 2432232314}', 1_614_265_330)).toEqual({
      "content-type": "application/json",
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("stamps the current second by default", () => {
    const before = Math.floor(Date.now() / 1000);
    const at = Number(signedHeaders(newSecret(), "msg_1", "{}")["webhook-timestamp"]);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(before + 1);
  });
});

describe("newSecret", () => {
  it("makes a fresh whsec_ secret of 24 random bytes", () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newSecret()).not.toBe(secret);
  });
});
