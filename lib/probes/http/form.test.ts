import { describe, expect, it } from "vitest";
import { httpConfigSchema, type HttpConfig } from "./config";
import { httpConfigFromForm, httpFormFromConfig } from "./form";
import { firstMessagePerField } from "../testing/schema-messages";

describe("HTTP form conversion", () => {
  it("starts a new check from the schema's defaults", () => {
    const form = httpFormFromConfig();
    expect(form).toMatchObject({ method: "GET", url: "", headers: [], expectedStatus: "2xx", assertions: [], authType: "none", apiKeyIn: "header" });
    expect(httpConfigSchema.parse(httpConfigFromForm({ ...form, url: "https://api.example.com/health" }))).toEqual(
      httpConfigSchema.parse({ url: "https://api.example.com/health" }),
    );
  });

  it("round-trips a full config through the form's text", () => {
    const config: HttpConfig = {
      method: "POST",
      url: "https://api.example.com/check",
      headers: [{ name: "Accept", value: "application/json" }],
      body: '{"ping": true}',
      expectedStatus: "200,204",
      latencyBudgetMs: 800,
      minRateLimitHeadroomPercent: 10,
      auth: { type: "api_key", name: "X-Key", value: "{{secret.KEY}}", in: "query" },
      assertions: [
        { source: "json_path", property: "$.status", comparison: "equals", target: "ok" },
        { source: "header", property: "content-type", comparison: "contains", target: "json" },
        { source: "response_time", comparison: "less_than", target: "300" },
        { source: "json_path", property: "$.id", comparison: "exists" },
      ],
    };
    const form = httpFormFromConfig(config);
    expect(form).toMatchObject({ latencyBudgetMs: "800", minHeadroom: "10", apiKeyName: "X-Key", apiKeyIn: "query" });
    expect(form.assertions.map((r) => [r.source, r.property, r.comparison, r.target])).toEqual([
      ["json_path", "$.status", "equals", "ok"],
      ["header", "content-type", "contains", "json"],
      ["response_time", "", "less_than", "300"],
      ["json_path", "$.id", "exists", ""],
    ]);
    expect(httpConfigFromForm(form)).toEqual(config);
  });

  it("sends only the chosen auth and assertion, no blank headers, and no body with GET or HEAD", () => {
    const form = {
      ...httpFormFromConfig({ url: "https://x.test" }),
      headers: [
        { name: " ", value: "" },
        { name: "Accept", value: "*/*" },
      ],
      body: "typed for a POST",
      authToken: "kept while another type is chosen",
      authType: "basic" as const,
      authUsername: "monitor",
    };
    expect(httpConfigFromForm(form)).toMatchObject({
      headers: [{ name: "Accept", value: "*/*" }],
      body: undefined,
      auth: { type: "basic", username: "monitor", password: "" },
    });
    expect(httpConfigFromForm({ ...form, method: "HEAD" }).body).toBeUndefined();
    expect(httpConfigFromForm({ ...form, method: "PUT" }).body).toBe("typed for a POST");
    expect(httpConfigFromForm({ ...form, authType: "bearer" }).auth).toEqual({ type: "bearer", token: "kept while another type is chosen" });
  });

  it("leaves blank optional numbers out", () => {
    const config = httpConfigFromForm({ ...httpFormFromConfig({ url: "https://x.test" }), latencyBudgetMs: " " });
    expect(config).toMatchObject({ latencyBudgetMs: undefined, minRateLimitHeadroomPercent: undefined });
  });

  it("turns an old single assertion into rows meaning the same, and sends only the list", () => {
    const form = httpFormFromConfig({ url: "https://x.test", assertion: { type: "graphql", path: "$.data.actor" } });
    expect(form.assertions.map((r) => [r.source, r.property, r.comparison])).toEqual([
      ["json_path", "$.errors", "is_empty"],
      ["json_path", "$.data.actor", "exists"],
    ]);
    const sent = httpConfigFromForm(form);
    expect(sent).not.toHaveProperty("assertion");
    expect(sent.assertions).toEqual([
      { source: "json_path", property: "$.errors", comparison: "is_empty" },
      { source: "json_path", property: "$.data.actor", comparison: "exists" },
    ]);
  });

  it("round-trips JSON Schema assertions, pasted and from an OpenAPI operation, and keeps typed fields of other sources out", () => {
    const config: HttpConfig = {
      ...httpConfigSchema.parse({ url: "https://x.test" }),
      assertions: [
        { source: "json_schema", schema: { type: "object", required: ["id"] } },
        { source: "json_schema", openapi: { url: "https://x.test/openapi.json", path: "/v1/user", method: "get", status: "200" } },
      ],
    };
    const form = httpFormFromConfig(config);
    expect(httpConfigSchema.parse(httpConfigFromForm(form))).toEqual(config);
    const status = { ...form.assertions[0]!, source: "status" as const, property: "typed earlier", comparison: "equals" as const, target: "200" };
    expect(httpConfigFromForm({ ...form, assertions: [status] }).assertions).toEqual([{ source: "status", comparison: "equals", target: "200" }]);
  });

  it("round-trips the token-based auth types and required scopes", () => {
    const oauth: HttpConfig = {
      method: "GET",
      url: "https://api-m.paypal.com/v1/notifications/webhooks",
      headers: [],
      expectedStatus: "200",
      requiredScopes: ["chat:write", "users:read"],
      auth: {
        type: "oauth2_client_credentials",
        tokenUrl: "https://api-m.paypal.com/v1/oauth2/token",
        clientId: "{{secret.ID}}",
        clientSecret: "{{secret.SECRET}}",
      },
      assertions: [],
    };
    const form = httpFormFromConfig(oauth);
    expect(form).toMatchObject({ authType: "oauth2_client_credentials", requiredScopes: "chat:write, users:read" });
    expect(httpConfigFromForm(form)).toEqual(oauth);
    expect(httpConfigFromForm({ ...form, oauthScope: " a b ", requiredScopes: "x y,z" })).toMatchObject({
      auth: { scope: "a b" },
      requiredScopes: ["x", "y", "z"],
    });
    expect(httpConfigFromForm({ ...form, statusUrl: " https://status.example.com/api/v2/summary.json " }).statusUrl).toBe(
      "https://status.example.com/api/v2/summary.json",
    );
    expect(httpConfigFromForm({ ...form, statusUrl: " " }).statusUrl).toBeUndefined();

    const google = httpFormFromConfig({
      url: "https://storage.googleapis.com/storage/v1/b/b1",
      auth: { type: "google_service_account", keyJson: "{{secret.KEY}}", scope: "s" },
    });
    expect(httpConfigFromForm(google).auth).toEqual({ type: "google_service_account", keyJson: "{{secret.KEY}}", scope: "s" });
  });

  it("names the field of a token-based auth type that is missing", () => {
    const form = { ...httpFormFromConfig({ url: "https://x.test" }), authType: "oauth2_client_credentials" as const, tokenUrl: "not a url" };
    const issues = httpConfigSchema.safeParse(httpConfigFromForm(form)).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toEqual([
      "auth.tokenUrl: Enter the token endpoint's full https:// URL",
      "auth.clientId: Enter the client ID, e.g. {{secret.CLIENT_ID}}",
      "auth.clientSecret: Enter the client secret, e.g. {{secret.CLIENT_SECRET}}",
    ]);
  });

  it("round-trips the signed storage auth types, each keeping its own fields", () => {
    const sigv4: HttpConfig["auth"] = {
      type: "aws_sigv4",
      accessKeyId: "{{secret.AWS_ACCESS_KEY_ID}}",
      secretAccessKey: "{{secret.AWS_SECRET_ACCESS_KEY}}",
      region: "eu-west-1",
      service: "s3",
    };
    const sharedKey: HttpConfig["auth"] = { type: "azure_shared_key", accountName: "myaccount", accountKey: "{{secret.AZURE_STORAGE_KEY}}" };
    const sas: HttpConfig["auth"] = { type: "azure_sas", sasToken: "{{secret.AZURE_STORAGE_SAS}}" };
    for (const auth of [sigv4, sharedKey, sas]) {
      const config = httpConfigSchema.parse({ url: "https://x.test", auth });
      expect(httpConfigFromForm(httpFormFromConfig(config)).auth).toEqual(auth);
    }
    const form = { ...httpFormFromConfig({ url: "https://x.test", auth: sigv4 }), authType: "azure_sas" as const };
    expect(form.awsSigV4).toMatchObject({ region: "eu-west-1", sessionToken: "" });
    expect(
      httpConfigFromForm({ ...form, authType: "aws_sigv4", awsSigV4: { ...form.awsSigV4, sessionToken: "{{secret.AWS_SESSION_TOKEN}}" } }).auth,
    ).toMatchObject({
      sessionToken: "{{secret.AWS_SESSION_TOKEN}}",
    });
    expect(httpFormFromConfig().awsSigV4).toEqual({ accessKeyId: "", secretAccessKey: "", sessionToken: "", region: "us-east-1", service: "s3" });
  });

  it("says beside each storage credential what is wrong, and wants secrets as references", () => {
    const form = httpFormFromConfig({ url: "https://x.test" });
    const sigv4 = httpConfigFromForm({ ...form, authType: "aws_sigv4", awsSigV4: { ...form.awsSigV4, secretAccessKey: "wJalrXUtnFEMI", region: "EU West" } });
    expect(firstMessagePerField(httpConfigSchema, sigv4)).toEqual({
      "auth.accessKeyId": "Enter the access key ID, e.g. AKIA… or {{secret.AWS_ACCESS_KEY_ID}}",
      "auth.secretAccessKey": "The secret access key must be a secret reference, e.g. {{secret.AWS_SECRET_ACCESS_KEY}}",
      "auth.region": "A region is lower-case letters, digits and dashes, e.g. eu-west-1",
    });
    const azure = httpConfigFromForm({ ...form, authType: "azure_shared_key", azureBlob: { accountName: "My_Account", accountKey: "", sasToken: "" } });
    expect(firstMessagePerField(httpConfigSchema, azure)).toEqual({
      "auth.accountName": "A storage account name is 3 to 24 lower-case letters and digits",
      "auth.accountKey": "Enter the account key, e.g. {{secret.AZURE_STORAGE_KEY}}",
    });
    const sas = httpConfigFromForm({ ...form, authType: "azure_sas", azureBlob: { accountName: "", accountKey: "", sasToken: "sv=2025-01-05&sig=abc" } });
    expect(firstMessagePerField(httpConfigSchema, sas)).toEqual({
      "auth.sasToken": "The SAS token must be a secret reference, e.g. {{secret.AZURE_STORAGE_SAS}}",
    });
  });
});

describe("response-shape tracking in the form", () => {
  it("is on for a check that never set it, and only switching it off is stored", () => {
    const on = httpFormFromConfig({ url: "https://api.example.com/v1" });
    expect(on.trackShape).toBe(true);
    expect(httpConfigFromForm(on).trackShape).toBeUndefined();
    const off = httpFormFromConfig({ url: "https://api.example.com/v1", trackShape: false });
    expect(off.trackShape).toBe(false);
    expect(httpConfigFromForm(off).trackShape).toBe(false);
  });
});
