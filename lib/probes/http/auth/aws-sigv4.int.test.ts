// The S3 preset, signed with SigV4, against a real s3rver (started here, its files in a temp dir). s3rver checks the
// access key id, the Authorization header's shape, x-amz-content-sha256 and the clock, but does not recompute V4
// signatures; so a wrong secret is tested against a local server that does (re-signing with @smithy/signature-v4,
// the signer's correctness being pinned by AWS's published vectors in aws-sigv4.test.ts) and answers as S3 does.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetConfigAt, runConfig as run } from "../preset-run";
import { signAwsSigV4 } from "./aws-sigv4";

const BUCKET = "probe-bucket";
let dir: string;
let s3: S3rver;
let s3Base: string;
let verifier: Server;
let verifierBase: string;
const VERIFIER_SECRET = "verifier-secret-test-only";

/** The S3 preset pointed at the bucket on a local server. */
const presetAt = (base: string, secrets: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string }) =>
  presetConfigAt("s3", `${base}/${BUCKET}?list-type=2&max-keys=1`, secrets);

/** Recomputes the request's SigV4 signature from the headers it says it signed; 403 SignatureDoesNotMatch if it differs. */
async function verifySigV4(req: IncomingMessage): Promise<boolean> {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? "",
  );
  const amzDate = req.headers["x-amz-date"];
  if (!auth || typeof amzDate !== "string") return false;
  const [, accessKeyId, , region, service, signedHeaders, signature] = auth;
  const headers = Object.fromEntries(signedHeaders!.split(";").map((name) => [name, String(req.headers[name] ?? "")]));
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  const resigned = await signAwsSigV4(
    { method: req.method!, url: `http://${req.headers.host}${req.url}`, headers },
    { type: "aws_sigv4", accessKeyId: accessKeyId!, secretAccessKey: VERIFIER_SECRET, region: region!, service: service! },
    signingDate,
  );
  return resigned.headers.authorization?.endsWith(`Signature=${signature}`) ?? false;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tether-s3rver-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  s3Base = `http://127.0.0.1:${(await s3.run()).port}`;
  verifier = createServer((req, res) => {
    void verifySigV4(req).then((ok) => {
      res.writeHead(ok ? 200 : 403, { "content-type": "application/xml", "x-amz-request-id": "R1" });
      res.end(
        ok
          ? `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${BUCKET}</Name><KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`
          : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>R1</RequestId></Error>`,
      );
    });
  });
  await new Promise<void>((r) => verifier.listen(0, "127.0.0.1", r));
  verifierBase = `http://127.0.0.1:${(verifier.address() as { port: number }).port}`;
});

afterAll(async () => {
  await s3.close();
  await new Promise((r) => verifier.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe("S3 preset (SigV4) against s3rver", () => {
  it("passes: the signed ListObjectsV2 lists the bucket", async () => {
    const r = await run(presetAt(s3Base, { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" }));
    expect(r).toMatchObject({ ok: true, httpStatus: 200, errorClass: null });
  });

  it("an access key S3 does not know fails as auth with InvalidAccessKeyId", async () => {
    const r = await run(presetAt(s3Base, { AWS_ACCESS_KEY_ID: "AKIAUNKNOWN", AWS_SECRET_ACCESS_KEY: "S3RVER" }));
    expect(r).toMatchObject({
      ok: false,
      httpStatus: 403,
      errorClass: "auth",
      errorMessage: "The credentials were refused: HTTP 403 InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.",
    });
    expect(r.trace.attempts[0]?.bodyExcerpt).toContain("<Code>InvalidAccessKeyId</Code>");
  });

  it("a bucket that does not exist is an HTTP failure, not an auth one", async () => {
    const config = presetAt(s3Base, { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" });
    const r = await run({ ...config, url: `${s3Base}/no-such-bucket?list-type=2&max-keys=1` });
    expect(r).toMatchObject({ ok: false, httpStatus: 404, errorClass: "http_status" });
  });
});

describe("S3 preset (SigV4) against a server that verifies the signature", () => {
  it("passes with the right secret", async () => {
    const r = await run(presetAt(verifierBase, { AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: VERIFIER_SECRET }));
    expect(r).toMatchObject({ ok: true, httpStatus: 200 });
  });

  it("a wrong secret fails as auth with SignatureDoesNotMatch", async () => {
    const r = await run(presetAt(verifierBase, { AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "a-wrong-secret" }));
    expect(r).toMatchObject({
      ok: false,
      httpStatus: 403,
      errorClass: "auth",
      errorMessage:
        "The credentials were refused: HTTP 403 SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    });
  });
});
