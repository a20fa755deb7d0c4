import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, matchingSecretIndex, utf8Keys } from "./hmac";

describe("constantTimeEqual", () => {
  it("is true only for identical bytes of the same length", () => {
    expect(constantTimeEqual(Buffer.from("abc"), Buffer.from("abc"))).toBe(true);
    expect(constantTimeEqual(Buffer.from("abc"), Buffer.from("abd"))).toBe(false);
    expect(constantTimeEqual(Buffer.from("abc"), Buffer.from("ab"))).toBe(false);
    expect(constantTimeEqual(Buffer.from("abc"), Buffer.from("abcd"))).toBe(false);
    expect(constantTimeEqual(Buffer.from("abc"), Buffer.alloc(0))).toBe(false);
  });
});

describe("matchingSecretIndex", () => {
  const content = Buffer.from("hello");
  const macOf = (key: string) => createHmac("sha256", key).update(content).digest();

  it("returns the index of the first secret that matches any candidate", () => {
    const keys = utf8Keys(["a", "b", "c"]);
    expect(matchingSecretIndex(keys, "sha256", content, [macOf("c")])).toBe(2);
    expect(matchingSecretIndex(keys, "sha256", content, [macOf("x"), macOf("b"), macOf("a")])).toBe(0);
    expect(matchingSecretIndex(keys, "sha256", content, [macOf("x")])).toBe(-1);
    expect(matchingSecretIndex(keys, "sha256", content, [])).toBe(-1);
  });

  it("keeps indices when a secret is unusable", () => {
    expect(matchingSecretIndex(utf8Keys(["", "b"]), "sha256", content, [macOf("b")])).toBe(1);
  });
});
