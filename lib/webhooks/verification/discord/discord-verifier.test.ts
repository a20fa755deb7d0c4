import { verifyKey } from "discord-interactions";
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { discordVerificationConfigSchema } from "./config";
import { discordVerifier } from "./discord-verifier";

// Discord signs with its private key, which only Discord holds, so a key pair is made here, signed by Discord's
// published algorithm (Ed25519 over timestamp + body, hex), and `discord-interactions`' verifyKey is asked whether
// it agrees with our verdict.
const pair = () => generateKeyPairSync("ed25519");
const hexKey = (key: ReturnType<typeof pair>["publicKey"]) => Buffer.from(key.export({ format: "jwk" }).x!, "base64url").toString("hex");
const DISCORD = pair();
const PUBLIC_KEY = hexKey(DISCORD.publicKey);
const T = 1_750_000_000;
const NOW = T * 1000 + 1_000;
const BODY = '{"id":"1234567890123456789","application_id":"42","type":2,"data":{"name":"status"}}';
const PING = '{"id":"1234567890123456790","application_id":"42","type":1}';
const config = discordVerificationConfigSchema.parse({});

const signature = (t: number | string = T, body = BODY, privateKey = DISCORD.privateKey) => sign(null, Buffer.from(`${t}${body}`), privateKey).toString("hex");
const sdk = (sig: string, t: number | string = T, body = BODY, key = PUBLIC_KEY) => verifyKey(body, sig, String(t), key);

function check(sig: string | undefined, opts: { t?: string | number; body?: string; secrets?: string[]; now?: number } = {}): VerificationResult {
  const headers = { "x-signature-ed25519": sig, "x-signature-timestamp": opts.t === undefined ? String(T) : String(opts.t) };
  return discordVerifier.verify({ rawBody: Buffer.from(opts.body ?? BODY), headers, now: opts.now ?? NOW }, config, opts.secrets ?? [PUBLIC_KEY]);
}

describe("discord verifier", () => {
  it("accepts what discord-interactions accepts, with the interaction id and timestamp", async () => {
    expect(await sdk(signature())).toBe(true);
    expect(check(signature())).toEqual({
      ok: true,
      verified: true,
      scheme: "discord",
      matchedSecretIndex: 0,
      timestamp: T * 1000,
      eventId: "1234567890123456789",
    });
  });

  it("rejects a tampered body, as the package does", async () => {
    const tampered = BODY.replace("status", "ban");
    expect(await sdk(signature(), T, tampered)).toBe(false);
    expect(check(signature(), { body: tampered })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a timestamp moved after signing, as the package does", async () => {
    expect(await sdk(signature(), T + 1)).toBe(false);
    expect(check(signature(), { t: T + 1 })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects another key, as the package does; rotation reports the matching key", async () => {
    const other = pair();
    expect(await sdk(signature(T, BODY, other.privateKey))).toBe(false);
    expect(check(signature(T, BODY, other.privateKey))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(check(signature(), { secrets: [hexKey(other.publicKey), PUBLIC_KEY] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("holds the signed timestamp to the tolerance both ways", () => {
    const at = (t: number) => check(signature(t), { t, now: T * 1000 });
    expect(at(T - 300)).toMatchObject({ ok: true });
    expect(at(T + 300)).toMatchObject({ ok: true });
    expect(at(T - 301)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
    expect(at(T + 301)).toMatchObject({ ok: false, reason: "timestamp_in_future" });
  });

  it.each([
    ["empty signature", "", String(T)],
    ["signature not hex", "zz".repeat(64), String(T)],
    ["signature too short", "ab".repeat(63), String(T)],
    ["base64 signature", Buffer.alloc(64).toString("base64"), String(T)],
    ["timestamp not a number", "SIG", "soon"],
  ])("malformed: %s", (_name, sig, t) => {
    expect(check(sig === "SIG" ? signature(t) : sig, { t })).toMatchObject({ ok: false, reason: "malformed_header" });
  });

  it("missing headers, no key and an unreadable key", () => {
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Signature-Ed25519" });
    expect(check(signature(), { secrets: [""] })).toMatchObject({ ok: false, reason: "no_secret" });
    expect(check(signature(), { secrets: ["abcd"] })).toMatchObject({ ok: false, reason: "invalid_secret" });
  });

  it("answers a PING with a PONG, and anything else as usual", async () => {
    expect(await sdk(signature(T, PING), T, PING)).toBe(true);
    expect(check(signature(T, PING), { body: PING })).toMatchObject({ ok: true, eventId: "1234567890123456790" });
    expect(discordVerifier.answer!(Buffer.from(PING))).toEqual({ status: 200, body: { type: 1 } });
    expect(discordVerifier.answer!(Buffer.from(BODY))).toBeNull();
    expect(discordVerifier.answer!(Buffer.from("not json"))).toBeNull();
  });
});
