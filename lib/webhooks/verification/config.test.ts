import { describe, expect, it } from "vitest";
import { VERIFICATION_KINDS, verificationSettingSchema } from "./config";
import { hmacVerificationConfigSchema } from "./hmac-generic/config";
import { slackVerificationConfigSchema } from "./slack/config";
import { standardWebhooksVerificationConfigSchema } from "./standard-webhooks/config";
import { stripeVerificationConfigSchema } from "./stripe/config";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("verification config schemas", () => {
  it("fill in the documented defaults", () => {
    expect(stripeVerificationConfigSchema.parse({})).toEqual({ toleranceSeconds: 300 });
    expect(slackVerificationConfigSchema.parse({})).toEqual({ toleranceSeconds: 300 });
    expect(standardWebhooksVerificationConfigSchema.parse({})).toEqual({ toleranceSeconds: 300, secretFormat: "auto" });
    expect(hmacVerificationConfigSchema.parse({ header: "X-Signature" })).toEqual({
      header: "x-signature",
      algorithm: "sha256",
      encoding: "hex",
      prefix: "",
      signedContent: "{body}",
      toleranceSeconds: 300,
    });
  });

  it("bound the tolerance", () => {
    expect(messages(stripeVerificationConfigSchema.safeParse({ toleranceSeconds: 0 }))).toEqual(["The tolerance must be at least 1 second"]);
    expect(messages(slackVerificationConfigSchema.safeParse({ toleranceSeconds: 7_200 }))).toEqual(["The tolerance may be at most an hour"]);
    expect(stripeVerificationConfigSchema.safeParse({ toleranceSeconds: 1.5 }).success).toBe(false);
  });

  it("lower-case and check header names", () => {
    expect(hmacVerificationConfigSchema.parse({ header: "  X-Shopify-Hmac-SHA256 " }).header).toBe("x-shopify-hmac-sha256");
    expect(hmacVerificationConfigSchema.safeParse({ header: "X Signature" }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "X-Signature:" }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "" }).success).toBe(false);
  });

  it("require a timestamp header exactly when the timestamp is signed", () => {
    expect(messages(hmacVerificationConfigSchema.safeParse({ header: "x-sig", signedContent: "{timestamp}.{body}" }))).toEqual([
      "Name the header that carries the signed timestamp",
    ]);
    expect(messages(hmacVerificationConfigSchema.safeParse({ header: "x-sig", timestampHeader: "x-ts" }))[0]).toMatch(/proves nothing/);
    expect(
      hmacVerificationConfigSchema.safeParse({ header: "x-sig", signedContent: "{timestamp}.{body}", timestampHeader: "X-TS" }).data?.timestampHeader,
    ).toBe("x-ts");
  });

  it("refuse a separator that could split a signature", () => {
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", separator: "=" }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", separator: "a" }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", prefix: "v1,", separator: "," }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", prefix: "v1=", separator: ", " }).success).toBe(true);
  });

  it("refuse unknown algorithms and encodings", () => {
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", algorithm: "md5" }).success).toBe(false);
    expect(hmacVerificationConfigSchema.safeParse({ header: "x-sig", encoding: "base64url" }).success).toBe(false);
  });

  it("parse a setting by kind, naming the kinds on an unknown one", () => {
    expect(verificationSettingSchema.parse({ kind: "github", config: {} })).toEqual({ kind: "github", config: {} });
    expect(verificationSettingSchema.parse({ kind: "standard_webhooks", config: {} })).toEqual({
      kind: "standard_webhooks",
      config: { toleranceSeconds: 300, secretFormat: "auto" },
    });
    const unknown = verificationSettingSchema.safeParse({ kind: "mailchimp", config: {} });
    expect(messages(unknown)[0]).toContain(VERIFICATION_KINDS.join(", "));
  });
});
