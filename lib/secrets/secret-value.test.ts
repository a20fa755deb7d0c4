import { Console } from "node:console";
import { Writable } from "node:stream";
import { format, inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { REDACTED, SecretValue, redact } from "./secret-value";

const PLAIN = "sk_live_hunter2";

function consoleOutput(...args: unknown[]): string {
  let out = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  new Console({ stdout: stream, stderr: stream }).log(...args);
  return out;
}

describe("SecretValue", () => {
  const secret = redact(PLAIN);

  it("reveals the plaintext only on request", () => {
    expect(secret.reveal()).toBe(PLAIN);
  });

  it("stays redacted in String(), concatenation and template literals", () => {
    expect(String(secret)).toBe(REDACTED);
    expect(secret.toString()).toBe(REDACTED);
    expect(`Bearer ${secret}`).toBe(`Bearer ${REDACTED}`);
    expect("token=" + secret).toBe(`token=${REDACTED}`);
  });

  it("stays redacted in JSON.stringify, alone and nested", () => {
    expect(JSON.stringify(secret)).toBe(JSON.stringify(REDACTED));
    const json = JSON.stringify({ integration: "stripe", headers: { authorization: secret }, list: [secret] });
    expect(json).not.toContain(PLAIN);
    expect(JSON.parse(json)).toEqual({ integration: "stripe", headers: { authorization: REDACTED }, list: [REDACTED] });
  });

  it("stays redacted in util.inspect and every format directive", () => {
    expect(inspect(secret)).toBe(REDACTED);
    expect(inspect({ nested: { deeper: secret } }, { depth: 10, showHidden: true })).not.toContain(PLAIN);
    expect(format("%s %o %O %j %d", secret, secret, secret, { s: secret }, secret)).not.toContain(PLAIN);
  });

  it("stays redacted through console.log", () => {
    const out = consoleOutput(secret, { secret }, [secret], "%s", secret);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(PLAIN);
  });

  it("exposes nothing through spread, keys or structuredClone", () => {
    expect(Object.keys(secret)).toEqual([]);
    expect(JSON.stringify({ ...secret })).not.toContain(PLAIN);
    expect(JSON.stringify(Object.getOwnPropertyNames(secret))).not.toContain(PLAIN);
    expect(inspect(structuredClone(secret))).not.toContain(PLAIN);
  });

  it("wraps once: redact() of a SecretValue is the same value", () => {
    expect(redact(secret)).toBe(secret);
    expect(new SecretValue("x")).toBeInstanceOf(SecretValue);
  });
});
