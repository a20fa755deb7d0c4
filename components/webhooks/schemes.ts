// The verification schemes as the source forms offer them.
export const SCHEMES = [
  { value: "stripe", label: "Stripe (Stripe-Signature)" },
  { value: "github", label: "GitHub (X-Hub-Signature-256)" },
  { value: "slack", label: "Slack (v0 signature)" },
  { value: "standard_webhooks", label: "Standard Webhooks / Svix" },
  { value: "hmac", label: "Generic HMAC" },
  { value: "none", label: "No verification" },
];
