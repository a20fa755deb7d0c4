// Provider presets against a local server that answers with each provider's real response-header shapes:
// the preset's request (auth scheme, headers) arrives as the provider expects, and headroom and deprecation
// notices are recorded on the run.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialCircuit } from "../../domain/circuit";
import { fillSecrets } from "../../secrets/placeholders";
import { SecretValue } from "../../secrets/secret-value";
import { runProbe } from "../runner";
import { httpConfigSchema } from "./config";
import { httpProbe } from "./http-probe";
import { presetConfig, PROVIDER_PRESETS, type ProviderId } from "./presets";

let server: Server;
let base: string;
let lastRequest: IncomingMessage | null = null;
const RESET = String(Math.floor(Date.parse("2026-11-24T13:00:00Z") / 1000));

type Answer = { status: number; headers: Record<string, string>; body: unknown };
type FixedId = "github" | "sendgrid" | "sentry" | "stripe" | "slack" | "twilio";
/**
 * The token-based presets (PayPal, GCS) have their own stand-ins in ./auth/token-auth.int.test.ts; the signed storage
 * presets (S3, Azure Blob) run against s3rver and Azurite in ./auth/aws-sigv4.int.test.ts and ./auth/azure-blob.int.test.ts.
 */
type CheckedId = Exclude<ProviderId, FixedId | "paypal" | "gcs" | "s3" | "azure_blob">;

/** What each provider sends back, header for header. */
const RESPONSES: Record<FixedId, Answer> = {
  github: {
    status: 200,
    headers: {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4000",
      "x-ratelimit-reset": RESET,
      "x-ratelimit-used": "1000",
      "x-ratelimit-resource": "core",
      "x-github-api-version-selected": "2022-11-28",
    },
    body: { resources: {} },
  },
  sendgrid: {
    status: 200,
    headers: { "X-RateLimit-Limit": "600", "X-RateLimit-Remaining": "598", "X-RateLimit-Reset": RESET },
    body: { scopes: ["mail.send"] },
  },
  sentry: {
    status: 200,
    headers: {
      "X-Sentry-Rate-Limit-Limit": "40",
      "X-Sentry-Rate-Limit-Remaining": "39",
      "X-Sentry-Rate-Limit-Reset": RESET,
      "X-Sentry-Rate-Limit-ConcurrentLimit": "25",
    },
    body: { version: "0" },
  },
  stripe: { status: 200, headers: { "request-id": "req_123", "stripe-version": "2024-06-20" }, body: { object: "balance", available: [] } },
  slack: { status: 200, headers: { "x-slack-req-id": "abc" }, body: { ok: true, team: "T1" } },
  twilio: {
    status: 200,
    headers: {
      "twilio-request-id": "RQ1",
      deprecation: "@1767225600",
      sunset: "Tue, 01 Dec 2026 00:00:00 GMT",
      link: '<https://www.twilio.com/changelog>; rel="deprecation"',
    },
    body: { status: "active" },
  },
};

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/**
 * Stand-ins that check the credential the way the provider does: the right one gets the provider's answer, a
 * wrong one its real refusal (status and error body). The good values are what `probePreset` fills in.
 */
const CHECKED: Record<CheckedId, { path: string; method?: string; authorized: (req: IncomingMessage, body: string) => boolean; ok: Answer; refused: Answer }> =
  {
    square: {
      path: "/v2/locations",
      authorized: (req) => req.headers.authorization === "Bearer square_access_token-value" && req.headers["square-version"] === "2025-01-23",
      ok: { status: 200, headers: { "square-version": "2025-01-23" }, body: { locations: [{ id: "L1", name: "Main", status: "ACTIVE" }] } },
      refused: {
        status: 401,
        headers: {},
        body: { errors: [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED", detail: "This request could not be authorized." }] },
      },
    },
    gitlab: {
      path: "/api/v4/user",
      authorized: (req) => req.headers["private-token"] === "gitlab_token-value",
      ok: {
        status: 200,
        headers: { "RateLimit-Limit": "2000", "RateLimit-Remaining": "1990", "RateLimit-Reset": RESET, "RateLimit-Observed": "10" },
        body: { id: 1, username: "monitor", state: "active" },
      },
      refused: { status: 401, headers: {}, body: { message: "401 Unauthorized" } },
    },
    bitbucket: {
      path: "/2.0/user",
      authorized: (req) =>
        req.headers.authorization === basic("bitbucket_username-value", "bitbucket_app_password-value") ||
        req.headers.authorization === "Bearer bitbucket_access_token-value",
      ok: {
        status: 200,
        headers: { "X-RateLimit-Limit": "1000", "X-RateLimit-NearLimit": "false" },
        body: { type: "user", uuid: "{u-1}", username: "monitor" },
      },
      refused: { status: 401, headers: {}, body: { type: "error", error: { message: "Unauthorized" } } },
    },
    discord: {
      path: "/api/v10/users/@me",
      authorized: (req) => req.headers.authorization === "Bot discord_bot_token-value",
      ok: {
        status: 200,
        headers: {
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "4",
          "x-ratelimit-reset": "1795521601.5",
          "x-ratelimit-reset-after": "1.5",
          "x-ratelimit-bucket": "b7c2a9f0e1d3",
        },
        body: { id: "80351110224678912", username: "tether-bot", bot: true },
      },
      refused: { status: 401, headers: {}, body: { message: "401: Unauthorized", code: 0 } },
    },
    datadog: {
      path: "/api/v1/validate",
      authorized: (req) => req.headers["dd-api-key"] === "dd_api_key-value",
      ok: {
        status: 200,
        headers: {
          "X-RateLimit-Limit": "3000",
          "X-RateLimit-Period": "60",
          "X-RateLimit-Remaining": "2999",
          "X-RateLimit-Reset": "30",
          "X-RateLimit-Name": "validate",
        },
        body: { valid: true },
      },
      refused: { status: 403, headers: {}, body: { errors: ["Forbidden"] } },
    },
    newrelic: {
      path: "/graphql",
      method: "POST",
      authorized: (req, body) => req.headers["api-key"] === "new_relic_api_key-value" && JSON.parse(body).query === "{ actor { user { email } } }",
      ok: { status: 200, headers: {}, body: { data: { actor: { user: { email: "monitor@example.com" } } } } },
      // NerdGraph answers 200 and says what went wrong in the GraphQL errors array.
      refused: {
        status: 200,
        headers: {},
        body: { data: { actor: { user: null } }, errors: [{ extensions: { errorClass: "UNAUTHORIZED" }, message: "Invalid API key" }] },
      },
    },
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    lastRequest = req;
    const provider = req.url!.split("/")[1]!;
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      let r: Answer;
      if (provider in CHECKED) {
        const c = CHECKED[provider as CheckedId];
        const path = req.url!.slice(provider.length + 1).split("?")[0];
        r =
          path !== c.path || req.method !== (c.method ?? "GET")
            ? { status: 404, headers: {}, body: { message: "404 Not Found" } }
            : c.authorized(req, body)
              ? c.ok
              : c.refused;
      } else r = RESPONSES[provider as FixedId];
      res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

async function probePreset(id: ProviderId, { variant, wrong }: { variant?: string; wrong?: boolean } = {}) {
  const preset = presetConfig(id, variant);
  // Same request, sent to the local stand-in instead of the provider's host.
  const config = httpConfigSchema.parse({ ...preset.config, url: preset.config.url.replace(/^https:\/\/[^/]+/, `${base}/${id}`) });
  const secrets = new Map(preset.secrets.map((s) => [s.name, new SecretValue(wrong ? "revoked-credential" : `${s.name.toLowerCase()}-value`)]));
  return runProbe({
    probe: httpProbe,
    config: fillSecrets(config, secrets),
    timeoutMs: 2_000,
    retries: 0,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    outbound: { allowPrivateNetworks: true },
    now: () => Date.parse("2026-11-24T12:00:00Z"),
  });
}

describe("provider presets", () => {
  it.each(["github", "sendgrid", "sentry"] as const)("%s: passes and records the rate-limit headroom from the provider's headers", async (id) => {
    const run = await probePreset(id);
    expect(run.ok).toBe(true);
    expect(run.details?.rateLimit).toMatchObject({ resetAt: "2026-11-24T13:00:00.000Z", headroom: expect.any(Number) });
    expect(lastRequest?.headers.authorization).toBe(`Bearer ${PROVIDER_PRESETS[id].secrets[0]!.name.toLowerCase()}-value`);
  });

  it("github: sends the API version headers GitHub expects", async () => {
    await probePreset("github");
    expect(lastRequest?.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(lastRequest?.headers.accept).toBe("application/vnd.github+json");
  });

  it("fails as rate_limited when headroom falls under the preset's floor", async () => {
    RESPONSES.github.headers["x-ratelimit-remaining"] = "100";
    const run = await probePreset("github");
    expect(run).toMatchObject({ ok: false, errorClass: "rate_limited", errorMessage: "Rate-limit headroom 2.0% (100 of 5000 left) is under 10%" });
  });

  it("twilio: basic auth from two secrets, the SID in the URL, and the deprecation notice recorded", async () => {
    const run = await probePreset("twilio");
    expect(run.ok).toBe(true);
    expect(lastRequest?.url).toBe("/twilio/2010-04-01/Accounts/twilio_account_sid-value.json");
    expect(lastRequest?.headers.authorization).toBe(`Basic ${Buffer.from("twilio_account_sid-value:twilio_auth_token-value").toString("base64")}`);
    expect(run.details?.deprecation).toEqual({
      deprecatedAt: "2026-01-01T00:00:00.000Z",
      sunsetAt: "2026-12-01T00:00:00.000Z",
      daysUntilSunset: 6,
      link: "https://www.twilio.com/changelog",
    });
  });

  it.each(["stripe", "slack"] as const)("%s: passes against the provider's answer", async (id) => {
    const run = await probePreset(id);
    expect(run).toMatchObject({ ok: true });
  });

  it("slack: a 200 with ok:false (bad token) fails the assertion", async () => {
    RESPONSES.slack.body = { ok: false, error: "invalid_auth" };
    const run = await probePreset("slack");
    expect(run).toMatchObject({ ok: false, errorClass: "assertion", errorMessage: "Assertion failed: $.ok equals true (saw false)" });
  });
});

describe("provider presets that check the credential", () => {
  it.each(["square", "gitlab", "bitbucket", "discord", "datadog", "newrelic"] as const)("%s: passes with the right credential", async (id) => {
    const run = await probePreset(id);
    expect(run).toMatchObject({ ok: true, httpStatus: 200, errorClass: null });
  });

  it.each([
    ["square", { errorClass: "http_status", httpStatus: 401, errorMessage: "HTTP 401, expected 200" }, "AUTHENTICATION_ERROR"],
    ["gitlab", { errorClass: "http_status", httpStatus: 401 }, "401 Unauthorized"],
    ["bitbucket", { errorClass: "http_status", httpStatus: 401 }, '"type":"error"'],
    ["discord", { errorClass: "http_status", httpStatus: 401 }, "401: Unauthorized"],
    ["datadog", { errorClass: "http_status", httpStatus: 403, errorMessage: "HTTP 403, expected 200" }, "Forbidden"],
    [
      "newrelic",
      {
        errorClass: "assertion",
        httpStatus: 200,
        errorMessage: expect.stringMatching(/^2 of 2 assertions failed: \$\.errors is empty \(saw .*Invalid API key/),
      },
      "UNAUTHORIZED",
    ],
  ] as const)("%s: a wrong credential fails with the provider's refusal", async (id, expected, inBody) => {
    const run = await probePreset(id, { wrong: true });
    expect(run).toMatchObject({ ok: false, ...expected });
    expect(run.trace.attempts.at(-1)?.bodyExcerpt).toContain(inBody);
  });

  it("square: pins the API version with the Square-Version header", async () => {
    await probePreset("square");
    expect(lastRequest?.headers["square-version"]).toBe("2025-01-23");
  });

  it("gitlab: records the RateLimit-* headroom (reset in epoch seconds)", async () => {
    const run = await probePreset("gitlab");
    expect(run.details?.rateLimit).toEqual({ limit: 2000, remaining: 1990, resetAt: "2026-11-24T13:00:00.000Z", headroom: 0.995, source: "ratelimit" });
  });

  it("discord: sends the bot token as 'Bot', and reads the bucket and Reset-After", async () => {
    const run = await probePreset("discord");
    expect(lastRequest?.headers.authorization).toBe("Bot discord_bot_token-value");
    expect(run.details?.rateLimit).toEqual({
      limit: 5,
      remaining: 4,
      resetAt: "2026-11-24T12:00:01.500Z",
      headroom: 0.8,
      source: "x-ratelimit",
      bucket: "b7c2a9f0e1d3",
    });
  });

  it("discord: a nearly spent bucket fails as rate_limited", async () => {
    CHECKED.discord.ok.headers["x-ratelimit-remaining"] = "0";
    const run = await probePreset("discord");
    CHECKED.discord.ok.headers["x-ratelimit-remaining"] = "4";
    expect(run).toMatchObject({ ok: false, errorClass: "rate_limited", errorMessage: "Rate-limit headroom 0.0% (0 of 5 left) is under 10%" });
  });

  it("bitbucket: the access-token variant sends a bearer token instead of basic auth", async () => {
    const run = await probePreset("bitbucket", { variant: "access_token" });
    expect(run.ok).toBe(true);
    expect(lastRequest?.headers.authorization).toBe("Bearer bitbucket_access_token-value");
  });

  it("datadog: validates with DD-API-KEY and reads the relative reset", async () => {
    const run = await probePreset("datadog");
    expect(lastRequest?.headers["dd-api-key"]).toBe("dd_api_key-value");
    expect(run.details?.rateLimit).toMatchObject({ remaining: 2999, resetAt: "2026-11-24T12:00:30.000Z" });
  });

  it("newrelic: posts the NerdGraph query with API-Key", async () => {
    await probePreset("newrelic");
    expect(lastRequest).toMatchObject({ method: "POST", url: "/newrelic/graphql" });
    expect(lastRequest?.headers["api-key"]).toBe("new_relic_api_key-value");
  });

  it("github: records the token's expiry from GitHub-Authentication-Token-Expiration", async () => {
    RESPONSES.github.headers["x-ratelimit-remaining"] = "4000";
    RESPONSES.github.headers["github-authentication-token-expiration"] = "2026-12-04 12:00:00 UTC";
    const run = await probePreset("github");
    expect(run.ok).toBe(true);
    expect(run.details?.credential).toEqual({ source: "token_expiration", expiresAt: "2026-12-04T12:00:00.000Z", daysLeft: 10 });
  });

  it("slack: a scope the preset needs but the token lacks is a warning on a passing run", async () => {
    RESPONSES.slack.body = { ok: true, team: "T1" };
    RESPONSES.slack.headers["x-oauth-scopes"] = "channels:read,users:read";
    const run = await probePreset("slack");
    expect(run).toMatchObject({ ok: true, errorClass: null });
    expect(run.details).toMatchObject({ scopes: { missing: ["chat:write"] }, warnings: ["The token lacks the scope chat:write"] });
  });
});
