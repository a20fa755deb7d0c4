// Signs the request with AWS Signature Version 4 (@smithy/signature-v4, the signer the AWS SDK uses) and reads S3's
// refusals: a 403 names its reason in the XML body (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied, …).
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { AwsSigV4Auth } from "./aws-sigv4-config";
import type { AuthHandler, AuthRequest, ReceivedResponse } from "./types";
import { describeRefusal, parseStorageError } from "./storage-error";
import type { Failure } from "../../shared/failure";

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === "string"
    ? Buffer.from(data, "utf8")
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The signer's hash (its `ChecksumConstructor`): SHA-256, or HMAC-SHA256 when given a key. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {
    this.hash = this.fresh();
  }
}

/** Codes that say the credentials (or the clock they are signed with) were refused, whatever the status. */
const AUTH_CODES = new Set([
  "AccessDenied",
  "AuthorizationHeaderMalformed",
  "ExpiredToken",
  "InvalidAccessKeyId",
  "InvalidToken",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
  "TokenRefreshRequired",
]);

export async function signAwsSigV4(request: AuthRequest, auth: AwsSigV4Auth, signingDate: Date): Promise<AuthRequest> {
  const url = new URL(request.url);
  // The signer (and the @smithy packages under it) loads with the first signed request, not in every worker.
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, sessionToken: auth.sessionToken || undefined },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    // S3 signs the path as sent and wants the payload hash as a header; every other service double-encodes and does not.
    uriEscapePath: auth.service !== "s3",
    applyChecksum: auth.service === "s3",
  });
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      // undici sends this Host: the signed one must be the same.
      headers: { ...request.headers, host: url.host },
      body: request.body,
    },
    { signingDate },
  );
  return { ...request, headers: signed.headers as Record<string, string> };
}

export function s3Refusal(response: ReceivedResponse): Failure | null {
  const error = parseStorageError(response.body);
  const refused = response.status === 401 || response.status === 403 || (error !== null && AUTH_CODES.has(error.code));
  if (!refused) return null;
  return {
    errorClass: "auth",
    message: `The credentials were refused: ${describeRefusal(response.status, error?.code ?? null, error?.message ?? null)}`,
    retryable: false,
  };
}

export const awsSigV4: AuthHandler<AwsSigV4Auth> = async (auth, request, ctx) => ({
  ok: true,
  request: await signAwsSigV4(request, auth, new Date(ctx.now())),
  steps: [],
  refusal: s3Refusal,
});
