import { describe, expect, it } from "vitest";
import { httpConfigSchema } from "./config";
import { presetConfig, PROVIDER_IDS, PROVIDER_PRESETS } from "./presets";

describe("provider presets", () => {
  it("names each provider's public status page in the format it speaks; Stripe, PayPal, GitLab and the clouds have none we read", () => {
    const withStatus = PROVIDER_IDS.filter((id) => PROVIDER_PRESETS[id].config.statusUrl);
    expect(withStatus.sort()).toEqual(["bitbucket", "datadog", "discord", "github", "newrelic", "sendgrid", "sentry", "slack", "square", "twilio"]);
    for (const id of withStatus) {
      const url = PROVIDER_PRESETS[id].config.statusUrl!;
      expect(url).toMatch(id === "slack" ? /^https:\/\/slack-status\.com\/api\/v2\.0\.0\/current$/ : /^https:\/\/[^/]+\/api\/v2\/summary\.json$/);
    }
  });

  it("a site with its own status page names it: Datadog EU", () => {
    expect(presetConfig("datadog", "eu").config.statusUrl).toBe("https://status.datadoghq.eu/api/v2/summary.json");
    expect(presetConfig("datadog", "us3").config.statusUrl).toBe("https://status.datadoghq.com/api/v2/summary.json");
  });

  it("accepts only an http(s) status URL", () => {
    const base = { url: "https://api.example.com/health" };
    expect(httpConfigSchema.safeParse({ ...base, statusUrl: "https://status.example.com/api/v2/summary.json" }).success).toBe(true);
    expect(httpConfigSchema.safeParse({ ...base, statusUrl: "ftp://status.example.com/" }).success).toBe(false);
    expect(httpConfigSchema.safeParse({ ...base, statusUrl: "status page" }).success).toBe(false);
  });

  it.each(PROVIDER_IDS)("%s: every variant is a valid HTTP config that references only the secrets it lists", (id) => {
    for (const variant of PROVIDER_PRESETS[id].variants?.options ?? [undefined]) {
      const { config, secrets } = presetConfig(id, variant?.id);
      expect(httpConfigSchema.safeParse(config).success).toBe(true);
      const referenced = [...JSON.stringify(config).matchAll(/\{\{secret\.([A-Z0-9_]+)\}\}/g)].map((m) => m[1]);
      expect(new Set(referenced)).toEqual(new Set(secrets.map((s) => s.name)));
    }
  });

  it("a site or region moves the request (and a token endpoint) to that host", () => {
    expect(presetConfig("datadog", "eu").config.url).toBe("https://api.datadoghq.eu/api/v1/validate");
    expect(presetConfig("datadog", "ap1").config.url).toBe("https://api.ap1.datadoghq.com/api/v1/validate");
    expect(presetConfig("newrelic", "eu").config.url).toBe("https://api.eu.newrelic.com/graphql");
    const sandbox = presetConfig("paypal", "sandbox").config;
    expect([sandbox.url, sandbox.auth?.type === "oauth2_client_credentials" && sandbox.auth.tokenUrl]).toEqual([
      "https://api-m.sandbox.paypal.com/v1/notifications/webhooks",
      "https://api-m.sandbox.paypal.com/v1/oauth2/token",
    ]);
  });

  it("the first variant is the default, also for an unknown one", () => {
    expect(presetConfig("datadog").config).toEqual(PROVIDER_PRESETS.datadog.config);
    expect(presetConfig("datadog", "mars").variant?.id).toBe("us1");
    expect(presetConfig("bitbucket", "access_token")).toMatchObject({
      config: { auth: { type: "bearer" } },
      secrets: [{ name: "BITBUCKET_ACCESS_TOKEN" }],
    });
    expect(presetConfig("azure_blob", "sas")).toMatchObject({
      config: { auth: { type: "azure_sas", sasToken: "{{secret.AZURE_STORAGE_SAS}}" } },
      secrets: [{ name: "AZURE_STORAGE_SAS" }],
    });
  });
});
