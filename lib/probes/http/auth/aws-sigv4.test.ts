// The signer against AWS's published vectors: the SigV4 test suite (get-vanilla, post-vanilla, query order) and the
// S3 examples of "Signature Calculations for the Authorization Header" (ListObjects, GET Bucket lifecycle).
import { describe, expect, it } from "vitest";
import { s3Refusal, signAwsSigV4 } from "./aws-sigv4";

const suite = {
  type: "aws_sigv4" as const,
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
};
const suiteDate = new Date("2015-08-30T12:36:00Z");
const s3 = {
  type: "aws_sigv4" as const,
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "s3",
};
const s3Date = new Date("2013-05-24T00:00:00Z");
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const signature = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? "")?.[1];

describe("SigV4 signing (AWS test suite)", () => {
  it("get-vanilla: the whole Authorization header and x-amz-date", async () => {
    const signed = await signAwsSigV4({ method: "GET", url: "https://example.amazonaws.com/", headers: {} }, suite, suiteDate);
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    expect(signed.headers["x-amz-date"]).toBe("20150830T123600Z");
    expect(signed.headers["x-amz-content-sha256"]).toBeUndefined();
  });

  it("post-vanilla and get-vanilla-query-order-key-case", async () => {
    const post = await signAwsSigV4({ method: "POST", url: "https://example.amazonaws.com/", headers: {} }, suite, suiteDate);
    expect(signature(post.headers)).toBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    const query = await signAwsSigV4({ method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1", headers: {} }, suite, suiteDate);
    expect(signature(query.headers)).toBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });

  it("a session token is sent as x-amz-security-token and signed", async () => {
    const signed = await signAwsSigV4({ method: "GET", url: "https://example.amazonaws.com/", headers: {} }, { ...suite, sessionToken: "token-1" }, suiteDate);
    expect(signed.headers["x-amz-security-token"]).toBe("token-1");
    expect(signed.headers.authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  });
});

describe("SigV4 signing (S3 documentation examples)", () => {
  it("GET Bucket (List Objects) with a query, the payload hash as a header", async () => {
    const signed = await signAwsSigV4({ method: "GET", url: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", headers: {} }, s3, s3Date);
    expect(signed.headers["x-amz-content-sha256"]).toBe(EMPTY_SHA256);
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
    );
  });

  it("GET Bucket lifecycle: a sub-resource without a value", async () => {
    const signed = await signAwsSigV4({ method: "GET", url: "https://examplebucket.s3.amazonaws.com/?lifecycle", headers: {} }, s3, s3Date);
    expect(signature(signed.headers)).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  });

  it("signs the host with its port, as undici sends it", async () => {
    const signed = await signAwsSigV4({ method: "GET", url: "http://127.0.0.1:4569/bucket?list-type=2", headers: {} }, s3, s3Date);
    expect(signed.headers.host).toBe("127.0.0.1:4569");
  });
});

describe("S3 refusals", () => {
  const xml = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R1</RequestId></Error>`;

  it.each([
    ["SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method."],
    ["InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."],
    ["AccessDenied", "Access Denied"],
  ])("403 %s is an auth failure naming the code", (code, message) => {
    expect(s3Refusal({ status: 403, headers: {}, body: xml(code, message) })).toEqual({
      errorClass: "auth",
      message: `The credentials were refused: HTTP 403 ${code}: ${message}`,
      retryable: false,
    });
  });

  it("a 400 for a wrong region is auth; a 403 without a body still is; a missing bucket is not", () => {
    expect(
      s3Refusal({ status: 400, headers: {}, body: xml("AuthorizationHeaderMalformed", "the region 'us-east-1' is wrong; expecting 'eu-west-1'") }),
    ).toMatchObject({
      errorClass: "auth",
    });
    expect(s3Refusal({ status: 403, headers: {}, body: "" })).toMatchObject({ errorClass: "auth", message: "The credentials were refused: HTTP 403" });
    expect(s3Refusal({ status: 404, headers: {}, body: xml("NoSuchBucket", "The specified bucket does not exist") })).toBeNull();
  });
});
