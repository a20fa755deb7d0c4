// Provider presets: a known health-style endpoint, its auth scheme and the secrets it needs, for the services
// teams most often depend on. A preset only fills the form; the result is an ordinary HTTP integration, and
// rate-limit headroom and deprecation/sunset headers are read from every HTTP response anyway.
import type { HttpConfig } from "./config";

export const PROVIDER_IDS = ["stripe", "github", "slack", "sendgrid", "twilio", "sentry", "s3", "azure_blob"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderPreset {
  label: string;
  /** What the check does, in a sentence. */
  summary: string;
  name: string;
  intervalSeconds: number;
  /** Secrets the preset references, with where to find them. */
  secrets: { name: string; hint: string }[];
  config: Partial<HttpConfig> & { url: string };
  /** Which rate-limit headers the provider sends, for the user's information. */
  rateLimitHeaders: string;
}

export const PROVIDER_PRESETS: Record<ProviderId, ProviderPreset> = {
  stripe: {
    label: "Stripe",
    summary: "Reads the account balance with a restricted key: proves the API and the key work.",
    name: "Stripe API",
    intervalSeconds: 60,
    secrets: [{ name: "STRIPE_SECRET_KEY", hint: "A restricted key with Balance: read (rk_live_…)" }],
    config: {
      method: "GET",
      url: "https://api.stripe.com/v1/balance",
      auth: { type: "bearer", token: "{{secret.STRIPE_SECRET_KEY}}" },
      expectedStatus: "200",
      assertion: { type: "json_path", path: "$.object", equals: "balance" },
    },
    rateLimitHeaders: "none in responses; 429 with Retry-After when limited",
  },
  github: {
    label: "GitHub",
    summary: "Calls /rate_limit (free of charge against the quota) and records the core quota's headroom.",
    name: "GitHub API",
    intervalSeconds: 60,
    secrets: [{ name: "GITHUB_TOKEN", hint: "A fine-grained token; no permissions are needed for /rate_limit" }],
    config: {
      method: "GET",
      url: "https://api.github.com/rate_limit",
      auth: { type: "bearer", token: "{{secret.GITHUB_TOKEN}}" },
      headers: [
        { name: "Accept", value: "application/vnd.github+json" },
        { name: "X-GitHub-Api-Version", value: "2022-11-28" },
      ],
      expectedStatus: "200",
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "x-ratelimit-limit / -remaining / -reset (epoch seconds)",
  },
  slack: {
    label: "Slack",
    summary: "Calls auth.test with the bot token: Slack answers 200 even for a bad token, so the body's ok must be true.",
    name: "Slack API",
    intervalSeconds: 60,
    secrets: [{ name: "SLACK_BOT_TOKEN", hint: "The bot user OAuth token (xoxb-…)" }],
    config: {
      method: "POST",
      url: "https://slack.com/api/auth.test",
      auth: { type: "bearer", token: "{{secret.SLACK_BOT_TOKEN}}" },
      expectedStatus: "200",
      assertion: { type: "json_path", path: "$.ok", equals: "true" },
    },
    rateLimitHeaders: "429 with Retry-After when limited",
  },
  sendgrid: {
    label: "SendGrid",
    summary: "Lists the API key's scopes: proves the API and the key work without sending mail.",
    name: "SendGrid API",
    intervalSeconds: 60,
    secrets: [{ name: "SENDGRID_API_KEY", hint: "An API key (SG.…); any access level" }],
    config: {
      method: "GET",
      url: "https://api.sendgrid.com/v3/scopes",
      auth: { type: "bearer", token: "{{secret.SENDGRID_API_KEY}}" },
      expectedStatus: "200",
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "X-RateLimit-Limit / -Remaining / -Reset (epoch seconds)",
  },
  twilio: {
    label: "Twilio",
    summary: "Fetches the account resource with the account SID and auth token (basic auth).",
    name: "Twilio API",
    intervalSeconds: 60,
    secrets: [
      { name: "TWILIO_ACCOUNT_SID", hint: "The account SID (AC…)" },
      { name: "TWILIO_AUTH_TOKEN", hint: "The auth token, or an API key secret" },
    ],
    config: {
      method: "GET",
      url: "https://api.twilio.com/2010-04-01/Accounts/{{secret.TWILIO_ACCOUNT_SID}}.json",
      auth: { type: "basic", username: "{{secret.TWILIO_ACCOUNT_SID}}", password: "{{secret.TWILIO_AUTH_TOKEN}}" },
      expectedStatus: "200",
      assertion: { type: "json_path", path: "$.status", equals: "active" },
    },
    rateLimitHeaders: "429 when limited (concurrency-based)",
  },
  sentry: {
    label: "Sentry",
    summary: "Calls the API root with an auth token and records the rate-limit headroom Sentry reports.",
    name: "Sentry API",
    intervalSeconds: 60,
    secrets: [{ name: "SENTRY_AUTH_TOKEN", hint: "An organization or user auth token" }],
    config: {
      method: "GET",
      url: "https://sentry.io/api/0/",
      auth: { type: "bearer", token: "{{secret.SENTRY_AUTH_TOKEN}}" },
      expectedStatus: "200",
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "X-Sentry-Rate-Limit-Limit / -Remaining / -Reset",
  },
  s3: {
    label: "Amazon S3 (SigV4)",
    summary:
      "Lists at most one object of the bucket with SigV4-signed credentials: proves the bucket answers and the key may list it. A refused key or signature fails as auth with S3's own error code.",
    name: "S3 bucket",
    intervalSeconds: 60,
    secrets: [
      { name: "AWS_ACCESS_KEY_ID", hint: "An IAM access key (AKIA…) whose policy allows s3:ListBucket on this bucket" },
      { name: "AWS_SECRET_ACCESS_KEY", hint: "That access key's secret" },
    ],
    config: {
      method: "GET",
      url: "https://my-bucket.s3.us-east-1.amazonaws.com/?list-type=2&max-keys=1",
      auth: {
        type: "aws_sigv4",
        accessKeyId: "{{secret.AWS_ACCESS_KEY_ID}}",
        secretAccessKey: "{{secret.AWS_SECRET_ACCESS_KEY}}",
        region: "us-east-1",
        service: "s3",
      },
      expectedStatus: "200",
      assertion: { type: "body_contains", text: "<ListBucketResult" },
    },
    rateLimitHeaders: "503 SlowDown when throttled",
  },
  azure_blob: {
    label: "Azure Blob Storage",
    summary:
      "Lists at most one blob of the container with Shared Key (or a SAS token): proves the account answers and the credentials may list the container. A refused key or token fails as auth with Azure's error code.",
    name: "Azure Blob container",
    intervalSeconds: 60,
    secrets: [{ name: "AZURE_STORAGE_KEY", hint: "key1 or key2 under the storage account's Access keys (or choose SAS token and store that)" }],
    config: {
      method: "GET",
      url: "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&maxresults=1",
      auth: { type: "azure_shared_key", accountName: "myaccount", accountKey: "{{secret.AZURE_STORAGE_KEY}}" },
      expectedStatus: "200",
      assertion: { type: "body_contains", text: "<EnumerationResults" },
    },
    rateLimitHeaders: "503 ServerBusy (x-ms-error-code) when throttled",
  },
};
