// AWS Signature Version 4 credentials for an HTTP check (S3 and S3-compatible storage, or any SigV4 API). Pure zod:
// the browser validates the form with it; the signing is ./aws-sigv4.ts.
import { z } from "zod";
import { secretReference } from "./secret-reference";

const awsName = /^[a-z0-9-]+$/;

export const awsSigV4AuthSchema = z.object({
  type: z.literal("aws_sigv4"),
  accessKeyId: z.string().trim().min(1, "Enter the access key ID, e.g. AKIA… or {{secret.AWS_ACCESS_KEY_ID}}"),
  secretAccessKey: secretReference("secret access key", "AWS_SECRET_ACCESS_KEY"),
  /** Temporary credentials (STS) carry one; sent as x-amz-security-token. */
  sessionToken: z.string().trim().optional(),
  region: z.string().trim().min(1, "Enter the region, e.g. us-east-1").regex(awsName, "A region is lower-case letters, digits and dashes, e.g. eu-west-1"),
  service: z.string().trim().regex(awsName, "A service name such as s3").default("s3"),
});
export type AwsSigV4Auth = z.infer<typeof awsSigV4AuthSchema>;

/** The form's text for these credentials, kept while another auth type is chosen. */
export interface AwsSigV4Form {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  service: string;
}

export function awsSigV4FormFrom(auth: { type: string } | undefined): AwsSigV4Form {
  const a = auth?.type === "aws_sigv4" ? (auth as AwsSigV4Auth) : undefined;
  return {
    accessKeyId: a?.accessKeyId ?? "",
    secretAccessKey: a?.secretAccessKey ?? "",
    sessionToken: a?.sessionToken ?? "",
    region: a?.region ?? "us-east-1",
    service: a?.service ?? "s3",
  };
}

export function awsSigV4AuthFrom(f: AwsSigV4Form): z.input<typeof awsSigV4AuthSchema> {
  return {
    type: "aws_sigv4",
    accessKeyId: f.accessKeyId,
    secretAccessKey: f.secretAccessKey,
    sessionToken: f.sessionToken.trim() ? f.sessionToken : undefined,
    region: f.region,
    service: f.service,
  };
}
