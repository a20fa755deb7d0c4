// Provider presets: a known health-style endpoint, its auth scheme and the secrets it needs, for the services
// teams most often depend on. A preset only fills the form; the result is an ordinary HTTP integration, and
// rate-limit headroom, deprecation/sunset headers and credential expiry are read from every HTTP response anyway.
import type { HttpAuth, HttpConfig } from "./config";

export const PROVIDER_IDS = [
  "stripe",
  "square",
  "paypal",
  "github",
  "gitlab",
  "bitbucket",
  "slack",
  "discord",
  "sendgrid",
  "twilio",
  "sentry",
  "datadog",
  "newrelic",
  "s3",
  "azure_blob",
  "gcs",
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

type Secret = { name: string; hint: string };

/** One of a preset's alternatives (a region or site, sandbox or live, another kind of credential). */
export interface PresetVariant {
  id: string;
  label: string;
  /** Replaces the origin of the request URL and of a token endpoint, e.g. https://api.datadoghq.eu. */
  origin?: string;
  /** Replaces the preset's status page, where the variant's provider publishes its own (Datadog's EU site). */
  statusUrl?: string;
  auth?: HttpAuth;
  secrets?: Secret[];
}

export interface ProviderPreset {
  label: string;
  /** What the check does, in a sentence. */
  summary: string;
  name: string;
  intervalSeconds: number;
  /** Secrets the preset references, with where to find them. */
  secrets: Secret[];
  config: Partial<HttpConfig> & { url: string };
  /** Which rate-limit headers the provider sends, for the user's information. */
  rateLimitHeaders: string;
  /** Alternatives the user picks between; the first is the default and matches `config`. */
  variants?: { label: string; options: [PresetVariant, ...PresetVariant[]] };
  /** Anything else to change before saving, e.g. a bucket name or a self-managed host. */
  note?: string;
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
      assertions: [{ source: "json_path", property: "$.object", comparison: "equals", target: "balance" }],
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
      statusUrl: "https://www.githubstatus.com/api/v2/summary.json",
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
    summary:
      "Calls auth.test with the bot token: Slack answers 200 even for a bad token, so the body's ok must be true. A scope it lacks (x-oauth-scopes) is a warning.",
    name: "Slack API",
    intervalSeconds: 60,
    secrets: [{ name: "SLACK_BOT_TOKEN", hint: "The bot user OAuth token (xoxb-…)" }],
    config: {
      statusUrl: "https://slack-status.com/api/v2.0.0/current",
      method: "POST",
      url: "https://slack.com/api/auth.test",
      auth: { type: "bearer", token: "{{secret.SLACK_BOT_TOKEN}}" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.ok", comparison: "equals", target: "true" }],
      // What a bot that posts alerts needs; Slack lists the token's scopes in x-oauth-scopes.
      requiredScopes: ["chat:write"],
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
      statusUrl: "https://status.sendgrid.com/api/v2/summary.json",
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
      statusUrl: "https://status.twilio.com/api/v2/summary.json",
      method: "GET",
      url: "https://api.twilio.com/2010-04-01/Accounts/{{secret.TWILIO_ACCOUNT_SID}}.json",
      auth: { type: "basic", username: "{{secret.TWILIO_ACCOUNT_SID}}", password: "{{secret.TWILIO_AUTH_TOKEN}}" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.status", comparison: "equals", target: "active" }],
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
      statusUrl: "https://status.sentry.io/api/v2/summary.json",
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
      assertions: [{ source: "body", comparison: "contains", target: "<ListBucketResult" }],
    },
    rateLimitHeaders: "503 SlowDown when throttled",
  },
  square: {
    label: "Square",
    summary: "Lists the seller's locations with an access token: proves the API, the token and the pinned API version work.",
    name: "Square API",
    intervalSeconds: 60,
    secrets: [{ name: "SQUARE_ACCESS_TOKEN", hint: "A production access token from the Developer Console (Credentials), with MERCHANT_PROFILE_READ" }],
    config: {
      statusUrl: "https://www.issquareup.com/api/v2/summary.json",
      method: "GET",
      url: "https://connect.squareup.com/v2/locations",
      auth: { type: "bearer", token: "{{secret.SQUARE_ACCESS_TOKEN}}" },
      headers: [{ name: "Square-Version", value: "2025-01-23" }],
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.locations", comparison: "exists" }],
    },
    rateLimitHeaders: "none in responses; 429 with RATE_LIMITED when limited",
    variants: {
      label: "Environment",
      options: [
        { id: "production", label: "Production" },
        { id: "sandbox", label: "Sandbox", origin: "https://connect.squareupsandbox.com" },
      ],
    },
  },
  paypal: {
    label: "PayPal",
    summary:
      "Gets an OAuth2 token with the app's client ID and secret, then lists the app's webhooks: a refused token is auth_token, apart from an API outage.",
    name: "PayPal API",
    intervalSeconds: 60,
    secrets: [
      { name: "PAYPAL_CLIENT_ID", hint: "The REST app's client ID (Apps & Credentials)" },
      { name: "PAYPAL_CLIENT_SECRET", hint: "The same app's secret" },
    ],
    config: {
      method: "GET",
      url: "https://api-m.paypal.com/v1/notifications/webhooks",
      auth: {
        type: "oauth2_client_credentials",
        tokenUrl: "https://api-m.paypal.com/v1/oauth2/token",
        clientId: "{{secret.PAYPAL_CLIENT_ID}}",
        clientSecret: "{{secret.PAYPAL_CLIENT_SECRET}}",
      },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.webhooks", comparison: "exists" }],
    },
    rateLimitHeaders: "none in responses; 429 RATE_LIMIT_REACHED when limited",
    variants: {
      label: "Environment",
      options: [
        { id: "live", label: "Live" },
        { id: "sandbox", label: "Sandbox", origin: "https://api-m.sandbox.paypal.com" },
      ],
    },
  },
  gitlab: {
    label: "GitLab",
    summary: "Reads the token's own user: proves the API and the token work, and records the RateLimit-* headroom.",
    name: "GitLab API",
    intervalSeconds: 60,
    secrets: [{ name: "GITLAB_TOKEN", hint: "A personal, group or project access token with read_user (or read_api)" }],
    config: {
      method: "GET",
      url: "https://gitlab.com/api/v4/user",
      auth: { type: "api_key", name: "PRIVATE-TOKEN", value: "{{secret.GITLAB_TOKEN}}", in: "header" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.id", comparison: "exists" }],
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "RateLimit-Limit / -Remaining / -Reset (epoch seconds)",
    note: "Self-managed GitLab: replace https://gitlab.com in the URL with your instance's address.",
  },
  bitbucket: {
    label: "Bitbucket Cloud",
    summary: "Reads the authenticated user: proves the API and the credential work.",
    name: "Bitbucket API",
    intervalSeconds: 60,
    secrets: [
      { name: "BITBUCKET_USERNAME", hint: "Your Bitbucket username (for an API token: your Atlassian account email)" },
      { name: "BITBUCKET_APP_PASSWORD", hint: "An app password or API token with Account: read" },
    ],
    config: {
      statusUrl: "https://bitbucket.status.atlassian.com/api/v2/summary.json",
      method: "GET",
      url: "https://api.bitbucket.org/2.0/user",
      auth: { type: "basic", username: "{{secret.BITBUCKET_USERNAME}}", password: "{{secret.BITBUCKET_APP_PASSWORD}}" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.uuid", comparison: "exists" }],
    },
    rateLimitHeaders: "X-RateLimit-Limit / -Resource / -NearLimit; 429 when limited",
    variants: {
      label: "Credential",
      options: [
        { id: "app_password", label: "App password (basic)" },
        {
          id: "access_token",
          label: "Access token (bearer)",
          auth: { type: "bearer", token: "{{secret.BITBUCKET_ACCESS_TOKEN}}" },
          secrets: [{ name: "BITBUCKET_ACCESS_TOKEN", hint: "A workspace, project or repository access token" }],
        },
      ],
    },
  },
  discord: {
    label: "Discord",
    summary: "Reads the bot's own user with its bot token, and records the headroom of Discord's per-route bucket.",
    name: "Discord API",
    intervalSeconds: 60,
    secrets: [{ name: "DISCORD_BOT_TOKEN", hint: "The bot token (Developer Portal, your application, Bot)" }],
    config: {
      statusUrl: "https://discordstatus.com/api/v2/summary.json",
      method: "GET",
      url: "https://discord.com/api/v10/users/@me",
      auth: { type: "api_key", name: "Authorization", value: "Bot {{secret.DISCORD_BOT_TOKEN}}", in: "header" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.bot", comparison: "equals", target: "true" }],
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "X-RateLimit-Limit / -Remaining / -Reset-After / -Bucket; 429 with retry_after when limited",
  },
  datadog: {
    label: "Datadog",
    summary: "Validates the API key on your Datadog site: proves the API and the key work.",
    name: "Datadog API",
    intervalSeconds: 60,
    secrets: [{ name: "DD_API_KEY", hint: "An API key (Organization Settings, API Keys)" }],
    config: {
      statusUrl: "https://status.datadoghq.com/api/v2/summary.json",
      method: "GET",
      url: "https://api.datadoghq.com/api/v1/validate",
      auth: { type: "api_key", name: "DD-API-KEY", value: "{{secret.DD_API_KEY}}", in: "header" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.valid", comparison: "equals", target: "true" }],
      minRateLimitHeadroomPercent: 10,
    },
    rateLimitHeaders: "X-RateLimit-Limit / -Remaining / -Reset (seconds from now) / -Period",
    variants: {
      label: "Site",
      options: [
        { id: "us1", label: "US1" },
        { id: "eu", label: "EU", origin: "https://api.datadoghq.eu", statusUrl: "https://status.datadoghq.eu/api/v2/summary.json" },
        { id: "us3", label: "US3", origin: "https://api.us3.datadoghq.com" },
        { id: "us5", label: "US5", origin: "https://api.us5.datadoghq.com" },
        { id: "ap1", label: "AP1", origin: "https://api.ap1.datadoghq.com" },
      ],
    },
  },
  newrelic: {
    label: "New Relic",
    summary: "Asks NerdGraph for the key's user email: a GraphQL error (a bad key answers 200 with errors) fails with its message.",
    name: "New Relic NerdGraph",
    intervalSeconds: 60,
    secrets: [{ name: "NEW_RELIC_API_KEY", hint: "A user key (NRAK-…), API Keys in the UI" }],
    config: {
      statusUrl: "https://status.newrelic.com/api/v2/summary.json",
      method: "POST",
      url: "https://api.newrelic.com/graphql",
      auth: { type: "api_key", name: "API-Key", value: "{{secret.NEW_RELIC_API_KEY}}", in: "header" },
      headers: [{ name: "Content-Type", value: "application/json" }],
      body: JSON.stringify({ query: "{ actor { user { email } } }" }),
      expectedStatus: "200",
      assertions: [
        { source: "json_path", property: "$.errors", comparison: "is_empty" },
        { source: "json_path", property: "$.data.actor.user.email", comparison: "exists" },
      ],
    },
    rateLimitHeaders: "none in responses; NerdGraph limits concurrent requests per user",
    variants: {
      label: "Region",
      options: [
        { id: "us", label: "US" },
        { id: "eu", label: "EU", origin: "https://api.eu.newrelic.com" },
      ],
    },
  },
  gcs: {
    label: "Google Cloud Storage",
    summary: "Signs a JWT with a service-account key, exchanges it for an OAuth token, then reads the bucket's metadata.",
    name: "Google Cloud Storage",
    intervalSeconds: 60,
    secrets: [{ name: "GCP_SERVICE_ACCOUNT_KEY", hint: "The service account's JSON key file, whole; it needs storage.buckets.get on the bucket" }],
    config: {
      method: "GET",
      url: "https://storage.googleapis.com/storage/v1/b/my-bucket?fields=kind,name,location,storageClass,updated",
      auth: { type: "google_service_account", keyJson: "{{secret.GCP_SERVICE_ACCOUNT_KEY}}", scope: "https://www.googleapis.com/auth/devstorage.read_only" },
      expectedStatus: "200",
      assertions: [{ source: "json_path", property: "$.kind", comparison: "equals", target: "storage#bucket" }],
    },
    rateLimitHeaders: "none in responses; 429 when limited",
    note: "Replace my-bucket in the URL with your bucket's name.",
  },
  azure_blob: {
    label: "Azure Blob Storage",
    summary:
      "Lists at most one blob of the container with Shared Key (or a SAS token): proves the account answers and the credentials may list the container. A refused key or token fails as auth with Azure's error code.",
    name: "Azure Blob container",
    intervalSeconds: 60,
    secrets: [{ name: "AZURE_STORAGE_KEY", hint: "key1 or key2 under the storage account's Access keys" }],
    config: {
      method: "GET",
      url: "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&maxresults=1",
      auth: { type: "azure_shared_key", accountName: "myaccount", accountKey: "{{secret.AZURE_STORAGE_KEY}}" },
      expectedStatus: "200",
      assertions: [{ source: "body", comparison: "contains", target: "<EnumerationResults" }],
    },
    rateLimitHeaders: "503 ServerBusy (x-ms-error-code) when throttled",
    variants: {
      label: "Credential",
      options: [
        { id: "shared_key", label: "Shared Key" },
        {
          id: "sas",
          label: "SAS token",
          auth: { type: "azure_sas", sasToken: "{{secret.AZURE_STORAGE_SAS}}" },
          secrets: [{ name: "AZURE_STORAGE_SAS", hint: "A container SAS token with List permission (sp=l)" }],
        },
      ],
    },
    note: "Replace myaccount (in the URL and the Shared Key's account name) and mycontainer with yours.",
  },
};

/** The preset's request and secrets with one of its variants applied (the first when none or an unknown one is named). */
export function presetConfig(id: ProviderId, variantId?: string): { config: ProviderPreset["config"]; secrets: Secret[]; variant?: PresetVariant } {
  const preset = PROVIDER_PRESETS[id];
  const variant = preset.variants?.options.find((v) => v.id === variantId) ?? preset.variants?.options[0];
  if (!variant) return { config: preset.config, secrets: preset.secrets };
  const withOrigin = (url: string) => (variant.origin ? url.replace(/^https?:\/\/[^/]+/, variant.origin) : url);
  let auth = variant.auth ?? preset.config.auth;
  if (auth?.type === "oauth2_client_credentials") auth = { ...auth, tokenUrl: withOrigin(auth.tokenUrl) };
  const statusUrl = variant.statusUrl ?? preset.config.statusUrl;
  return { config: { ...preset.config, url: withOrigin(preset.config.url), auth, statusUrl }, secrets: variant.secrets ?? preset.secrets, variant };
}
