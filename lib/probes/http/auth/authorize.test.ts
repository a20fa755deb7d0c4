// The one auth dispatch: the signing types get the final request and the run's clock, hand back how to read the
// provider's refusal, and a handler that throws is a `config` failure, never an exception out of the probe.
import { describe, expect, it } from "vitest";
import type { ProbeContext } from "../../types";
import { authorize } from "./authorize";

const NOW = Date.parse("2026-12-01T10:00:00Z");
const ctx: ProbeContext = { signal: new AbortController().signal, timeoutMs: 5_000, now: () => NOW, outbound: { allowPrivateNetworks: true } };
const sigv4 = { type: "aws_sigv4" as const, accessKeyId: "AKIATEST", secretAccessKey: "test-only-secret", region: "eu-west-1", service: "s3" };
const s3Refused = {
  status: 403,
  headers: {},
  body: "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message></Error>",
};

describe("authorize", () => {
  it("signs SigV4 over the final request with the run's clock, and reads S3's refusal as auth", async () => {
    const result = await authorize(
      sigv4,
      { method: "POST", url: "https://b.s3.eu-west-1.amazonaws.com/?list-type=2", headers: { "x-extra": "1" }, body: "{}" },
      ctx,
    );
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.request).toMatchObject({ method: "POST", body: "{}", headers: { "x-extra": "1", "x-amz-date": "20261201T100000Z" } });
    expect(result.request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATEST\/20261201\/eu-west-1\/s3\/aws4_request, SignedHeaders=[^,]*x-extra/,
    );
    expect(result.refusal?.(s3Refused)).toEqual({
      errorClass: "auth",
      message: "The credentials were refused: HTTP 403 SignatureDoesNotMatch: The request signature we calculated does not match.",
      retryable: false,
    });
    expect(result.refusal?.({ status: 404, headers: {}, body: "<Error><Code>NoSuchBucket</Code></Error>" })).toBeNull();
  });

  it("dates Azure Shared Key with the run's clock; a SAS token reads Azure's x-ms-error-code", async () => {
    const key = await authorize(
      { type: "azure_shared_key", accountName: "acct", accountKey: Buffer.from("test-only-key").toString("base64") },
      { method: "GET", url: "https://acct.blob.core.windows.net/c?restype=container&comp=list", headers: {} },
      ctx,
    );
    expect(key.ok && key.request.headers).toMatchObject({
      "x-ms-date": "Tue, 01 Dec 2026 10:00:00 GMT",
      authorization: expect.stringMatching(/^SharedKey acct:/),
    });
    const sas = await authorize(
      { type: "azure_sas", sasToken: "?sv=2025-01-05&sig=abc" },
      { method: "GET", url: "https://acct.blob.core.windows.net/c", headers: {} },
      ctx,
    );
    if (!sas.ok) throw new Error(sas.failure.message);
    expect(new URL(sas.request.url).searchParams.get("sig")).toBe("abc");
    expect(sas.refusal?.({ status: 403, headers: { "x-ms-error-code": "AuthenticationFailed" }, body: "" })).toMatchObject({
      errorClass: "auth",
      message: "The credentials were refused: HTTP 403 AuthenticationFailed",
    });
  });

  it("the static types read no refusal: their 401 stays an HTTP failure", async () => {
    const result = await authorize({ type: "bearer", token: "t" }, { method: "GET", url: "https://x.test/", headers: {} }, ctx);
    expect(result).toMatchObject({ ok: true, request: { headers: { authorization: "Bearer t" } } });
    expect(result.ok && result.refusal).toBeUndefined();
  });

  it("a handler that throws fails the run as config, naming why", async () => {
    const result = await authorize(sigv4, { method: "GET", url: "not a url", headers: {} }, ctx);
    expect(result).toEqual({
      ok: false,
      failure: { errorClass: "config", message: expect.stringMatching(/^The credentials could not be applied: .*URL/i), retryable: false },
      steps: [],
    });
  });
});
