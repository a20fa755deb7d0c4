import { describe, expect, it } from "vitest";
import { fillSecrets, MissingSecretError, referencedSecrets, scrubSecrets } from "./placeholders";
import { SecretValue } from "./secret-value";

const secrets = new Map([["API_KEY", new SecretValue("sk_live_abc123")]]);

describe("secret placeholders", () => {
  it("fills placeholders in nested strings and lists what is referenced", () => {
    const config = { url: "https://api.example.com/?key={{secret.API_KEY}}", headers: [{ name: "Authorization", value: "Bearer {{ secret.API_KEY }}" }] };
    expect(referencedSecrets(JSON.stringify(config))).toEqual(["API_KEY", "API_KEY"]);
    expect(fillSecrets(config, secrets)).toEqual({
      url: "https://api.example.com/?key=sk_live_abc123",
      headers: [{ name: "Authorization", value: "Bearer sk_live_abc123" }],
    });
  });

  it("names every missing secret", () => {
    expect(() => fillSecrets({ a: "{{secret.NOPE}} {{secret.ALSO}}" }, secrets)).toThrow(new MissingSecretError(["NOPE", "ALSO"]));
  });

  it("scrubs the value and its URL and base64 encodings from results", () => {
    const echoed = {
      body: `{"auth":"Bearer sk_live_abc123","q":"${encodeURIComponent("sk_live_abc123")}","b":"${Buffer.from("sk_live_abc123").toString("base64")}"}`,
    };
    const scrubbed = JSON.stringify(scrubSecrets(echoed, secrets));
    expect(scrubbed).not.toContain("sk_live_abc123");
    expect(scrubbed).not.toContain(Buffer.from("sk_live_abc123").toString("base64"));
    expect(scrubbed).toContain("[redacted]");
  });
});
