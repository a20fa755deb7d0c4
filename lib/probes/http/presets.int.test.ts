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
import { PROVIDER_PRESETS, type ProviderId } from "./presets";

let server: Server;
let base: string;
let lastRequest: IncomingMessage | null = null;
const RESET = String(Math.floor(Date.parse("2026-11-24T13:00:00Z") / 1000));

/** What each provider sends back, header for header. The storage presets sign their requests: they run against s3rver and Azurite (auth/*.int.test.ts). */
const RESPONSES: Record<Exclude<ProviderId, "s3" | "azure_blob">, { status: number; headers: Record<string, string>; body: unknown }> = {
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

beforeAll(async () => {
  server = createServer((req, res) => {
    lastRequest = req;
    const provider = req.url!.split("/")[1] as keyof typeof RESPONSES;
    const r = RESPONSES[provider];
    res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
    res.end(req.method === "HEAD" ? undefined : JSON.stringify(r.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

async function probePreset(id: keyof typeof RESPONSES) {
  const preset = PROVIDER_PRESETS[id];
  // Same request, sent to the local stand-in instead of the provider's host.
  const config = httpConfigSchema.parse({ ...preset.config, url: preset.config.url.replace(/^https:\/\/[^/]+/, `${base}/${id}`) });
  const secrets = new Map(preset.secrets.map((s) => [s.name, new SecretValue(`${s.name.toLowerCase()}-value`)]));
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
    expect(run).toMatchObject({ ok: false, errorClass: "assertion", errorMessage: "JSON path $.ok is false, expected true" });
  });
});
