"use client";
import type { AwsSigV4Form } from "@/lib/probes/http/auth/aws-sigv4-config";
import { CredentialFields, type CredentialFieldSpec } from "./credential-fields";

const FIELDS: CredentialFieldSpec<keyof AwsSigV4Form>[] = [
  { key: "accessKeyId", label: "Access key ID", placeholder: "{{secret.AWS_ACCESS_KEY_ID}}", hint: "AKIA…, as it is or as a secret reference" },
  {
    key: "secretAccessKey",
    label: "Secret access key",
    placeholder: "{{secret.AWS_SECRET_ACCESS_KEY}}",
    hint: "A secret reference; set its value under Secrets",
  },
  { key: "region", label: "Region", placeholder: "us-east-1", hint: "The bucket's region, e.g. eu-west-1" },
  { key: "service", label: "Service", placeholder: "s3", hint: "s3 for S3 and S3-compatible storage" },
  { key: "sessionToken", label: "Session token (optional)", placeholder: "{{secret.AWS_SESSION_TOKEN}}", hint: "Only for temporary (STS) credentials" },
];

/** AWS Signature V4 credentials: the key pair (the secret as a secret reference), region, service, optional session token. */
export function AwsSigV4Fields(props: { value: AwsSigV4Form; onChange: (next: AwsSigV4Form) => void; error: (path: string) => string | undefined }) {
  return <CredentialFields idPrefix="awsSigV4" fields={FIELDS} className="grid gap-2 sm:col-span-2 sm:grid-cols-2" {...props} />;
}
