import { describe, expect, it } from "vitest";
import type { VerificationResult } from "../types";
import { gitlabVerifier } from "./gitlab-verifier";

// GitLab sends the secret token itself in X-Gitlab-Token (its published behaviour); nothing is signed.
const TOKEN = "glwt-secret-token-0123";
const UUID = "e1a1c9a8-5b6f-4f0e-9b5f-3c5f0a1b2c3d";
const BODY = '{"object_kind":"push","ref":"refs/heads/main"}';

function check(token: string | undefined, opts: { secrets?: string[]; uuid?: string } = {}): VerificationResult {
  const headers = { "x-gitlab-token": token, "x-gitlab-event": "Push Hook", "x-gitlab-event-uuid": opts.uuid ?? UUID };
  return gitlabVerifier.verify({ rawBody: Buffer.from(BODY), headers, now: 0 }, {}, opts.secrets ?? [TOKEN]);
}

describe("gitlab verifier", () => {
  it("accepts the secret token, with X-Gitlab-Event-UUID as the event id", () => {
    expect(check(TOKEN)).toEqual({ ok: true, verified: true, scheme: "gitlab", matchedSecretIndex: 0, eventId: UUID });
  });

  it("rejects another token, a prefix of it and a longer one", () => {
    for (const token of ["glwt-someone-else", TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      expect(check(token)).toMatchObject({ ok: false, reason: "bad_signature", detail: "X-Gitlab-Token matches none of 1 secret tokens" });
    }
  });

  it("rotation: the previous token is accepted and reported as index 1", () => {
    expect(check("old-token", { secrets: [TOKEN, "old-token"] })).toMatchObject({ ok: true, matchedSecretIndex: 1 });
  });

  it("an empty or missing header, and no secret", () => {
    expect(check("")).toMatchObject({ ok: false, reason: "malformed_header" });
    expect(check("  ")).toMatchObject({ ok: false, reason: "malformed_header" });
    expect(check(undefined)).toMatchObject({ ok: false, reason: "missing_header", detail: "Missing X-Gitlab-Token" });
    expect(check(TOKEN, { secrets: [] })).toMatchObject({ ok: false, reason: "no_secret" });
  });

  it("never puts the token in the detail", () => {
    const result = check("glwt-wrong");
    expect(result.ok ? "" : result.detail).not.toContain(TOKEN);
    expect(result.ok ? "" : result.detail).not.toContain("glwt-wrong");
  });
});
